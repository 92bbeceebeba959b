@testable import ClawKubernetes
import ClawTestSupport
import Foundation
import Testing

/// Kubeconfig files and the in-cluster service account → KubeConfig.
@Suite("KubeConfig from kubeconfig files and the in-cluster service account")
struct ClientKubeConfigTests {
    /// A throwaway self-signed certificate and its key, for parsing only.
    static let certPEM = """
        -----BEGIN CERTIFICATE-----
        MIIBgTCCASegAwIBAgIUTywIgYQ54eOJDpX9eVLIqN6O4R8wCgYIKoZIzj0EAwIw
        FTETMBEGA1UEAwwKY2xhd2QtdGVzdDAgFw0yNjEyMDYyMDMwMDBaGA8yMTI2MTEx
        MjIwMzAwMFowFTETMBEGA1UEAwwKY2xhd2QtdGVzdDBZMBMGByqGSM49AgEGCCqG
        SM49AwEHA0IABMfFH83n/he9mDPTOGz6CzUWR16Vh/FtMwzH/38yglRqKy0tWbNp
        ixPIzZicv2lr/KpgsVIj13/UVTI5HYwCF8yjUzBRMB0GA1UdDgQWBBQ8OpqJtt7q
        NQoOyfDSFvgFhQIKNTAfBgNVHSMEGDAWgBQ8OpqJtt7qNQoOyfDSFvgFhQIKNTAP
        BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQCnf5nZ6iU72xPuowOz
        uwmIfpF1ipubdISsNW8RDtC1awIgfa4Ytp5IGx/f8Z4BXxPwAZtlTwCm75nBcXvr
        wQvYFXU=
        -----END CERTIFICATE-----

        """
    static let keyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg2KAR8rermkTY+N3k
        cBsKZ5VJk/tg0HtarSFdFo8F1fyhRANCAATHxR/N5/4XvZgz0zhs+gs1FkdelYfx
        bTMMx/9/MoJUaistLVmzaYsTyM2YnL9pa/yqYLFSI9d/1FUyOR2MAhfM
        -----END PRIVATE KEY-----

