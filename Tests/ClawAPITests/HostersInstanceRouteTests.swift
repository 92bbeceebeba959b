@testable import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Hummingbird
import Testing

/// Field names and JSON types of the dialect's objects, as docs/spec/api-hosters.md lists them.
enum HostersShape {
    enum Kind { case int, string, bool, nullableString }

    static let listItem: [(String, Kind)] = [
        ("id", .int), ("name", .string), ("status", .string), ("tier", .string), ("billing_mode", .string),
        ("ip_address", .nullableString), ("health_status", .string), ("created_at", .string), ("provisioned_at", .nullableString),
    ]
    static let detail: [(String, Kind)] = listItem + [
        ("can_start", .bool), ("can_stop", .bool), ("can_restart", .bool), ("subdomain_url", .string),
        ("daily_claw_cost", .int), ("llm_configured", .bool), ("telegram_configured", .bool),
    ]
    static let action: [(String, Kind)] = [
        ("id", .int), ("name", .string), ("status", .string), ("tier", .string),
        ("can_start", .bool), ("can_stop", .bool), ("can_restart", .bool), ("operation_id", .string),
    ]

    static func isBool(_ v: Any?) -> Bool { (v as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false }
    static func isInt(_ v: Any?) -> Bool {
        guard let n = v as? NSNumber, !isBool(v) else { return false }
        return n.doubleValue == n.doubleValue.rounded()
    }

    /// Exactly these keys, each of its type.
    static func check(_ object: [String: Any], _ shape: [(String, Kind)], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(object.keys) == Set(shape.map(\.0)), sourceLocation: sourceLocation)
        for (key, kind) in shape {
            let v = object[key]
            let ok = switch kind {
            case .int: isInt(v)
            case .string: v is String
            case .bool: isBool(v)
            case .nullableString: v is String || v is NSNull
            }
            #expect(ok, "\(key) has type \(type(of: v))", sourceLocation: sourceLocation)
        }
    }
}

