import Foundation

extension KubeConfig {
    /// The service account directory a pod gets mounted.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The configuration of a pod's service account: the API server from
    /// `KUBERNETES_SERVICE_HOST`/`KUBERNETES_SERVICE_PORT`, the token file (read again for every
    /// request, as the kubelet rotates it), `ca.crt` and `namespace` of `directory`.
    public static func inCluster(environment: [String: String] = ProcessInfo.processInfo.environment,
                                 directory: String = serviceAccountDirectory) throws -> KubeConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw KubeConfigError("not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set, and no kubeconfig was given")
        }
        let tokenFile = directory + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenFile) else {
            throw KubeConfigError("in-cluster: cannot read the service account token \(tokenFile)")
        }
        let server = "https://" + (host.contains(":") ? "[\(host)]" : host) + ":" + port
        var config = KubeConfig(server: server, tokenFile: tokenFile)
        config.certificateAuthorityPEM = FileManager.default.contents(atPath: directory + "/ca.crt").map(Array.init)
        if let ns = FileManager.default.contents(atPath: directory + "/namespace") {
            let name = String(decoding: ns, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            config.namespace = name.isEmpty ? nil : name
        }
        return config
    }

    /// The token to send now: the file's content when there is a token file, else the inline token.
    func currentToken() throws -> BearerToken? {
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw KubeConfigError("cannot read the token file \(tokenFile)")
            }
            return BearerToken(String(decoding: data, as: UTF8.self))
        }
        return token
    }
}
