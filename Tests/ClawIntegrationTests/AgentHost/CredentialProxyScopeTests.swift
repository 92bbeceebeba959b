import AsyncHTTPClient
import ClawCore
import ClawTestSupport
import ClawWire
import Foundation
import NIOCore
import Testing
@testable import ClawDaemon

/// Org-scoped credential mappings and per-run proxy tokens: the routing decisions (pure), the
/// mappings file (old files without `orgIds` still load), and a real listener on 127.0.0.1 in
/// front of a local fake upstream.
@Suite("Credential proxy: org-scoped mappings and run tokens")
struct CredentialProxyScopeTests {
    static let orgA = "org_aaaaaaaaaaaaaaaa", orgB = "org_bbbbbbbbbbbbbbbb"

    static func mapping(_ name: String, orgIds: [String]?) -> CredentialMapping {
        CredentialMapping(id: "cm_" + name, name: name, upstreamUrl: "http://u", credentialType: "api_key",
                          credential: "sk-" + name, placeholder: "clawd-placeholder-" + name, createdAt: "t", orgIds: orgIds)
    }

    @Test("splitToken strips exactly a leading /_run/<token>")
    func split() {
        #expect(CredentialProxyRouting.splitToken("/_run/abc/anth/v1/x") == ("abc", "/anth/v1/x"))
        #expect(CredentialProxyRouting.splitToken("/_run/abc") == ("abc", ""))
        #expect(CredentialProxyRouting.splitToken("/_run/") == ("", ""))
        #expect(CredentialProxyRouting.splitToken("/anth/_run/abc") == (nil, "/anth/_run/abc"))
        #expect(CredentialProxyRouting.splitToken("/_runx/abc") == (nil, "/_runx/abc"))
        #expect(CredentialProxyRouting.splitToken("/") == (nil, "/"))
    }

    @Test("a scoped mapping serves only its orgs: by path 403 otherwise, by placeholder no match; no org reaches only unscoped ones")
    func decisions() {
        let scoped = Self.mapping("scoped", orgIds: [Self.orgA])
        let open = Self.mapping("open", orgIds: nil)
        let emptyList = Self.mapping("empty", orgIds: [])
        let all = [scoped, open, emptyList]
        func decide(_ path: String, _ presented: [String], _ org: String?) -> CredentialProxyRouting.Decision {
            CredentialProxyRouting.decide(path: path, presented: presented, mappings: all, org: org)
        }
        func decide(_ path: String, _ org: String?) -> CredentialProxyRouting.Decision { decide(path, [], org) }
        #expect(decide("/scoped/v1/x", Self.orgA) == .forward(scoped, path: "/v1/x"))
        #expect(decide("/cm_scoped", Self.orgA) == .forward(scoped, path: ""))
        guard case .forbidden = decide("/scoped/v1/x", Self.orgB) else { Issue.record("org B by path"); return }
        guard case .forbidden = decide("/scoped/v1/x", nil) else { Issue.record("no token by path"); return }
        #expect(decide("/v1/x", ["clawd-placeholder-scoped"], Self.orgA) == .forward(scoped, path: "/v1/x"))
        #expect(decide("/v1/x", ["clawd-placeholder-scoped"], Self.orgB) == .noMatch)
        #expect(decide("/v1/x", ["Bearer clawd-placeholder-scoped"], nil) == .noMatch)
        // Unscoped (absent or empty list): everyone, with or without a token.
        for org in [Self.orgA, Self.orgB, nil] {
            #expect(decide("/open/v1/y", org) == .forward(open, path: "/v1/y"))
            #expect(decide("/empty", org) == .forward(emptyList, path: ""))
            #expect(decide("/v1/z", ["clawd-placeholder-open"], org) == .forward(open, path: "/v1/z"))
        }
        // A refused placeholder does not hide a later allowed one.
        #expect(decide("/v1/z", ["clawd-placeholder-scoped", "clawd-placeholder-open"], Self.orgB) == .forward(open, path: "/v1/z"))
        #expect(decide("/nothing/here", Self.orgA) == .noMatch)
    }