extension Reply {
    var data: [String: Any] { json["data"] as? [String: Any] ?? [:] }
    var dataList: [[String: Any]] { json["data"] as? [[String: Any]] ?? [] }
    var pagination: [String: Int] { (json["pagination"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Int } }
    var hostersCode: String? { error["code"] as? String }
}

@Suite("ClawHosters instances: shapes, can_* per state, pagination, org scope")
struct HostersInstanceRouteTests {
    /// Creates through the Claw dialect (the same instances) and answers the integer id.
    func make(_ h: Harness, _ org: TestOrg, _ subdomain: String, tier: Tier = .balanced) async throws -> (String, Int64) {
        let (instance, _) = try await h.service.create(orgID: org.id, subdomain: subdomain, defaultModel: "gpt-4o", tier: tier,
                                                  imConfig: IMConfig(json: #"{"telegram":{"botToken":"123:abc"}}"#))
        return (instance.id, try await #require(try h.store.instanceNumbers(ids: [instance.id])[instance.id]))
    }

    @Test("detail and list items carry exactly the spec's fields with the spec's types")
    func shapes() async throws {
        let h = try Harness()
        let org = try await h.org()
        let (id, n) = try await make(h, org, "shapebot", tier: .pro)
        let plainID = try await h.service.create(orgID: org.id, subdomain: "plainbot", defaultModel: nil, tier: .budget, imConfig: nil).0.id
        let n2 = try await #require(try h.store.instanceNumbers(ids: [plainID])[plainID])
        try await h.markRunning(id)
        try await h.store.setRuntimeAddress(instanceID: id, address: "10.88.0.7")
        try await h.test { api in
            let detail = try await api.call(.get, "/api/v1/instances/\(n)", as: org)
            #expect(detail.status == 200)
            #expect(Set(detail.json.keys) == ["data"])
            HostersShape.check(detail.data, HostersShape.detail)
            #expect(detail.data["id"] as? Int == Int(n))
            #expect(detail.data["name"] as? String == "shapebot")
            #expect(detail.data["status"] as? String == "running")
            #expect(detail.data["tier"] as? String == "pro")
            #expect(detail.data["billing_mode"] as? String == "monthly")
            #expect(detail.data["ip_address"] as? String == "10.88.0.7")
            #expect(detail.data["llm_configured"] as? Bool == true)
            #expect(detail.data["telegram_configured"] as? Bool == true)
            // 3500 cents per 30 days = 116.67 per day, rounded up.
            #expect(detail.data["daily_claw_cost"] as? Int == 117)
            let port = try await #require(try h.store.instance(id: id, orgID: nil)?.hostPort)
            #expect(detail.data["subdomain_url"] as? String == "127.0.0.1:\(port)")
            #expect(Timestamp(iso8601: detail.data["provisioned_at"] as? String ?? "") != nil)

            let plain = try await api.call(.get, "/api/v1/instances/\(n2)", as: org)
            HostersShape.check(plain.data, HostersShape.detail)
            #expect(plain.data["ip_address"] is NSNull && plain.data["provisioned_at"] is NSNull)
            #expect(plain.data["llm_configured"] as? Bool == false && plain.data["telegram_configured"] as? Bool == false)
            #expect(plain.data["daily_claw_cost"] as? Int == 34)

            let list = try await api.call(.get, "/api/v1/instances", as: org)
            #expect(list.status == 200)
            #expect(Set(list.json.keys) == ["data", "pagination"])
            #expect(list.dataList.count == 2)
            for item in list.dataList { HostersShape.check(item, HostersShape.listItem) }
            #expect(list.dataList.map { $0["id"] as? Int } == [Int(n), Int(n2)])
            #expect(list.pagination == ["current_page": 1, "total_pages": 1, "total_count": 2, "per_page": 25])
        }
    }

    @Test("status mapping and can_start/can_stop/can_restart for every state, and actions allowed only where true")
    func canTable() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 100_000)
        let (provisioning, np) = try await make(h, org, "prov")
        let (running, nr) = try await make(h, org, "run")
        try await h.markRunning(running)
        let (stopped, ns) = try await make(h, org, "stop")
        try await h.markRunning(stopped)
        _ = try await h.service.request(.stop, instanceID: stopped, orgID: org.id)
        let (paused, npa) = try await make(h, org, "pause")
        try await h.markRunning(paused)
        let far = Timestamp.now().adding(seconds: 400 * 86_400)
        try await h.service.report(.expire, instanceID: paused, now: far)
        let (failed, nf) = try await make(h, org, "fail")
        try await h.service.report(.provisioningFailed(final: true), instanceID: failed)
        let (deleting, nd) = try await make(h, org, "del")
        _ = try await h.service.request(.delete, instanceID: deleting, orgID: org.id)
        _ = provisioning

        let table: [(Int64, String, [Bool])] = [
            (nr, "running", [false, true, true]), (ns, "stopped", [true, false, false]),
            (npa, "paused", [false, false, false]), (np, "provisioning", [false, false, false]),
            (nf, "error", [false, false, false]), (nd, "deleting", [false, false, false]),
        ]
        try await h.test { api in
            for (n, status, can) in table {
                let r = try await api.call(.get, "/api/v1/instances/\(n)", as: org)
                #expect(r.data["status"] as? String == status)
                let got = [r.data["can_start"] as? Bool, r.data["can_stop"] as? Bool, r.data["can_restart"] as? Bool]
                #expect(got == can.map { Optional($0) }, "\(status)")
                // Every action whose can_* is false answers 422 and changes nothing.
                for (verb, allowed) in zip(["start", "stop", "restart"], can) where !allowed {
                    let before = try await h.store.hostersInstance(number: n, orgID: org.id)?.instance
                    let refused = try await api.call(.post, "/api/v1/instances/\(n)/\(verb)", as: org)
                    #expect(refused.status == 422, "\(verb) on \(status)")
                    #expect(refused.hostersCode == "unprocessable_entity")
                    #expect((refused.error["message"] as? String)?.contains(status) == true)
                    await #expect(try h.store.hostersInstance(number: n, orgID: org.id)?.instance == before)
                }
            }
            // The allowed ones: stop the running one, start it again, restart it.
            let stop = try await api.call(.post, "/api/v1/instances/\(nr)/stop", as: org)
            #expect(stop.status == 200)
            HostersShape.check(stop.data, HostersShape.action)
            #expect(stop.data["status"] as? String == "stopped" && stop.data["can_start"] as? Bool == true)
            let start = try await api.call(.post, "/api/v1/instances/\(nr)/start", as: org, json: "{}")
            #expect(start.status == 200 && start.data["status"] as? String == "running")
            let restart = try await api.call(.post, "/api/v1/instances/\(nr)/restart", as: org)
            #expect(restart.status == 200 && restart.data["can_restart"] as? Bool == true)
            await #expect(try h.store.instance(id: running, orgID: nil)?.generation == 2)
            let bad = try await api.call(.post, "/api/v1/instances/\(nr)/stop", as: org, json: #"{"force":true}"#)
            #expect(bad.status == 422 && bad.hostersCode == "unprocessable_entity")
            #expect((bad.error["details"] as? [String: String])?["force"] != nil)
            await #expect(try h.store.instance(id: running, orgID: nil)?.status == .running)
        }
    }

    @Test("DELETE answers status deleting; once the removal finished the instance is gone (404, not listed)")
    func delete() async throws {
        let h = try Harness()
        let org = try await h.org()
        let (id, n) = try await make(h, org, "gone")
        try await h.markRunning(id)
        try await h.store.setRuntimeAddress(instanceID: id, address: "10.88.0.7")
        try await h.test { api in
            let r = try await api.call(.delete, "/api/v1/instances/\(n)", as: org)
            #expect(r.status == 200)
            HostersShape.check(r.data, HostersShape.action)
            #expect(r.data["status"] as? String == "deleting")
            await #expect(try h.store.instance(id: id, orgID: nil)?.status == .deleted)
            #expect(try await api.call(.get, "/api/v1/instances", as: org).dataList.count == 1)
            let again = try await api.call(.delete, "/api/v1/instances/\(n)", as: org)
            #expect(again.status == 422)
            try await h.service.finishOperations(instanceID: id, succeeded: true, error: nil)
            let after = try await api.call(.get, "/api/v1/instances/\(n)", as: org)
            #expect(after.status == 404 && after.hostersCode == "not_found")
            #expect(try await api.call(.get, "/api/v1/instances", as: org).pagination["total_count"] == 0)
        }
    }

    @Test("pagination edges: page 0 and junk are 422, past the end is an empty page, per_page > 100 is served as 100")
    func pagination() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 1_000_000)
        for k in 0..<105 { _ = try await h.service.create(orgID: org.id, subdomain: "pag\(k)", defaultModel: nil, tier: .budget, imConfig: nil) }
        try await h.test { api in
            let first = try await api.call(.get, "/api/v1/instances", as: org)
            #expect(first.dataList.count == 25)
            #expect(first.pagination == ["current_page": 1, "total_pages": 5, "total_count": 105, "per_page": 25])
            let last = try await api.call(.get, "/api/v1/instances?page=5", as: org)
            #expect(last.dataList.count == 5 && last.pagination["current_page"] == 5)
            let past = try await api.call(.get, "/api/v1/instances?page=6", as: org)
            #expect(past.status == 200 && past.dataList.isEmpty)
            #expect(past.pagination == ["current_page": 6, "total_pages": 5, "total_count": 105, "per_page": 25])
            let huge = try await api.call(.get, "/api/v1/instances?page=999999999999", as: org)
            #expect(huge.status == 200 && huge.dataList.isEmpty)
            let big = try await api.call(.get, "/api/v1/instances?per_page=1000", as: org)
            #expect(big.dataList.count == 100 && big.pagination["per_page"] == 100 && big.pagination["total_pages"] == 2)
            let two = try await api.call(.get, "/api/v1/instances?page=2&per_page=100", as: org)
            #expect(two.dataList.count == 5)
            let ids = Set((big.dataList + two.dataList).compactMap { $0["id"] as? Int })
            #expect(ids.count == 105)
            for bad in ["page=0", "page=-1", "page=abc", "per_page=0", "per_page=x", "page=1.5"] {
                let r = try await api.call(.get, "/api/v1/instances?\(bad)", as: org)
                #expect(r.status == 422, "\(bad)")
                #expect(r.hostersCode == "unprocessable_entity" && r.error["message"] as? String == "Validation failed")
                let field = String(bad.split(separator: "=")[0])
                #expect((r.error["details"] as? [String: String])?[field] == "must be a whole number from 1")
            }
        }
    }

