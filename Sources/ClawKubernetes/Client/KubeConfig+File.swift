import Foundation
import Yams

extension KubeConfig {
    /// The configuration of `context` (the file's `current-context` when nil) in the kubeconfig
    /// file at `path`. Relative file names in it are relative to the file's directory.
    public static func load(path: String, context: String? = nil) throws -> KubeConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeConfigError("cannot read \(path)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        return try parse(yaml: String(decoding: data, as: UTF8.self), directory: directory.isEmpty ? "." : directory,
                         context: context, source: path)
    }

    /// `KUBECONFIG` (its first file) when set, else `~/.kube/config` when it exists, else the
    /// in-cluster service account.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       context: String? = nil) throws -> KubeConfig {
        if let paths = environment["KUBECONFIG"], let first = paths.split(separator: ":").first {
            return try load(path: String(first), context: context)
        }
        if let home = environment["HOME"], FileManager.default.fileExists(atPath: home + "/.kube/config") {
            return try load(path: home + "/.kube/config", context: context)
        }
        return try inCluster(environment: environment)
    }

    /// Parses kubeconfig YAML; `directory` resolves relative file names, `source` names the
    /// file in errors.
    public static func parse(yaml: String, directory: String, context: String? = nil,
                             source: String = "kubeconfig") throws -> KubeConfig {
        let file: KubeconfigFile
        do {
            file = try YAMLDecoder().decode(KubeconfigFile.self, from: yaml)
        } catch {
            throw KubeConfigError("\(source) is not a kubeconfig file: \(Self.shape(of: error))")
        }
        guard let contextName = context ?? file.currentContext, !contextName.isEmpty else {
            throw KubeConfigError("\(source) has no current-context and none was chosen")
        }
        guard let ctx = file.contexts?.first(where: { $0.name == contextName })?.value else {
            throw KubeConfigError("context \"\(contextName)\" is not in \(source)")
        }
        guard let clusterName = ctx.cluster,
              let cluster = file.clusters?.first(where: { $0.name == clusterName })?.value else {
            throw KubeConfigError("cluster \"\(ctx.cluster ?? "")\" of context \"\(contextName)\" is not in \(source)")
        }
        guard let server = cluster.server, !server.isEmpty else {
            throw KubeConfigError("cluster \"\(clusterName)\" in \(source) has no server")
        }
        var config = KubeConfig(server: server, namespace: ctx.namespace.flatMap { $0.isEmpty ? nil : $0 },
                                insecureSkipTLSVerify: cluster.insecureSkipTLSVerify ?? false)
        config.certificateAuthorityPEM = try pem(data: cluster.certificateAuthorityData, file: cluster.certificateAuthority,
                                                 directory: directory, field: "certificate-authority of cluster \"\(clusterName)\"")
        if let userName = ctx.user, !userName.isEmpty {
            guard let user = file.users?.first(where: { $0.name == userName })?.value else {
                throw KubeConfigError("user \"\(userName)\" of context \"\(contextName)\" is not in \(source)")
            }
            try config.apply(user: user, named: userName, directory: directory)
        }
        return config
    }

    mutating func apply(user: KubeconfigFile.User, named name: String, directory: String) throws {
        if user.exec != nil || user.authProvider != nil, user.token == nil, user.tokenFile == nil,
           user.clientCertificate == nil, user.clientCertificateData == nil {
            throw KubeConfigError("user \"\(name)\" authenticates with an exec or auth-provider plugin, which clawd does not run; give it a token or a client certificate")
        }
        if let token = user.token, !token.isEmpty { self.token = BearerToken(token) }
        if let file = user.tokenFile, !file.isEmpty { tokenFile = Self.resolve(file, in: directory) }
        let cert = try Self.pem(data: user.clientCertificateData, file: user.clientCertificate, directory: directory,
                                field: "client-certificate of user \"\(name)\"")
        let key = try Self.pem(data: user.clientKeyData, file: user.clientKey, directory: directory,
                               field: "client-key of user \"\(name)\"")
        switch (cert, key) {
        case let (cert?, key?): clientCertificate = ClientCertificate(certificatePEM: cert, keyPEM: key)
        case (nil, nil): break
        case (_?, nil): throw KubeConfigError("user \"\(name)\" has a client-certificate but no client-key")
        case (nil, _?): throw KubeConfigError("user \"\(name)\" has a client-key but no client-certificate")
        }
    }

    /// The bytes of a `<field>-data` (base64) or `<field>` (a file name) pair.
    static func pem(data: String?, file: String?, directory: String, field: String) throws -> [UInt8]? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data.filter { !$0.isWhitespace }) else {
                throw KubeConfigError("\(field)-data is not base64")
            }
            return Array(decoded)
        }
        if let file, !file.isEmpty {
            let path = resolve(file, in: directory)
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw KubeConfigError("\(field): cannot read \(path)")
            }
            return Array(contents)
        }
        return nil
    }

    static func resolve(_ file: String, in directory: String) -> String {
        file.hasPrefix("/") ? file : directory + "/" + file
    }

    /// A decoding error's path and kind, without the values (a token may be among them).
    static func shape(of error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "bad value at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case .keyNotFound(let key, let c):
            return "missing \((c.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        default:
            return "not YAML"
        }
    }
}
