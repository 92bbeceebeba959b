import ClawClient
import ClawTestSupport
import ClawWire
import Foundation
import Testing

extension E2E {
    @Suite("ClawHosters dialect through the built clawd and real podman")
    struct Hosters {
        /// The ClawHosters client of `org` (Bearer key over real TCP).
        struct Client {
            let claw: E2EClaw
            func send(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> ClawClient.Reply {
                if let body { return try await claw.send(method, "/api/v1" + path, json: body) }
                return try await claw.send(method, "/api/v1" + path)
            }
            func data(_ path: String) async throws -> [String: Any] {
                let r = try await send("GET", path)
                guard r.status == 200, let data = try r.json()["data"] as? [String: Any] else {
                    throw DaemonProcessError("GET \(path) → \(r.status) \(r.text)")
                }
                return data
            }
        }

        static func data(_ r: ClawClient.Reply) -> [String: Any] { ((try? r.json())?["data"] as? [String: Any]) ?? [:] }
        static func code(_ r: ClawClient.Reply) -> String? { ((try? r.json())?["error"] as? [String: Any])?["code"] as? String }

        /// The container's address on its network, as podman reports it ("" when it has none).
        static func containerAddress(_ install: E2EInstall, _ id: String) async throws -> String {
            (try? await install.podman(["inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                                        E2EInstall.containerName(id)]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }

        static func containerState(_ install: E2EInstall, _ id: String) async throws -> String {
            (try? await install.podman(["inspect", "--format", "{{.State.Status}}", E2EInstall.containerName(id)]))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "absent"
        }

        @Test("instances by integer id: shapes, can_* as the state moves (container really stops and starts), 422, other org 404, pagination, billing, buy_claws approved over the socket, DELETE → deleting → gone")
        func dialect() async throws {
            try await E2EInstall.with { install in
                try await install.start()
                let a = try await install.makeOrg("hosters-a-\(install.installID)", creditCents: 100_000)
                let b = try await install.makeOrg("hosters-b-\(install.installID)", creditCents: 1)
                let claw = install.claw(a)
                let api = Client(claw: claw), other = Client(claw: install.claw(b))
                let name = "hb\(E2E.suffix())"
                let created = try await claw.create(name, extra: ["tier": "pro", "defaultModel": "gpt-5.2",
                                                                  "imConfig": ["telegram": ["botToken": "1:x", "allowed": [7, 8]]]])
                #expect(created.status == 201, "\(created.text)")
                let stringID = try #require(try created.json()["id"] as? String)
                try await claw.waitStatus(stringID, "RUNNING")

                let list = try await api.send("GET", "/instances")
                #expect(list.status == 200, "\(list.text)")
                let listed = try #require(try list.json()["data"] as? [[String: Any]])
                #expect(try list.json()["pagination"] as? [String: Int] == ["current_page": 1, "total_pages": 1, "total_count": 1, "per_page": 25])
                let item = try #require(listed.first)
                #expect(Set(item.keys) == ["id", "name", "status", "tier", "billing_mode", "ip_address", "health_status",
                                           "created_at", "provisioned_at"])
                let id = try #require(item["id"] as? Int)
                #expect(item["name"] as? String == name && item["status"] as? String == "running")

                var d = try await api.data("/instances/\(id)")
                #expect(Set(d.keys) == Set(item.keys).union(["can_start", "can_stop", "can_restart", "subdomain_url",
                                                             "daily_claw_cost", "llm_configured", "telegram_configured"]))
                #expect(d["can_start"] as? Bool == false && d["can_stop"] as? Bool == true && d["can_restart"] as? Bool == true)
                #expect(d["tier"] as? String == "pro" && d["daily_claw_cost"] as? Int == 117 && d["billing_mode"] as? String == "monthly")
                // ip_address: the container's address on its runtime network, as the engine observed it.
                let address = try await Self.containerAddress(install, stringID)
                #expect(!address.isEmpty && address != "127.0.0.1", "podman reports no address")
                #expect(d["ip_address"] as? String == address && d["provisioned_at"] is String, "\(d)")
                // The nested IM config is the secrets file's content, and never part of an answer.
                let secrets = try String(contentsOfFile: try await install.volumeMountpoint(stringID) + "/secrets/im-config.json",
                                         encoding: .utf8)
                #expect(secrets == #"{"telegram":{"allowed":[7,8],"botToken":"1:x"}}"#)
                #expect(!(try await api.send("GET", "/instances/\(id)")).text.contains("1:x"))
                #expect(d["llm_configured"] as? Bool == true && d["telegram_configured"] as? Bool == true)
                let url = try await claw.instance(stringID).url
                #expect("http://" + (d["subdomain_url"] as? String ?? "") == url)
                #expect(["healthy", "unhealthy", "unknown"].contains(d["health_status"] as? String ?? ""))

                // Another org: 404 exactly like a missing id; nothing changes.
                for path in ["/instances/\(id)", "/instances/\(id + 1000)"] {
                    let r = try await other.send("GET", path)
                    #expect(r.status == 404 && r.text == #"{"error":{"code":"not_found","message":"Instance not found"}}"#, "\(r.text)")
                }
                #expect(try await other.send("POST", "/instances/\(id)/stop").status == 404)
                #expect(try await Self.containerState(install, stringID) == "running")

                // Illegal: start while running → 422, container untouched.
                let refused = try await api.send("POST", "/instances/\(id)/start")
                #expect(refused.status == 422 && Self.code(refused) == "unprocessable_entity", "\(refused.text)")

                // stop → stopped (T/F/F) and the container really stops.
                let stopped = try await api.send("POST", "/instances/\(id)/stop")
                #expect(stopped.status == 200, "\(stopped.text)")
                #expect(Set(Self.data(stopped).keys) == ["id", "name", "status", "tier", "can_start", "can_stop", "can_restart",
                                                         "operation_id"])
                let stopOp = try #require(Self.data(stopped)["operation_id"] as? String)
                #expect(stopped.header("Location") == "/v1/operations/\(stopOp)")
                #expect(Self.data(stopped)["status"] as? String == "stopped" && Self.data(stopped)["can_start"] as? Bool == true)
                _ = try await eventually("the container stops") { try await Self.containerState(install, stringID) != "running" ? true : nil }
                d = try await api.data("/instances/\(id)")
                #expect(d["can_start"] as? Bool == true && d["can_stop"] as? Bool == false && d["can_restart"] as? Bool == false)
                _ = try await eventually("a stopped instance has no address") {
                    try await api.data("/instances/\(id)")["ip_address"] is NSNull ? true : nil
                }
                for verb in ["stop", "restart"] {
                    #expect(try await api.send("POST", "/instances/\(id)/\(verb)").status == 422)
                }
                // start → running again, for real.
                let started = try await api.send("POST", "/instances/\(id)/start")
                #expect(started.status == 200 && Self.data(started)["status"] as? String == "running", "\(started.text)")
                try await claw.waitStatus(stringID, "RUNNING")
                _ = try await eventually("the container runs again") { try await Self.containerState(install, stringID) == "running" ? true : nil }
                _ = try await eventually("the running container's address is back") {
                    let now = try await Self.containerAddress(install, stringID)
                    let shown = try await api.data("/instances/\(id)")["ip_address"] as? String
                    return !now.isEmpty && shown == now ? true : nil
                }
                let generation = try await install.generation(stringID) ?? 0
                let restarted = try await api.send("POST", "/instances/\(id)/restart")
                #expect(restarted.status == 200, "\(restarted.text)")
                _ = try await eventually("restart recreates the container") {
                    let g = try await install.generation(stringID) ?? 0
                    let state = try await Self.containerState(install, stringID)
                    return g > generation && state == "running" ? true : nil
                }