    @Test("another org's instance, a missing one and a non-integer id are the same 404 not_found")
    func orgScope() async throws {
        let h = try Harness()
        let a = try await h.org(), b = try await h.org()
        let (id, n) = try await make(h, a, "mine")
        try await h.markRunning(id)
        try await h.store.setRuntimeAddress(instanceID: id, address: "10.88.0.7")
        try await h.test { api in
            #expect(try await api.call(.get, "/api/v1/instances/\(n)", as: a).status == 200)
            for path in ["/api/v1/instances/\(n)", "/api/v1/instances/999999", "/api/v1/instances/\(id)", "/api/v1/instances/0"] {
                let r = try await api.call(.get, path, as: b)
                #expect(r.status == 404, "\(path)")
                #expect(r.json as NSDictionary == ["error": ["code": "not_found", "message": "Instance not found"]] as NSDictionary)
            }
            for verb in ["start", "stop", "restart"] {
                #expect(try await api.call(.post, "/api/v1/instances/\(n)/\(verb)", as: b).status == 404)
            }
            #expect(try await api.call(.delete, "/api/v1/instances/\(n)", as: b).status == 404)
            await #expect(try h.store.instance(id: id, orgID: nil)?.status == .running)
            #expect(try await api.call(.get, "/api/v1/instances", as: b).dataList.isEmpty)
        }
    }

