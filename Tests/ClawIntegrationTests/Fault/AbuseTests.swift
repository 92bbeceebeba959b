import ClawClient
import ClawTestSupport
import ClawWire
import Foundation
import Testing

/// Clients that misbehave on purpose against the real listener: clawd stays up, refuses what it
/// must, changes nothing, and health answers within its usual latency meanwhile.
@Suite("abusive clients")
struct AbuseTests {
    static func healthLatency(_ daemon: DaemonProcess, count: Int) async throws -> LatencySample {
        var sample = LatencySample()
        for _ in 0..<count {
            let t = ContinuousClock.now
            let r = try await daemon.tcp.get("/v1/claw/health")
            guard r.status == 200 else { throw DaemonProcessError("health → \(r.status) \(r.text)") }
            sample.add(t)
        }
        return sample
    }

    @Test("300 idle and 20 byte-by-byte connections, oversized headers and bodies, JSON nested 100 000 deep, invalid UTF-8: each refused, nothing created, health p99 within 10× its baseline")
    func abuse() async throws {
        let daemon = try DaemonProcess(environment: ["CLAWD_RUNTIME_BINARY": "/bin/false",
                                                     "CLAWD_CREDENTIAL_PROXY_AUTOSTART": "false"])
        defer { daemon.signal(SIGKILL) }
        try await daemon.waitReady()
        let org = try await daemon.admin.post("/admin/orgs", CreateOrgRequest(name: "abuse"))
        let orgID = try #require(try? org.decode(OrgDTO.self).id, "\(org.text)")
        _ = try await daemon.admin.post("/admin/orgs/\(orgID)/credit", CreditOrgRequest(amountCents: 100_000))
        let keyReply = try await daemon.admin.post("/admin/orgs/\(orgID)/keys", CreateKeyRequest())
        let key = try #require(try? keyReply.decode(KeyDTO.self).key, "\(keyReply.text)")
        let auth = "Authorization: Bearer \(key)"
        _ = try await Self.healthLatency(daemon, count: 10)  // warm-up
        let baseline = try await Self.healthLatency(daemon, count: 50)

        let idle = try (0..<300).map { _ in try RawConnection(port: daemon.port) }
        let slow = try (0..<20).map { _ in try RawConnection(port: daemon.port) }
        for c in slow { c.send("POST /v1/claw/instances HTTP/1.1\r\nHost: 127.0.0.1\r\n") }
        let dribble = Task.detached {
            for i in 0..<40 where !Task.isCancelled {
                for c in slow { c.send("X-Slow-\(i): y\r\n") }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        let port = daemon.port
        let refusals = Task.detached { () -> [String: Int?] in
            var out: [String: Int?] = [:]
            func send(_ what: String, _ method: String, headers: [String] = [], body: [UInt8] = [],
                      path: String = "/v1/claw/instances") {
                out.updateValue(try? RawConnection.request(port: port, method, path, headers: [auth] + headers, body: body),
                                forKey: what)
            }
            let depth = 100_000
            send("oversized header", "GET", headers: ["X-Big: " + String(repeating: "a", count: 200 * 1024)])
            send("many headers", "GET", headers: (0..<5000).map { "X-H\($0): v" })
            send("oversized body", "POST", body: Array(repeating: UInt8(ascii: " "), count: 4 << 20))
            send("nested arrays", "POST",
                 body: Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth))
            send("nested objects", "POST", body: Array(String(repeating: #"{"subdomain":"#, count: depth / 10).utf8)
                + Array(repeating: UInt8(ascii: "}"), count: depth / 10))
            send("invalid UTF-8 body", "POST", body: Array(#"{"subdomain":""#.utf8) + [0xff, 0xfe, 0xc3, 0x28] + Array(#""}"#.utf8))
            send("invalid UTF-8 path", "GET", path: "/v1/claw/instances/%ff%fe%c3%28")
            if let c = try? RawConnection(port: port) {
                c.send(Array("GET /v1/claw/instances HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\(auth)\r\nX-Bad: ".utf8)
                    + [0xff, 0xfe, 0x80] + Array("\r\n\r\n".utf8))
                out.updateValue(c.status(), forKey: "invalid UTF-8 header")
            }
            return out
        }
        let during = try await Self.healthLatency(daemon, count: 50)
        let refused = await refusals.value
        dribble.cancel()
        print("abuse: health baseline \(baseline), under abuse \(during); answers \(refused)")

        for (what, status) in refused {
            // A refusal is a 4xx answer or a closed connection; never a 5xx, and only a header
            // value of raw bytes (obs-text, which HTTP allows) may be served.
            let allowed = what == "invalid UTF-8 header" ? 200..<500 : 400..<500
            if let status { #expect(allowed.contains(status), "\(what) → \(status)") }
        }
        // 413, or the connection closed while the rest of the body was still being sent.
        #expect(refused["oversized body"].map { $0 == 413 || $0 == nil } ?? false, "\(refused)")
        #expect(refused["nested arrays"].map { $0 == 400 || $0 == nil } ?? false, "\(refused)")
        #expect(refused["invalid UTF-8 body"] == 400, "\(refused)")
        #expect(during.percentile(0.99) <= max(10 * baseline.percentile(0.99), 250),
                "health under abuse \(during) vs baseline \(baseline)")
        #expect(daemon.process.isRunning)
        withExtendedLifetime(idle) {}
        let list = try await daemon.tcp.request("GET", "/v1/claw/instances", headers: [("Authorization", "Bearer \(key)")])
        #expect(list.status == 200, "\(list.text)")
        #expect(try list.decode(ClawInstanceListDTO.self).instances.isEmpty, "nothing was created: \(list.text)")
    }
}
