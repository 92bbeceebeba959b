import ClawCore
import Foundation
import Logging

extension SettingsKey {
    /// Every key clawd understands. `etc/clawd.yaml` documents each one; a test keeps them in step.
    static let all: [SettingsKey] = [
        .init(name: "listen") { s, v throws(SettingsProblem) in (s.listenHost, s.listenPort) = try SettingsParse.listen(v) },
        .init(name: "console_url") { s, v throws(SettingsProblem) in
            s.consoleURL = v.isEmpty ? "" : try SettingsParse.baseURL(v)
        },
        .init(name: "socket") { s, v throws(SettingsProblem) in
            let p = try SettingsParse.path(v)
            guard p.utf8.count < 108 else { throw SettingsProblem("socket path is longer than 107 bytes") }
            s.socketPath = p
        },
        .init(name: "data_dir") { s, v throws(SettingsProblem) in s.dataDir = try SettingsParse.path(v) },
        .init(name: "runtime") { s, v throws(SettingsProblem) in s.runtime = try SettingsParse.oneOf(v, Settings.RuntimeMode.self) },
        .init(name: "runtime_binary") { s, v throws(SettingsProblem) in
            guard !v.isEmpty else { s.runtimeBinary = nil; return }
            let p = try SettingsParse.path(v)
            guard FileManager.default.isExecutableFile(atPath: p) else {
                throw SettingsProblem("'\(p)' is not an executable file")
            }
            s.runtimeBinary = p
        },
        .init(name: "image") { s, v throws(SettingsProblem) in
            guard Validation.isImageReference(v) else { throw SettingsProblem("'\(v)' is not a valid image reference") }
            s.image = v
        },
        .init(name: "install_id") { s, v throws(SettingsProblem) in
            guard !v.isEmpty else { s.installID = nil; return }
            guard Validation.isInstallID(v) else {
                throw SettingsProblem("'\(v)' must be 1-63 chars of [a-z0-9-], starting with a letter or digit")
            }
            s.installID = v
        },
        .init(name: "period_seconds") { s, v throws(SettingsProblem) in s.periodSeconds = Int64(try SettingsParse.int(v, 1...(100 * 365 * 86_400))) },
        .init(name: "retention_seconds") { s, v throws(SettingsProblem) in s.retentionSeconds = Int64(try SettingsParse.int(v, 0...(100 * 365 * 86_400))) },
        .init(name: "log_level") { s, v throws(SettingsProblem) in
            guard let l = Logger.Level(rawValue: v.lowercased()) else {
                throw SettingsProblem("'\(v)' is not one of trace, debug, info, notice, warning, error, critical")
            }
            s.logLevel = l
        },
        .init(name: "instance_port") { s, v throws(SettingsProblem) in s.instancePort = try SettingsParse.port(v) },
        .init(name: "state_dir") { s, v throws(SettingsProblem) in
            guard v.hasPrefix("/") else { throw SettingsProblem("'\(v)' must be an absolute path inside the container") }
            s.stateDir = try SettingsParse.path(v)
        },
        .init(name: "host_port_range") { s, v throws(SettingsProblem) in
            let parts = v.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw SettingsProblem("'\(v)' is not a range like 20000-29999") }
            let lo = try SettingsParse.port(String(parts[0])), hi = try SettingsParse.port(String(parts[1]))
            guard lo >= 1024, lo <= hi else { throw SettingsProblem("range \(lo)-\(hi) must be ascending and above 1023") }
            s.hostPortRange = lo...hi
        },
        .init(name: "stop_timeout_seconds") { s, v throws(SettingsProblem) in s.stopTimeoutSeconds = try SettingsParse.int(v, 0...600) },
        .init(name: "url_template") { s, v throws(SettingsProblem) in
            guard !v.isEmpty, !v.contains("\n") else { throw SettingsProblem("template is empty") }
            s.urlTemplate = v
        },
        .init(name: "rebuilds_per_day") { s, v throws(SettingsProblem) in s.rebuildsPerDay = try SettingsParse.int(v, 0...10_000) },
        .init(name: "price_budget_cents") { s, v throws(SettingsProblem) in s.priceBudgetCents = Int64(try SettingsParse.int(v, 0...100_000_000)) },
        .init(name: "price_balanced_cents") { s, v throws(SettingsProblem) in s.priceBalancedCents = Int64(try SettingsParse.int(v, 0...100_000_000)) },
        .init(name: "price_pro_cents") { s, v throws(SettingsProblem) in s.priceProCents = Int64(try SettingsParse.int(v, 0...100_000_000)) },
        .init(name: "resync_seconds") { s, v throws(SettingsProblem) in s.resyncSeconds = try SettingsParse.int(v, 5...3600) },
        .init(name: "orphan_grace_seconds") { s, v throws(SettingsProblem) in s.orphanGraceSeconds = try SettingsParse.int(v, 0...86_400) },
        .init(name: "shutdown_timeout_seconds") { s, v throws(SettingsProblem) in s.shutdownTimeoutSeconds = try SettingsParse.int(v, 1...300) },
        .init(name: "max_body_bytes") { s, v throws(SettingsProblem) in s.maxBodyBytes = try SettingsParse.int(v, 1024...(64 << 20)) },
        .init(name: "demo") { s, v throws(SettingsProblem) in s.demo = try SettingsParse.bool(v) },
        .init(name: "credential_proxy_port") { s, v throws(SettingsProblem) in s.credentialProxyPort = try SettingsParse.int(v, 1024...65535) },
        .init(name: "credential_proxy_bind") { s, v throws(SettingsProblem) in
            guard v == "auto" || SettingsParse.isIPAddress(v) else { throw SettingsProblem("'\(v)' is not auto or an IP address") }
            guard v != "0.0.0.0", v != "::" else { throw SettingsProblem("the proxy must not listen on every address") }
            s.credentialProxyBind = v
        },
        .init(name: "credential_proxy_autostart") { s, v throws(SettingsProblem) in s.credentialProxyAutostart = try SettingsParse.bool(v) },
        .init(name: "mount_allowlist") { s, v throws(SettingsProblem) in s.mountAllowlistPath = v.isEmpty ? nil : try SettingsParse.path(v) },
        .init(name: "agent_image") { s, v throws(SettingsProblem) in
            guard Validation.isImageReference(v) else { throw SettingsProblem("'\(v)' is not a valid image reference") }
            s.agentImage = v
        },
        .init(name: "agent_image_context") { s, v throws(SettingsProblem) in s.agentImageContext = try SettingsParse.path(v) },
        .init(name: "agent_image_busybox") { s, v throws(SettingsProblem) in s.agentImageBusybox = v.isEmpty ? "" : try SettingsParse.path(v) },
    ] + backupKeys + containerRunKeys + hostersKeys + containerOperatorKeys + diskUsageKeys + runtimeCallKeys + channelKeys
        + networkKeys + kubernetesKeys

    static let byName: [String: SettingsKey] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