                // Pagination edges.
                #expect(try await api.send("GET", "/instances?page=0").status == 422)
                let big = try await api.send("GET", "/instances?per_page=500")
                #expect((try big.json()["pagination"] as? [String: Int])?["per_page"] == 100)
                let past = try await api.send("GET", "/instances?page=2")
                let pastData = try past.json()["data"] as? [Any]
                #expect(past.status == 200 && pastData?.isEmpty == true)

                // Account and billing.
                let account = try await api.data("/account")
                #expect(account["id"] as? String == a.id && account["balance_cents"] as? Int == 100_000 - 3500)
                #expect(account["api_keys_count"] as? Int == 1)
                let summary = try await api.data("/billing/summary")
                #expect(summary["claws_balance"] as? Int == 96_500 && summary["daily_claw_cost"] as? Int == 117)
                #expect(summary["days_remaining"] as? Int == 96_500 / 117 && summary["running_instances_count"] as? Int == 1)
                let usage = try await api.data("/billing/usage")
                #expect((usage["instances"] as? [[String: Any]])?.first?["id"] as? Int == id)
                let tx = try await api.send("GET", "/billing/transactions")
                let rows = try #require(try tx.json()["data"] as? [[String: Any]])
                #expect(rows.map { $0["type"] as? String } == ["charge", "credit"])
                #expect(rows.first?["instance_id"] as? Int == id && rows.first?["amount_cents"] as? Int == 3500)
                let packages = try #require(try await api.send("GET", "/billing/packages").json()["data"] as? [[String: Any]])
                #expect(packages.map { $0["id"] as? String } == ["small", "medium", "large"])
                let bought = try await api.send("POST", "/billing/buy_claws", ["package_id": "small"])
                #expect(bought.status == 201 && Self.data(bought)["status"] as? String == "pending", "\(bought.text)")
                let purchase = try #require(Self.data(bought)["id"] as? Int)
                let approved = try await install.daemon.admin.post("/admin/purchases/\(purchase)/approve", [:])
                #expect(approved.status == 200, "\(approved.text)")
                #expect(try await install.balanceCents(a) == 96_500 + 1000)
                #expect(try await install.daemon.admin.post("/admin/purchases/\(purchase)/approve", [:]).status == 409)