        """
    static var certData: String { Data(certPEM.utf8).base64EncodedString() }
    static var keyData: String { Data(keyPEM.utf8).base64EncodedString() }

    /// A kubeconfig with one cluster, context and user, each given as YAML lines.
    static func file(cluster: String, user: String, namespace: String? = "team", current: String = "main") -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: \(current)
        clusters:
        - name: c1
          cluster:
        \(cluster.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        contexts:
        - name: main
          context:
            cluster: c1
            user: u1
        \(namespace.map { "    namespace: \($0)" } ?? "")
        users:
        - name: u1
          user:
        \(user.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var cluster: String
        var user: String
        var check: @Sendable (KubeConfig, String) -> Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "token, CA data", cluster: "server: https://10.1.2.3:6443\ncertificate-authority-data: \(certData)",
             user: "token: abc.def") { c, _ in
            c.server == "https://10.1.2.3:6443" && c.token?.value == "abc.def" && c.certificateAuthorityPEM == Array(certPEM.utf8)
                && c.namespace == "team" && !c.insecureSkipTLSVerify && c.clientCertificate == nil
        },
        Case(name: "CA and token as relative files", cluster: "server: https://k8s:443/\ncertificate-authority: ca.crt",
             user: "tokenFile: secrets/token") { c, dir in
            c.server == "https://k8s:443" && c.tokenFile == dir + "/secrets/token" && c.token == nil
                && c.certificateAuthorityPEM == Array(certPEM.utf8)
        },
        Case(name: "client certificate data", cluster: "server: https://k8s\ninsecure-skip-tls-verify: true",
             user: "client-certificate-data: \(certData)\nclient-key-data: \(keyData)") { c, _ in
            c.insecureSkipTLSVerify && c.clientCertificate?.certificatePEM == Array(certPEM.utf8)
                && c.clientCertificate?.keyPEM == Array(keyPEM.utf8) && c.token == nil
        },
        Case(name: "client certificate files, absolute path", cluster: "server: https://k8s",
             user: "client-certificate: client.crt\nclient-key: ABS/client.key") { c, _ in
            c.clientCertificate?.certificatePEM == Array(certPEM.utf8) && c.clientCertificate?.keyPEM == Array(keyPEM.utf8)
        },
    ]

    static func writeFiles() throws -> String {
        let dir = try TestPaths.makeTempDir("kubeconfig")
        try FileManager.default.createDirectory(atPath: dir + "/secrets", withIntermediateDirectories: true)
        try certPEM.write(toFile: dir + "/ca.crt", atomically: true, encoding: .utf8)
        try certPEM.write(toFile: dir + "/client.crt", atomically: true, encoding: .utf8)
        try keyPEM.write(toFile: dir + "/client.key", atomically: true, encoding: .utf8)
        try "tok".write(toFile: dir + "/secrets/token", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("parses", arguments: cases)
    func parses(_ c: Case) throws {
        let dir = try Self.writeFiles()
        let path = dir + "/config"
        try Self.file(cluster: c.cluster, user: c.user.replacingOccurrences(of: "ABS", with: dir))
            .write(toFile: path, atomically: true, encoding: .utf8)
        let config = try KubeConfig.load(path: path)
        #expect(c.check(config, dir), "\(config)")
        _ = try config.tlsConfiguration()
    }

    @Test("refusals name what is wrong", arguments: [
        (file(cluster: "server: https://k8s", user: "token: t"), "nope", "context \"nope\" is not in"),
        (file(cluster: "server: https://k8s", user: "token: t", current: "gone"), nil, "context \"gone\" is not in"),
        (file(cluster: "certificate-authority-data: \(certData)", user: "token: t"), nil, "cluster \"c1\" in"),
        (file(cluster: "server: https://k8s", user: "client-certificate-data: \(certData)"), nil, "client-certificate but no client-key"),
        (file(cluster: "server: https://k8s", user: "exec:\n  command: aws"), nil, "exec or auth-provider"),
        (file(cluster: "server: https://k8s\ncertificate-authority: /nonexistent/ca.crt", user: "token: t"), nil, "cannot read /nonexistent/ca.crt"),
        ("- just a list", nil, "is not a kubeconfig file"),
    ] as [(String, String?, String)])
    func refusals(_ yaml: String, _ context: String?, _ expected: String) throws {
        #expect {
            _ = try KubeConfig.parse(yaml: yaml, directory: "/tmp", context: context)
        } throws: { error in
            String(describing: error).contains(expected)
        }
    }

    @Test("a token never shows in a description, a dump or a parse error")
    func tokenHidden() throws {
        let secret = "s3cr3t-token-value"
        let config = try KubeConfig.parse(yaml: Self.file(cluster: "server: https://k8s", user: "token: \(secret)"), directory: "/tmp")
        var dumped = ""
        dump(config, to: &dumped)
        for text in [String(describing: config), String(reflecting: config), dumped, "\(config.token!)"] {
            #expect(!text.contains(secret), "\(text)")
        }
        let broken = Self.file(cluster: "server: https://k8s", user: "token: [\(secret)]")
        #expect { _ = try KubeConfig.parse(yaml: broken, directory: "/tmp") } throws: { !String(describing: $0).contains(secret) }
    }

    @Test("an unreadable CA is a clear error")
    func badPEM() throws {
        let config = KubeConfig(server: "https://k8s", certificateAuthorityPEM: Array("not a certificate".utf8))
        #expect { _ = try config.tlsConfiguration() } throws: { String(describing: $0).contains("certificate authority is not PEM") }
    }

    @Test("in-cluster: the service host and port, the token file, ca.crt and namespace of the directory")
    func inCluster() throws {
        let dir = try TestPaths.makeTempDir("sa")
        try "sa-token".write(toFile: dir + "/token", atomically: true, encoding: .utf8)
        try Self.certPEM.write(toFile: dir + "/ca.crt", atomically: true, encoding: .utf8)
        try "clawd-system\n".write(toFile: dir + "/namespace", atomically: true, encoding: .utf8)
        let env = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        let config = try KubeConfig.inCluster(environment: env, directory: dir)
        #expect(config.server == "https://10.96.0.1:443")
        #expect(config.tokenFile == dir + "/token")
        #expect(try config.currentToken()?.value == "sa-token")
        #expect(config.namespace == "clawd-system")
        #expect(config.certificateAuthorityPEM == Array(Self.certPEM.utf8))
        let v6 = try KubeConfig.inCluster(environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"], directory: dir)
        #expect(v6.server == "https://[fd00::1]:443")
        #expect { _ = try KubeConfig.inCluster(environment: [:], directory: dir) } throws: {
            String(describing: $0).contains("KUBERNETES_SERVICE_HOST")
        }
        #expect { _ = try KubeConfig.inCluster(environment: env, directory: dir + "/missing") } throws: {
            String(describing: $0).contains("service account token")
        }
    }
}
