import ClawClient
import ClawCore
import ClawTestSupport
import Foundation
import Testing

/// Host-wide container controls and their audit entries against the built clawd over its real
/// TCP port and Unix socket: `container_operator_orgs` from the environment, a plain org's key
/// refused with 403, the operator's changes and mount decisions in the audit log, no credential.
@Suite("Container API operators and audit log against the built clawd", .serialized)
struct ContainerOperatorE2ETests {
    struct Org { let id, keyID, key: String }

    static func org(_ d: ContainerDaemon, _ name: String) async throws -> Org {
        let created = try await d.daemon.admin.post("/admin/orgs", ["name": name + "-" + d.installID])
        let id = try #require(try created.json()["id"] as? String)
        let key = try await d.daemon.admin.post("/admin/orgs/\(id)/keys", ["name": "t"]).json()
        return Org(id: id, keyID: try #require(key["id"] as? String), key: try #require(key["key"] as? String))
    }

    static func tcp(_ d: ContainerDaemon, _ org: Org, _ method: String, _ path: String, _ body: Any? = nil) async throws
        -> ClawClient.Reply {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await d.daemon.tcp.request(method, "/api/v1/container" + path,
                                              headers: [("Authorization", "Bearer \(org.key)")], json: data)
    }

    static func entries(_ reply: ClawClient.Reply) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: reply.body) as? [[String: Any]])
    }

    @Test("a plain key gets 403 and changes nothing; an operator org's key and the socket may; every decision is audited without the credential")
    func operatorsAndAudit() async throws {
        let env = ["CLAWD_CREDENTIAL_PROXY_AUTOSTART": "false", "CLAWD_CREDENTIAL_PROXY_BIND": "127.0.0.1"]
        let first = try await ContainerDaemon.start(extra: env)
        let (op, plain) = try await withCleanup({ (try await Self.org(first, "op"), try await Self.org(first, "plain")) },
                                                cleanup: { await first.stop() })
        // Again on the same data, with the operator org configured the way an admin would.
        let daemon = try DaemonProcess(arguments: ["--install-id", first.installID], environment: env.merging([
            "CLAWD_CREDENTIAL_PROXY_PORT": "\(first.proxyPort)", "CLAWD_MOUNT_ALLOWLIST": first.dir + "/mount-allowlist.json",
            "CLAWD_CONTAINER_OPERATOR_ORGS": "org_unrelated, \(op.id)",
        ]) { _, new in new }, dir: first.dir)
        let d = ContainerDaemon(daemon: daemon, installID: first.installID, proxyPort: first.proxyPort, dir: first.dir)
        defer { Task { await d.stop() } }
        try await daemon.waitReady()

        let credential = "sk-e2e-" + Identifier.make(prefix: "", length: 24)
        let mapping: [String: Any] = ["name": "anthropic", "upstreamUrl": "http://127.0.0.1:9/v1", "credentialType": "api_key",
                                      "credential": credential]
        // A plain org: 403 in the container shape, nothing changed.
        let refused = try await Self.tcp(d, plain, "PUT", "/queue/max-concurrent", ["maxConcurrent": 1])
        #expect(refused.status == 403)
        #expect(try refused.json()["code"] as? String == "forbidden")
        #expect(try await Self.tcp(d, plain, "POST", "/credential-proxy/mappings", mapping).status == 403)
        #expect(try await Self.tcp(d, plain, "POST", "/credential-proxy/start").status == 403)
        #expect(try await Self.tcp(d, plain, "GET", "/queue/max-concurrent").json()["maxConcurrent"] as? Int == 5)
        let untouched = try await Self.tcp(d, plain, "GET", "/credential-proxy/status").json()
        #expect(untouched["running"] as? Bool == false)
        #expect((untouched["mappings"] as? [Any])?.isEmpty == true)

        // The operator org: allowlist, two mount decisions, a mapping made and removed, the proxy moved, started, stopped.
        let root = MountSecurity.realPath(try TestPaths.makeTempDir("e2eroot"))!
        try FileManager.default.createDirectory(atPath: root + "/project", withIntermediateDirectories: true)
        #expect(try await Self.tcp(d, op, "PUT", "/mount/allowlist", ["allowedRoots": [root]]).status == 200)
        let ok = try await Self.tcp(d, op, "POST", "/mount/validate", ["hostPath": root + "/project", "containerPath": "p"])
        #expect(try ok.json()["allowed"] as? Bool == true)
        let no = try await Self.tcp(d, op, "POST", "/mount/validate", ["hostPath": "/etc", "containerPath": "etc"])
        #expect(try no.json()["allowed"] as? Bool == false)
        let created = try await Self.tcp(d, op, "POST", "/credential-proxy/mappings", mapping)
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(try created.json()["id"] as? String)
        let placeholder = try #require(try created.json()["placeholder"] as? String)
        let newPort = try TestPaths.freePort()
        #expect(try await Self.tcp(d, op, "PUT", "/credential-proxy/port", ["port": newPort]).status == 200)
        let started = try await Self.tcp(d, op, "POST", "/credential-proxy/start")
        #expect(try started.json()["running"] as? Bool == true, "\(started.text)")
        #expect(try await Self.tcp(d, op, "POST", "/credential-proxy/stop").status == 200)
        #expect(try await Self.tcp(d, op, "DELETE", "/credential-proxy/mappings/\(id)").status == 204)
        // The socket (clawctl) may too.
        #expect(try await d.json("PUT", "/queue/max-concurrent", ["maxConcurrent": 3])["maxConcurrent"] as? Int == 3)

        let opLog = try await Self.tcp(d, op, "GET", "/audit-log?limit=500")
        let opEntries = try Self.entries(opLog)
        func one(_ action: String, _ outcome: String) -> [String: Any]? {
            opEntries.first { $0["action"] as? String == action && $0["outcome"] as? String == outcome }
        }
        #expect(one("mount.validate", "allowed")?["target"] as? String == root + "/project→p")
        #expect(one("mount.validate", "refused")?["target"] as? String == "/etc→etc")
        #expect((one("mount.validate", "refused")?["detail"] as? String ?? "").contains("not under any allowed root"))
        #expect(one("proxy.mapping.create", "ok")?["target"] as? String == "\(id) anthropic")
        #expect(one("proxy.mapping.delete", "ok")?["target"] as? String == "\(id) anthropic")
        #expect(one("proxy.port", "ok")?["target"] as? String == "port \(newPort)")
        #expect(one("proxy.start", "ok") != nil)
        #expect(one("proxy.stop", "ok") != nil)
        for action in ["mount.validate", "proxy.mapping.create", "proxy.mapping.delete", "proxy.port", "proxy.start", "proxy.stop"] {
            let mine = opEntries.filter { $0["action"] as? String == action }
            #expect(!mine.isEmpty && mine.allSatisfy { $0["actor"] as? String == "key:" + op.keyID }, "\(action)")
        }

        let plainEntries = try Self.entries(try await Self.tcp(d, plain, "GET", "/audit-log?limit=500"))
        let denied = plainEntries.filter { $0["action"] as? String == "denied" }
        #expect(denied.count == 3)
        #expect(denied.allSatisfy { $0["outcome"] as? String == "forbidden" && $0["actor"] as? String == "key:" + plain.keyID })

        let all = try await d.send("GET", "/audit-log?limit=1000")
        #expect(try Self.entries(all).contains { $0["action"] as? String == "queue.max-concurrent" && $0["actor"] as? String == "admin" })
        for text in [opLog.text, all.text] {
            #expect(!text.contains(credential))
            #expect(!text.contains(placeholder))
        }
    }
}
