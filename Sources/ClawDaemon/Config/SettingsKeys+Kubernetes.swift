import ClawCore

extension SettingsKey {
    /// The cluster of `runtime: kubernetes`.
    static let kubernetesKeys: [SettingsKey] = [
        .init(name: "kubernetes_namespace") { s, v throws(SettingsProblem) in
            guard KubernetesNames.isLabel(v) else {
                throw SettingsProblem("'\(v)' is not a namespace name (1-63 chars of [a-z0-9-], starting and ending alphanumeric)")
            }
            s.kubernetes.namespace = v
        },
        .init(name: "kubeconfig") { s, v throws(SettingsProblem) in
            s.kubernetes.kubeconfig = v.isEmpty ? nil : try SettingsParse.path(v)
        },
        .init(name: "kubernetes_storage_class") { s, v throws(SettingsProblem) in
            s.kubernetes.storageClass = try KubernetesNames.optionalSubdomain(v, what: "storage class")
        },
        .init(name: "kubernetes_ingress_class") { s, v throws(SettingsProblem) in
            s.kubernetes.ingressClass = try KubernetesNames.optionalSubdomain(v, what: "ingress class")
        },
        .init(name: "kubernetes_domain") { s, v throws(SettingsProblem) in
            s.kubernetes.domain = try KubernetesNames.optionalSubdomain(v.lowercased(), what: "domain")
        },
    ] + Tier.allCases.map { tier in
        .init(name: "kubernetes_volume_size_\(tier.rawValue)") { s, v throws(SettingsProblem) in
            guard KubernetesNames.isQuantity(v) else {
                throw SettingsProblem("'\(v)' is not a storage size like 10Gi or 500Mi")
            }
            switch tier {
            case .budget: s.kubernetes.volumeSizes.budget = v
            case .balanced: s.kubernetes.volumeSizes.balanced = v
            case .pro: s.kubernetes.volumeSizes.pro = v
            }
        }
    }
}

/// The name rules of Kubernetes (RFC 1123 labels and subdomains) and its quantities.
enum KubernetesNames {
    static func isLabel(_ v: String) -> Bool {
        guard (1...63).contains(v.utf8.count), let first = v.utf8.first, let last = v.utf8.last else { return false }
        let alnum: (UInt8) -> Bool = { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) }
        return alnum(first) && alnum(last) && v.utf8.allSatisfy { alnum($0) || $0 == 0x2d }
    }

    static func isSubdomain(_ v: String) -> Bool {
        v.utf8.count <= 253 && v.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }

    /// Empty: nil (the cluster's default).
    static func optionalSubdomain(_ v: String, what: String) throws(SettingsProblem) -> String? {
        guard !v.isEmpty else { return nil }
        guard isSubdomain(v) else { throw SettingsProblem("'\(v)' is not a valid \(what) (lower-case DNS name)") }
        return v
    }

    /// A positive whole number with an optional binary or decimal suffix (`5Gi`, `500M`).
    static func isQuantity(_ v: String) -> Bool {
        let suffixes = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E", ""]
        return suffixes.contains { suffix in
            guard v.hasSuffix(suffix) else { return false }
            let digits = v.dropLast(suffix.count)
            return !digits.isEmpty && digits.count <= 15 && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
                && digits.contains { $0 != "0" }
        }
    }
}

extension Settings {
    /// What `runtime: kubernetes` cannot do, refused at startup: volumes on a cluster are not
    /// measured (the claim's size, `kubernetes_volume_size_<tier>`, is the limit).
    func checkKubernetes() throws(ConfigError) {
        guard runtime == .kubernetes else { return }
        if Tier.allCases.contains(where: { diskUsage.limits.limitBytes($0) != nil }) {
            throw ConfigError(key: "disk_limit_mb_*", source: "runtime: kubernetes",
                              problem: "disk limits are measured on local volumes only; on Kubernetes the claim size "
                                  + "(kubernetes_volume_size_<tier>) is the limit: set them to 0")
        }
    }
}
