@testable import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Hummingbird
import Testing

@Suite("Router contract: OpenAPI, socket semantics, error envelopes")
struct RouterContractTests {
    @Test("openapi.json lists exactly the routes each router registers")
    func openAPIMatchesRouter() throws {
        let h = try Harness()
        func registered(_ listener: Listener) -> Set<String> {
            // The web console's pages are HTML for browsers, not API operations.
            Set(h.router(listener).routes.filter { !AuthMiddleware.isConsole($0.path.description) }
                .map { "\($0.method.rawValue) \($0.path.description)" })
        }
        let documented = Set(OpenAPI.routes.map { "\($0.method) \($0.path)" })
        let tcpDocumented = Set(OpenAPI.routes.filter { !$0.socketOnly }.map { "\($0.method) \($0.path)" })
        #expect(registered(.adminSocket) == documented)
        #expect(registered(.tcp) == tcpDocumented)
    }

    @Test("GET /openapi.json serves an OpenAPI 3.1 document whose paths are the route table")
    func openAPIServed() async throws {
        let h = try Harness()
        try await h.test { api in
            let r = try await api.call(.get, "/openapi.json")
            #expect(r.status == 200)
            #expect(r["openapi"] as? String == "3.1.0")
            let paths = try #require(r["paths"] as? [String: [String: Any]])
            var pairs = Set<String>()
            for (path, methods) in paths { for m in methods.keys { pairs.insert("\(m.uppercased()) \(path)") } }
            #expect(pairs == Set(OpenAPI.routes.map { "\($0.method) \($0.path)" }))
        }
    }

    @Test("Hummingbird's own 404, wrong-method and 401 answers use the LemonData envelope")
    func frameworkErrorsEnveloped() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let missing = try await api.call(.get, "/v1/claw/nothing", as: org)
            #expect(missing.status == 404)
            #expect(missing.errorType == "not_found")
            let wrongMethod = try await api.call(.put, "/v1/claw/instances", as: org, json: "{}")
            #expect(wrongMethod.status == 404)
            #expect(wrongMethod.errorType == "not_found")
            let noKey = try await api.call(.get, "/v1/claw/instances")
            #expect(noKey.status == 401)
            #expect(noKey.errorType == "authentication_error")
            let badKey = try await api.call(.get, "/v1/claw/instances", as: TestOrg(id: org.id, key: "claw_nope"))
            #expect(badKey.status == 401)
            let admin = try await api.call(.post, "/admin/reconcile", as: org)
            #expect(admin.status == 404)
        }
    }

    @Test("on the socket: create needs X-Clawd-Org (400), lists without it cover every org, actions reach any org")
    func socketSemantics() async throws {
        let h = try Harness()
        let a = try await h.org()
        let b = try await h.org()
        try await h.test(.adminSocket) { api in
            let noOrg = try await api.call(.post, "/v1/claw/instances", json: #"{"subdomain":"nobody"}"#)
            #expect(noOrg.status == 400)
            #expect(noOrg.error["param"] as? String == "X-Clawd-Org")
            let created = try await api.call(.post, "/v1/claw/instances", socketOrg: a.id, json: #"{"subdomain":"abot"}"#)
            #expect(created.status == 201)
            _ = try await api.call(.post, "/v1/claw/instances", socketOrg: b.id, json: #"{"subdomain":"bbot"}"#)
            let all = try await api.call(.get, "/v1/claw/instances")
            #expect((all["instances"] as? [Any])?.count == 2)
            let onlyA = try await api.call(.get, "/v1/claw/instances", socketOrg: a.id)
            #expect((onlyA["instances"] as? [[String: Any]])?.map { $0["subdomain"] as? String } == ["abot"])
            let id = try #require(created["id"] as? String)
            #expect(try await api.call(.get, "/v1/claw/instances/\(id)").status == 200)
            #expect(try await api.call(.get, "/v1/claw/instances/\(id)", socketOrg: b.id).status == 404)
            let renew = try await api.call(.post, "/v1/claw/instances/\(id)/renew")
            #expect(renew.status == 400)
            #expect(try await api.call(.post, "/v1/claw/instances/\(id)/renew", socketOrg: a.id).status == 200)
            let unknownOrg = try await api.call(.get, "/v1/claw/instances", socketOrg: "org_missing")
            #expect(unknownOrg.status == 404)
        }
        await #expect(try h.charges(a).count == 2)
    }

    @Test("POST /admin/reconcile runs the reconcile and answers its counts")
    func reconcile() async throws {
        let h = try Harness(reconcile: { ["started": 2, "removed": 1] })
        try await h.test(.adminSocket) { api in
            let r = try await api.call(.post, "/admin/reconcile")
            #expect(r.status == 200)
            #expect(r["changed"] as? [String: Int] == ["started": 2, "removed": 1])
        }
    }

    @Test("the instance url follows the configured template")
    func urlTemplate() throws {
        let instance = Instance(id: "cabc", orgID: "o", subdomain: "mybot", status: .running, desired: .running,
                                image: "i", hostPort: 41234, paidUntil: .init(millis: 0), createdAt: .init(millis: 0),
                                updatedAt: .init(millis: 0), rebuildDay: "", totalPaid: .zero)
        #expect(ClawInstanceRow.url(template: "http://127.0.0.1:{hostPort}", instance: instance) == "http://127.0.0.1:41234")
        #expect(ClawInstanceRow.url(template: "https://claw-{subdomain}.example.com/{id}", instance: instance)
                == "https://claw-mybot.example.com/cabc")
    }
}
