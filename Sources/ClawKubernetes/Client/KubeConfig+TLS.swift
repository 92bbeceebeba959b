import AsyncHTTPClient
import NIOCore
import NIOSSL

extension KubeConfig {
    /// The TLS settings of the configuration: its CA (else the system's), its client certificate,
    /// no verification when `insecure-skip-tls-verify`.
    public func tlsConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = certificateAuthorityPEM {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca))
            } catch {
                throw KubeConfigError("the certificate authority is not PEM certificates")
            }
        }
        if insecureSkipTLSVerify { tls.certificateVerification = .none }
        if let clientCertificate {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(clientCertificate.certificatePEM).map { .certificate($0) }
            } catch {
                throw KubeConfigError("the client certificate is not PEM certificates")
            }
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: clientCertificate.keyPEM, format: .pem))
            } catch {
                throw KubeConfigError("the client key is not a PEM private key")
            }
        }
        return tls
    }

    /// An `HTTPClient` for this configuration: its TLS settings, no read timeout shorter than a
    /// quiet watch (bookmarks come about once a minute). Shut it down when done.
    public func makeHTTPClient() throws -> HTTPClient {
        var configuration = HTTPClient.Configuration(tlsConfiguration: try tlsConfiguration())
        configuration.timeout = .init(connect: .seconds(10), read: .minutes(5))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
