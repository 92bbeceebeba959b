import Foundation

/// Where the API server is and how clawd proves who it is: the server URL, the CA that signs
/// its certificate, a bearer token (inline or a file read on every request, as service account
/// tokens rotate) and/or a client certificate, and the namespace of the context.
/// Built from a kubeconfig file (`KubeConfig.load`) or the in-cluster service account
/// (`KubeConfig.inCluster`). Secrets never show in its description.
public struct KubeConfig: Sendable, Equatable, CustomStringConvertible {
    /// `https://host:port` (or `http://` for a local emulator), without a trailing slash.
    public var server: String
    /// The context's namespace; nil when it names none.
    public var namespace: String?
    /// PEM of the certificate authorities that sign the server's certificate; nil: the system's.
    public var certificateAuthorityPEM: [UInt8]?
    public var insecureSkipTLSVerify: Bool
    public var token: BearerToken?
    /// A file whose content is the bearer token, read again for every request.
    public var tokenFile: String?
    public var clientCertificate: ClientCertificate?

    public init(server: String, namespace: String? = nil, certificateAuthorityPEM: [UInt8]? = nil,
                insecureSkipTLSVerify: Bool = false, token: BearerToken? = nil, tokenFile: String? = nil,
                clientCertificate: ClientCertificate? = nil) {
        var server = server
        while server.hasSuffix("/") { server.removeLast() }
        self.server = server
        self.namespace = namespace
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.token = token
        self.tokenFile = tokenFile
        self.clientCertificate = clientCertificate
    }

    public var description: String {
        var auth: [String] = []
        if token != nil { auth.append("token") }
        if let tokenFile { auth.append("tokenFile \(tokenFile)") }
        if clientCertificate != nil { auth.append("client certificate") }
        return "KubeConfig(server: \(server), namespace: \(namespace ?? "-"), auth: \(auth.isEmpty ? "none" : auth.joined(separator: ", "))"
            + (certificateAuthorityPEM != nil ? ", custom CA" : "") + (insecureSkipTLSVerify ? ", insecure" : "") + ")"
    }
}

/// A bearer token: its value is only handed to the `Authorization` header, never printed.
public struct BearerToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let value: String
    public init(_ value: String) { self.value = value.trimmingCharacters(in: .whitespacesAndNewlines) }
    public var description: String { "<redacted token>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// A client certificate chain and its private key, both PEM. The key is never printed.
public struct ClientCertificate: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let certificatePEM: [UInt8]
    public let keyPEM: [UInt8]
    public init(certificatePEM: [UInt8], keyPEM: [UInt8]) {
        self.certificatePEM = certificatePEM
        self.keyPEM = keyPEM
    }
    public var description: String { "<client certificate>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// Why a configuration could not be built; names the file, context, cluster or user at fault.
public struct KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "kubeconfig: \(message)" }
}