    @Test("run tokens: 32 hex characters, unique, gone once revoked")
    func tokens() {
        let t = RunProxyTokens()
        let a = t.issue(orgID: Self.orgA, runID: "run_1"), b = t.issue(orgID: Self.orgB, runID: "run_2")
        #expect(a.count == 32 && a.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(a != b)
        #expect(t.lookup(a) == .init(orgID: Self.orgA, runID: "run_1"))
        t.revoke(a)
        #expect(t.lookup(a) == nil && t.lookup(b) != nil && t.count == 1)
    }

    @Test("the run container's proxy variables carry /_run/<token>; without a token the bare address")
    func specEnvironment() {
        var spec = AgentContainerSpec(name: "n", image: "i", installID: "x", group: "g", runID: "run_y", workspace: "/w",
                                      global: nil, ipc: "/i", gateway: "10.88.0.1", proxyPort: 3001)
        #expect(spec.make().environment["CLAWD_PROXY_URL"] == "http://host.containers.internal:3001")
        spec.proxyToken = "0123456789abcdef0123456789abcdef"
        let env = spec.make().environment
        #expect(env["CLAWD_PROXY_URL"] == "http://host.containers.internal:3001/_run/0123456789abcdef0123456789abcdef")
        #expect(env["ANTHROPIC_BASE_URL"] == env["CLAWD_PROXY_URL"])
    }