                // Envelopes of the framework's own answers under /api/v1.
                let unknown = try await api.send("GET", "/nothing")
                #expect(unknown.status == 404 && Self.code(unknown) == "not_found")
                let wrong = try await api.send("PATCH", "/instances/\(id)", [:])
                #expect(wrong.status == 405 && Self.code(wrong) == "method_not_allowed")
                let noKey = try await E2EClaw(install.daemon, key: "oc_live_nope").send("GET", "/api/v1/instances")
                #expect(noKey.status == 401 && noKey.text == #"{"error":{"code":"unauthorized","message":"Invalid or missing API key"}}"#)

                // DELETE: 200 deleting, then gone (404, not listed), container and volume removed.
                let deleted = try await api.send("DELETE", "/instances/\(id)")
                #expect(deleted.status == 200 && Self.data(deleted)["status"] as? String == "deleting", "\(deleted.text)")
                _ = try await eventually("the deleted instance goes away", timeout: .seconds(120)) {
                    try await api.send("GET", "/instances/\(id)").status == 404 ? true : nil
                }
                #expect((try await api.send("GET", "/instances").json()["data"] as? [Any])?.isEmpty == true)
                #expect(try await install.containers(instance: stringID).isEmpty)
                #expect(try await install.volumes(instance: stringID).isEmpty)
            }
        }

        @Test("rate limit over real TCP: headers count down, 150 parallel requests → exactly 100 pass, 429 + Retry-After in both dialects, a new window resets")
        func rateLimit() async throws {
            try await E2EInstall.with { install in
                try await install.start(environment: ["CLAWD_RATE_LIMIT_REQUESTS": "100", "CLAWD_RATE_LIMIT_WINDOW_SECONDS": "30"])
                let org = try await install.makeOrg("rl-\(install.installID)", creditCents: 1)
                let claw = install.claw(org)
                let first = try await claw.send("GET", "/api/v1/account")
                #expect(first.status == 200)
                #expect(first.header("X-RateLimit-Limit") == "100" && first.header("X-RateLimit-Remaining") == "99")
                let second = try await claw.send("GET", "/v1/claw/instances")
                #expect(second.header("X-RateLimit-Remaining") == "98")
                let reset = try #require(first.header("X-RateLimit-Reset").flatMap(Int64.init))
                #expect(second.header("X-RateLimit-Reset").flatMap(Int64.init) == reset)
                let now = Int64(Date().timeIntervalSince1970)
                #expect(reset > now && reset <= now + 31)

                let replies = try await withThrowingTaskGroup(of: ClawClient.Reply.self) { group in
                    for n in 0..<150 {
                        group.addTask { try await claw.send("GET", n % 2 == 0 ? "/api/v1/instances" : "/v1/claw/instances") }
                    }
                    return try await group.reduce(into: [ClawClient.Reply]()) { $0.append($1) }
                }
                // One window: the burst ran within the 30 s window the first request opened.
                #expect(Set(replies.compactMap { $0.header("X-RateLimit-Reset") }) == ["\(reset)"])
                #expect(replies.filter { $0.status == 200 }.count == 98)
                let limited = replies.filter { $0.status == 429 }
                #expect(limited.count == 52)
                for r in limited {
                    let retry = try #require(r.header("Retry-After").flatMap(Int.init))
                    #expect((1...30).contains(retry) && r.header("X-RateLimit-Remaining") == "0")
                    let error = try #require(try r.json()["error"] as? [String: Any])
                    #expect((error["message"] as? String)?.hasPrefix("Rate limit exceeded. Try again in ") == true)
                    #expect(error["code"] as? String == (error["type"] == nil ? "rate_limit_exceeded" : "rate_limited"))
                }
                #expect(limited.contains { (try? $0.json()["error"] as? [String: Any])?["type"] as? String == "rate_limit_exceeded" })
                // The admin socket is not limited.
                #expect(try await install.daemon.admin.get("/admin/orgs").status == 200)
                // A new window: the first request after the reset passes with a fresh count.
                // Asked once a second: each refused try is counted against the window too.
                let fresh = try await eventually("a new window opens", timeout: .seconds(60),
                                                 every: .seconds(1)) { () -> ClawClient.Reply? in
                    let r = try await claw.send("GET", "/api/v1/account")
                    return r.status == 200 ? r : nil
                }
                #expect(fresh.header("X-RateLimit-Remaining") == "99")
                #expect((fresh.header("X-RateLimit-Reset").flatMap(Int64.init) ?? 0) >= reset + 1)
            }
        }
    }
}
