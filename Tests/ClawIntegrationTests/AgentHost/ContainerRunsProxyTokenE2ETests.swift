import AsyncHTTPClient
import ClawTestSupport
import Foundation
import Testing

/// A run's container reaches the credential proxy through its own `/_run/<token>` address, and
/// the token dies with the run: against the built clawd and REAL podman.
@Suite("Agent run proxy tokens against real podman", .serialized)
struct ContainerRunsProxyTokenE2ETests {
    init() async throws { try await RunsDaemon.ensureImage() }

    @Test("a run's CLAWD_PROXY_URL and ANTHROPIC_BASE_URL carry /_run/<token>; once the run ended the proxy refuses the token (403)")
    func runToken() async throws {
        let port = try TestPaths.freePort()
        try await RunsDaemon.with(env: [
            "CLAWD_CREDENTIAL_PROXY_AUTOSTART": "true", "CLAWD_CREDENTIAL_PROXY_BIND": "127.0.0.1",
            "CLAWD_CREDENTIAL_PROXY_PORT": "\(port)",
        ]) { d in
            try await d.group("probe")
            let id = try await d.submit("probe", #"echo "url=$CLAWD_PROXY_URL"; echo "base=$ANTHROPIC_BASE_URL""#, timeout: 120)
            let done = try #require(try await d.waitFinal([id])[id])
            #expect(done["status"] as? String == "succeeded", "\(done)")
            let output = done["output"] as? String ?? ""
            let prefix = "url=http://host.containers.internal:\(port)/_run/"
            let line = try #require(output.split(separator: "\n").first { $0.hasPrefix(prefix) }, "\(output)")
            let token = String(line.dropFirst(prefix.count))
            #expect(token.count == 32 && token.allSatisfy(\.isHexDigit), "\(line)")
            #expect(output.contains("base=http://host.containers.internal:\(port)/_run/\(token)"), "\(output)")
            #expect(!d.daemon.stderr.contains(token) && !d.daemon.stdout.contains(token))

            // Ended run: its token is refused (a live one would reach "no mapping", 404).
            func status(_ path: String) async throws -> UInt {
                let r = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)" + path),
                                                            timeout: .seconds(30))
                return r.status.code
            }
            #expect(try await status("/_run/\(token)/nothing/v1") == 403)
            #expect(try await status("/_run/\(String(repeating: "0", count: 32))/nothing/v1") == 403)
            // Without a token: refused too (credential_proxy_allow_tokenless is off by default).
            #expect(try await status("/nothing/v1") == 403)
        }
    }
}