    @Test("mappings file: an old file without orgIds loads as unscoped; a scoped mapping's orgIds survive a reload")
    func file() throws {
        let dir = try TestPaths.makeTempDir("cmfile")
        let path = dir + "/credential-proxy/mappings.json"
        try FileManager.default.createDirectory(atPath: dir + "/credential-proxy", withIntermediateDirectories: true)
        let old = #"[{"createdAt":"2026-01-01T00:00:00Z","credential":"sk-old","credentialType":"bearer","id":"cm_old","name":"old","placeholder":"clawd-placeholder-old","upstreamUrl":"https://x"}]"#
        try Data(old.utf8).write(to: URL(fileURLWithPath: path))
        let m = try CredentialMappings(path: path)
        #expect(m.all.first?.orgIds == nil)
        #expect(m.all.first?.allows(org: nil) == true)
        #expect(m.all.first?.wire.orgIds == [])
        _ = try m.add(name: "scoped", upstreamUrl: "https://y", credentialType: "api_key", credential: "sk-y", orgIds: [Self.orgA])
        let again = try CredentialMappings(path: path)
        #expect(again.all.map(\.orgIds) == [nil, [Self.orgA]])
        #expect(again.all.last?.wire.orgIds == [Self.orgA])
        // The answer's model has no credential field: encoded, it never carries one.
        let answered = String(decoding: try Wire.encode(try #require(again.all.last?.wire)), as: UTF8.self)
        #expect(!answered.contains("sk-y") && !answered.contains("credential\""))
    }

    @Test("default: a request without a run token is 403 in the proxy's error shape and forwards nothing, even to an unscoped mapping")
    func tokenlessRefused() async throws {
        let dir = try TestPaths.makeTempDir("cmtokenless")
        let mappings = try CredentialMappings(path: dir + "/credential-proxy/mappings.json")
        let port = try TestPaths.freePort()
        let proxy = CredentialProxy(mappings: mappings, client: HTTPClient.shared, port: port, bindSetting: "127.0.0.1",
                                    allowTokenless: Settings().credentialProxyAllowTokenless, gateway: { nil })
        try await proxy.start()
        defer { Task { await proxy.stop() } }
        let real = "sk-real-open-" + Identifier.make(prefix: "", length: 20)
        try await withUpstream { upstream in
            let open = try mappings.add(name: "open", upstreamUrl: "http://127.0.0.1:\(upstream.port)",
                                        credentialType: "bearer", credential: real)
            let baseline = upstream.seen.withLock { $0.count }
            func get(_ path: String, key: String? = nil) async throws -> (Int, String) {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)" + path)
                if let key { request.headers.add(name: "x-api-key", value: key) }
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 16)))
            }
            for (path, key) in [("/open/v1/echo", nil), ("/v1/echo", open.placeholder), ("/nothing", nil)] {
                let (status, body) = try await get(path, key: key)
                #expect(status == 403, "\(path)")
                #expect(body.contains(#""code":"forbidden""#) && body.contains(#""error":"#), "\(body)")
                #expect(!body.contains(real))
            }
            #expect(upstream.seen.withLock { $0.count } == baseline)
            // A run's token still reaches the unscoped mapping.
            let token = proxy.tokens.issue(orgID: Self.orgA, runID: "run_a")
            #expect(try await get("/_run/\(token)/open/v1/echo").0 == 200)
            #expect(upstream.seen.withLock { $0.count } == baseline + 1)
            #expect(await proxy.status().requestsServed == 1)
        }
    }

    @Test("real listener (tokenless allowed): A's token reaches A's scoped mapping; B's token, no token and a bogus token are 403 and forward nothing")
    func realSocket() async throws {
        let dir = try TestPaths.makeTempDir("cmscope")
        let mappings = try CredentialMappings(path: dir + "/credential-proxy/mappings.json")
        let port = try TestPaths.freePort()
        let proxy = CredentialProxy(mappings: mappings, client: HTTPClient.shared, port: port, bindSetting: "127.0.0.1",
                                    allowTokenless: true, gateway: { nil })
        try await proxy.start()
        defer { Task { await proxy.stop() } }
        let realA = "sk-real-a-" + Identifier.make(prefix: "", length: 20)
        let realOpen = "sk-real-open-" + Identifier.make(prefix: "", length: 20)
        try await withUpstream { upstream in
            let scoped = try mappings.add(name: "anth-a", upstreamUrl: "http://127.0.0.1:\(upstream.port)",
                                          credentialType: "api_key", credential: realA, orgIds: [Self.orgA])
            _ = try mappings.add(name: "open", upstreamUrl: "http://127.0.0.1:\(upstream.port)",
                                 credentialType: "bearer", credential: realOpen)
            let tokA = proxy.tokens.issue(orgID: Self.orgA, runID: "run_a")
            let tokB = proxy.tokens.issue(orgID: Self.orgB, runID: "run_b")
            let baseline = upstream.seen.withLock { $0.count }  // withUpstream's readiness probe
            func get(_ path: String, key: String? = nil) async throws -> (Int, String) {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)" + path)
                if let key { request.headers.add(name: "x-api-key", value: key) }
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                let body = String(buffer: try await response.body.collect(upTo: 1 << 16))
                #expect(!body.contains(realA) && !body.contains(realOpen))
                return (Int(response.status.code), body)
            }
            func seen() -> [[String: String]] { Array(upstream.seen.withLock { $0 }.dropFirst(baseline)) }

            // Org A's run: by path and by placeholder, the upstream sees A's real key.
            #expect(try await get("/_run/\(tokA)/anth-a/v1/echo?q=1").0 == 200)
            #expect(seen().last?["x-api-key"] == realA)
            #expect(seen().last?["path"] == "/v1/echo?q=1")
            #expect(try await get("/_run/\(tokA)/v1/echo", key: scoped.placeholder).0 == 200)
            #expect(seen().count == 2 && seen().last?["x-api-key"] == realA)

            // Org B's run, no token, a bogus token: refused, nothing reaches the upstream.
            let (bStatus, bBody) = try await get("/_run/\(tokB)/anth-a/v1/echo")
            #expect(bStatus == 403)
            #expect(bBody.contains(#""code":"forbidden""#), "\(bBody)")
            #expect(try await get("/_run/\(tokB)/v1/echo", key: scoped.placeholder).0 == 404)
            #expect(try await get("/anth-a/v1/echo").0 == 403)
            #expect(try await get("/v1/echo", key: scoped.placeholder).0 == 404)
            let bogus = String(repeating: "0", count: 32)
            let (bogusStatus, bogusBody) = try await get("/_run/\(bogus)/open/v1/echo")
            #expect(bogusStatus == 403)
            #expect(!bogusBody.contains(bogus))
            #expect(seen().count == 2)

            // The unscoped mapping still works without a token (and with one).
            #expect(try await get("/open/v1/echo").0 == 200)
            #expect(seen().last?["authorization"] == "Bearer \(realOpen)")
            #expect(try await get("/_run/\(tokB)/open/v1/echo").0 == 200)
            #expect(seen().count == 4)

            // A revoked token (the run ended) is refused.
            proxy.tokens.revoke(tokA)
            #expect(try await get("/_run/\(tokA)/anth-a/v1/echo").0 == 403)
            #expect(seen().count == 4)
            // Only forwarded requests count as served.
            #expect(await proxy.status().requestsServed == 4)
        }
    }
}
