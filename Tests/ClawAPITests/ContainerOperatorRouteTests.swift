@testable import ClawAPI
import ClawCore
import ClawStore
import ClawTestSupport
import ClawWire
import Foundation
import Hummingbird
import Testing

/// Host-wide container controls: only the admin socket or a `container_operator_orgs` key may
/// change them; everyone else gets 403 `forbidden`, nothing changes, and the log says `denied`.
@Suite("Container API host-wide controls: operators only, audited")
struct ContainerOperatorRouteTests {
    struct Setup {
        var h: Harness
        let fake: FakeContainerBackend
        let view: PureQueueView
    }

    /// The same setup with `orgs` as container operators.
    static func operators(_ s: Setup, _ orgs: Set<String>) -> Setup {
        var h = s.h
        h.env.containerOperatorOrgs = orgs
        return Setup(h: h, fake: s.fake, view: s.view)
    }

    static func setup() throws -> Setup {
        let (base, _, view) = try ContainerRunRouteTests.harness()
        var h = base
        let fake = FakeContainerBackend()
        h.env.container = fake
        return Setup(h: h, fake: fake, view: view)
    }

    static let base = "/api/v1/container"

    /// Every host-wide write once, as `org` (nil: the caller of the listener); answers the status of each.
    static func writeAll(_ api: API, as org: TestOrg?, deleteID: String? = nil) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        func call(_ name: String, _ method: HTTPRequest.Method, _ path: String, _ json: String? = nil) async throws -> Reply {
            let r = try await api.call(method, base + path, as: org, json: json)
            out[name] = r.status
            return r
        }
        _ = try await call("max", .put, "/queue/max-concurrent", #"{"maxConcurrent":7}"#)
        _ = try await call("allowlist", .put, "/mount/allowlist", #"{"allowedRoots":["/tmp"],"nonMainReadOnly":false}"#)
        _ = try await call("port", .put, "/credential-proxy/port", #"{"port":4111}"#)
        _ = try await call("start", .post, "/credential-proxy/start")
        let created = try await call("create", .post, "/credential-proxy/mappings", #"""
            {"name":"anth","upstreamUrl":"https://api.example.com/v1/bot-path","credentialType":"api_key","credential":"sk-write-all-SECRET"}
            """#)
        let id = deleteID ?? created["id"] as? String ?? "cm_missing"
        _ = try await call("delete", .delete, "/credential-proxy/mappings/\(id)")
        _ = try await call("stop", .post, "/credential-proxy/stop")
        return out
    }

    /// The audit log read into the model clawctl reads it into.
    static func auditLog(_ api: API, as org: TestOrg?) async throws -> (text: String, entries: [ContainerWire.AuditLogEntry]) {
        let r = try await api.call(.get, base + "/audit-log?limit=500", as: org)
        #expect(r.status == 200)
        return (r.text, try Wire.decode([ContainerWire.AuditLogEntry].self, from: Data(r.text.utf8)))
    }

    func keyID(_ h: Harness, _ org: TestOrg) async throws -> String { try await #require(try h.store.listKeys(orgID: org.id).first?.id) }

    @Test("a plain org's key gets 403 forbidden on every host-wide write, nothing changes, the refusal is audited as denied")
    func plainKeyForbidden() async throws {
        let s = try Self.setup()
        let a = try await s.h.org()
        let kept = try await s.fake.addProxyMapping(name: "keep", upstreamURL: "https://api.example.com",
                                                    credentialType: "bearer", credential: "sk-keep-SECRET", orgIds: [])
        let keptID = kept.id
        let changes = s.fake.changes
        let actor = "key:" + (try await keyID(s.h, a))
        try await s.h.test { api in
            let statuses = try await Self.writeAll(api, as: a, deleteID: keptID)
            #expect(statuses.count == 7)
            #expect(statuses.values.allSatisfy { $0 == 403 }, "\(statuses)")
            let r = try await api.call(.put, Self.base + "/queue/max-concurrent", as: a, json: #"{"maxConcurrent":9}"#)
            #expect(r.status == 403)
            #expect(r["code"] as? String == "forbidden")
            #expect((r["error"] as? String)?.contains("container_operator_orgs") == true)
            // Refused before the body is read: a malformed one is 403 too, not 400.
            #expect(try await api.call(.put, Self.base + "/mount/allowlist", as: a, json: "{not json").status == 403)

            // Nothing changed, and the reads stay open to the org.
            #expect(s.fake.changes == changes)
            #expect(try await api.call(.get, Self.base + "/queue/max-concurrent", as: a)["maxConcurrent"] as? Int == 2)
            #expect(try await api.call(.get, Self.base + "/mount/allowlist", as: a)["configured"] as? Bool == false)
            let status = try await api.call(.get, Self.base + "/credential-proxy/status", as: a)
            #expect(status.status == 200)
            #expect(status["running"] as? Bool == false)
            #expect(status["port"] as? Int == 3001)
            #expect((status["mappings"] as? [[String: Any]])?.map { $0["id"] as? String } == [keptID])
            #expect(!status.text.contains("sk-keep-SECRET"))

            let log = try await Self.auditLog(api, as: a)
            let denied = log.entries.filter { $0.action == "denied" }
            #expect(denied.count == 9, "\(log.text)")
            #expect(denied.allSatisfy { $0.outcome == "forbidden" && $0.actor == actor })
            let targets = Set(denied.map(\.target))
            #expect(targets == [
                "PUT /api/v1/container/queue/max-concurrent", "PUT /api/v1/container/mount/allowlist",
                "PUT /api/v1/container/credential-proxy/port", "POST /api/v1/container/credential-proxy/start",
                "POST /api/v1/container/credential-proxy/stop", "POST /api/v1/container/credential-proxy/mappings",
                "DELETE /api/v1/container/credential-proxy/mappings/\(keptID)",
            ])
            // No dedicated change entry for a refused call, and no credential anywhere.
            #expect(!log.entries.contains { $0.action.hasPrefix("proxy.") })
            #expect(!log.text.contains("SECRET"))
        }
        #expect(s.view.counts().maxConcurrent == 2)
    }

    @Test("a key of an org in container_operator_orgs may change them; another org's key still may not")
    func operatorOrgAllowed() async throws {
        let s0 = try Self.setup()
        let op = try await s0.h.org(), plain = try await s0.h.org()
        let s = Self.operators(s0, [op.id])
        try await s.h.test { api in
            let statuses = try await Self.writeAll(api, as: op)
            #expect(statuses == ["max": 200, "allowlist": 200, "port": 200, "start": 200, "create": 201, "delete": 204,
                                 "stop": 200])
            #expect(s.view.counts().maxConcurrent == 7)
            #expect(try await api.call(.get, Self.base + "/mount/allowlist", as: plain)["configured"] as? Bool == true)
            #expect(try await api.call(.get, Self.base + "/credential-proxy/status", as: plain)["port"] as? Int == 4111)
            let again = try await Self.writeAll(api, as: plain)
            #expect(again.values.allSatisfy { $0 == 403 }, "\(again)")
            #expect(s.view.counts().maxConcurrent == 7)
        }
    }

    @Test("the admin socket may change them, with or without X-Clawd-Org; its entries name the admin")
    func socketAllowed() async throws {
        let s = try Self.setup()
        let a = try await s.h.org()
        try await s.h.test(.adminSocket) { api in
            let statuses = try await Self.writeAll(api, as: nil)
            #expect(statuses == ["max": 200, "allowlist": 200, "port": 200, "start": 200, "create": 201, "delete": 204,
                                 "stop": 200])
            let r = try await api.call(.put, Self.base + "/queue/max-concurrent", socketOrg: a.id, json: #"{"maxConcurrent":4}"#)
            #expect(r.status == 200)
            #expect(s.view.counts().maxConcurrent == 4)
            let log = try await Self.auditLog(api, as: nil)
            let mine = log.entries.filter { $0.action.contains(".") }
            #expect(!mine.isEmpty)
            #expect(mine.allSatisfy { $0.actor == "admin" })
            #expect(Set(mine.map(\.action)) == [
                "queue.max-concurrent", "mount.allowlist", "proxy.port", "proxy.start", "proxy.mapping.create",
                "proxy.mapping.delete", "proxy.stop",
            ])
        }
    }

    @Test("mount decisions and proxy changes have their own audit entries with actor and outcome, never a credential")
    func auditEntries() async throws {
        let s0 = try Self.setup()
        let op = try await s0.h.org(), plain = try await s0.h.org()
        let s = Self.operators(s0, [op.id])
        let root = MountSecurity.realPath(try TestPaths.makeTempDir("oproot"))!
        try FileManager.default.createDirectory(atPath: root + "/project", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/.ssh", withIntermediateDirectories: true)
        let credential = "sk-live-" + Identifier.make(prefix: "", length: 24)
        let opActor = "key:" + (try await keyID(s.h, op)), plainActor = "key:" + (try await keyID(s.h, plain))
        try await s.h.test { api in
            let list = "{\"allowedRoots\":[{\"path\":\"\(root)\",\"allowReadWrite\":true}]}"
            #expect(try await api.call(.put, Self.base + "/mount/allowlist", as: op, json: list).status == 200)
            let ok = try await api.call(.post, Self.base + "/mount/validate", as: op,
                                        json: "{\"hostPath\":\"\(root)/project\",\"containerPath\":\"p\"}")
            #expect(ok["allowed"] as? Bool == true)
            let refused = try await api.call(.post, Self.base + "/mount/validate", as: op,
                                             json: "{\"hostPath\":\"\(root)/.ssh\",\"containerPath\":\"keys\"}")
            #expect(refused["allowed"] as? Bool == false)
            // Validating is not a host-wide change: any org may, and its own log shows it.
            let other = try await api.call(.post, Self.base + "/mount/validate", as: plain,
                                           json: "{\"hostPath\":\"/nonexistent/x\",\"containerPath\":\"x\"}")
            #expect(other.status == 200)
            #expect(other["allowed"] as? Bool == false)

            let created = try await api.call(.post, Self.base + "/credential-proxy/mappings", as: op, json: """
                {"name":"anthropic","upstreamUrl":"https://api.example.com/tok/path","credentialType":"bearer","credential":"\(credential)"}
                """)
            #expect(created.status == 201)
            let id = try #require(created["id"] as? String)
            let placeholder = try #require(created["placeholder"] as? String)
            let dup = try await api.call(.post, Self.base + "/credential-proxy/mappings", as: op, json: """
                {"name":"anthropic","upstreamUrl":"https://api.example.com","credentialType":"bearer","credential":"\(credential)"}
                """)
            #expect(dup.status == 409)
            #expect(try await api.call(.delete, Self.base + "/credential-proxy/mappings/\(id)", as: op).status == 204)
            #expect(try await api.call(.delete, Self.base + "/credential-proxy/mappings/cm_nope", as: op).status == 404)

            let log = try await Self.auditLog(api, as: op)
            func entries(_ action: String) -> [ContainerWire.AuditLogEntry] { log.entries.filter { $0.action == action } }
            let mounts = entries("mount.validate")
            #expect(mounts.count == 2)
            let allowed = try #require(mounts.first { $0.outcome == "allowed" })
            #expect(allowed.target == "\(root)/project→p")
            #expect(allowed.actor == opActor)
            let no = try #require(mounts.first { $0.outcome == "refused" })
            #expect(no.target == "\(root)/.ssh→keys")
            #expect(no.detail?.contains(".ssh") == true, "\(no)")
            #expect(no.actor == opActor)

            let creates = entries("proxy.mapping.create")
            #expect(creates.map(\.outcome).sorted() == ["conflict", "ok"])
            let create = try #require(creates.first { $0.outcome == "ok" })
            #expect(create.target == "\(id) anthropic")
            #expect(create.actor == opActor)
            #expect(create.detail?.contains("/tok/path") == false)
            let deletes = entries("proxy.mapping.delete")
            #expect(deletes.map(\.outcome).sorted() == ["not_found", "ok"])
            #expect(deletes.contains { $0.target == "\(id) anthropic" && $0.outcome == "ok" })
            #expect(deletes.contains { $0.target == "unknown mapping id" && $0.outcome == "not_found" })
            #expect(entries("mount.allowlist").first?.outcome == "ok")
            #expect(!log.text.contains(credential))
            #expect(!log.text.contains(placeholder))
            #expect(!log.text.contains("/tok/path"))

            let plainLog = try await Self.auditLog(api, as: plain)
            let theirs = plainLog.entries.filter { $0.action == "mount.validate" }
            #expect(theirs.count == 1)
            #expect(theirs.first?.actor == plainActor)
            #expect(theirs.first?.outcome == "refused")
        }
        try await s.h.test(.adminSocket) { api in
            let all = try await Self.auditLog(api, as: nil)
            #expect(!all.text.contains(credential))
            #expect(all.entries.filter { $0.action == "mount.validate" }.count == 3)
        }
    }

    @Test("forbidden is 403 in every dialect")
    func forbiddenEverywhere() {
        let error = ClawError(.forbidden, "no")
        for dialect in [Dialect.claw, .hosters, .container] {
            #expect(dialect.response(for: error).status == .forbidden)
        }
    }
}