    @Test("every /api/v1 answer is enveloped: 401, unknown route, 405, 413, account")
    func envelopes() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 1234)
        try await h.test { api in
            for r in [try await api.call(.get, "/api/v1/instances"),
                      try await api.call(.get, "/api/v1/instances", as: TestOrg(id: org.id, key: "oc_live_nope"))] {
                #expect(r.status == 401)
                #expect(r.json as NSDictionary == ["error": ["code": "unauthorized", "message": "Invalid or missing API key"]] as NSDictionary)
            }
            let unknown = try await api.call(.get, "/api/v1/nothing/here", as: org)
            #expect(unknown.status == 404 && unknown.hostersCode == "not_found")
            let method = try await api.call(.put, "/api/v1/instances/1", as: org, json: "{}")
            #expect(method.status == 405 && method.hostersCode == "method_not_allowed")
            #expect(method.header("Allow") == "DELETE, GET")
            let big = String(repeating: "x", count: 70 * 1024)
            let tooLarge = try await api.call(.post, "/api/v1/instances/1/start", as: org, json: "{\"a\":\"\(big)\"}")
            #expect(tooLarge.status == 413 && tooLarge.hostersCode == "payload_too_large")
            let account = try await api.call(.get, "/api/v1/account", as: org)
            #expect(account.status == 200)
            #expect(Set(account.data.keys) == ["id", "name", "created_at", "balance_cents", "api_keys_count"])
            #expect(account.data["id"] as? String == org.id)
            #expect(account.data["balance_cents"] as? Int == 1234 && account.data["api_keys_count"] as? Int == 1)
            #expect(try await api.call(.get, "/api/v1/health").data["status"] as? String == "ok")
        }
    }
}
