import ClawClient
import ClawTestSupport
import ClawWire
import Foundation
import Testing

/// Billing end to end: the built clawd, real podman, a period and retention of a few seconds.
/// Every test runs in its own `E2EInstall` (unique install label and port block), which removes
/// every container and volume it left, also on failure. Conditions are polled, never slept on.
extension E2E {
    @Suite("billing and time")
    struct Billing {
        // Long enough that a create reaches RUNNING before expiry on a loaded 2-core machine
        // (at 10 s one did not, with the whole suite running beside it).
        // The retention must outlast the checks between the expiry and the renew on such a host too.
        static let retentionSeconds = 30
        static let short = ["CLAWD_PERIOD_SECONDS": "30", "CLAWD_RETENTION_SECONDS": "\(retentionSeconds)"]

        /// Milliseconds between a deadline and the event its firing wrote, from the database.
        static func lagMillis(_ install: E2EInstall, event: String, id: String, deadlineSQL: String) async throws -> Int {
            let rows = try await install.sql("SELECT e.at - (\(deadlineSQL)) FROM events e JOIN instances i ON i.id = e.instance_id "
                + "WHERE e.type = '\(event)' AND e.instance_id = '\(id)' ORDER BY e.id")
            return try #require(rows.last?.first.flatMap { Int($0) }, "no \(event) event for \(id)")
        }

        static func paidUntilMillis(_ install: E2EInstall, _ id: String) async throws -> Int {
            try #require(try await install.sql("SELECT paid_until FROM instances WHERE id = '\(id)'").first?.first.flatMap { Int($0) })
        }

        static func eventCount(_ install: E2EInstall, _ type: String, _ id: String) async throws -> Int {
            Int(try await install.sql("SELECT COUNT(*) FROM events WHERE type = '\(type)' AND instance_id = '\(id)'")
                .first?.first ?? "") ?? -1
        }

        /// Polls until the wall clock is past `millis` (a condition on time, not a fixed sleep).
        static func waitUntilPast(_ millis: Int) async throws {
            try await eventually("the clock passes \(millis)", timeout: .seconds(120)) {
                Date().timeIntervalSince1970 * 1000 > Double(millis) ? true : nil
            }
        }

        @Test("create → RUNNING → expiry stops it (volume kept, deleteAfter set) → renew → RUNNING with the volume's file → expiry → retention removes container and volume → DELETED, subdomain free")
        func expiryRenewRetention() async throws {
            try await E2EInstall.with { install in
                let daemon = try await install.start(environment: Self.short)
                let org = try await install.makeOrg("bill-\(install.installID)", creditCents: 10_000)
                let claw = install.claw(org)
                let subdomain = "bill-\(E2E.suffix())"
                let created = try await claw.create(subdomain)
                #expect(created.status == 201, "\(created.text)")
                let id = try #require(try created.json()["id"] as? String)
                try await claw.waitStatus(id, "RUNNING", timeout: .seconds(30))
                let name = E2EInstall.containerName(id), volume = E2EInstall.volumeName(id)

                // A file in the volume, written while it runs.
                let marker = "kept-\(UUID().uuidString)"
                let mount = try await install.volumeMountpoint(id)
                try Data(marker.utf8).write(to: URL(fileURLWithPath: mount + "/billing-marker.txt"))

                // Expiry: STOPPED(expired), deleteAfter = paidUntil + retention, container not running, volume kept.
                let stopped = try await claw.waitStatus(id, "STOPPED", timeout: .seconds(60))
                #expect(stopped.stopReason == "expired")
                let paidUntil = stopped.paidUntil
                let deleteAfter = try #require(stopped.deleteAfter, "no deleteAfter: \(stopped)")
                let paidMillis = try await Self.paidUntilMillis(install, id)
                #expect(deleteAfter == Self.iso(paidMillis + Self.retentionSeconds * 1000), "paidUntil \(paidUntil), deleteAfter \(deleteAfter)")
                try await eventually("the expired container is stopped or gone") {
                    let c = try await install.containers(instance: id).first
                    return c == nil || c?.state != .running ? true : nil
                }
                #expect(try await install.volumes(instance: id).map(\.name) == [volume])
                let expiryLag = try await Self.lagMillis(install, event: "instance.expired", id: id, deadlineSQL: "i.paid_until")
                #expect((0..<1000).contains(expiryLag), "expiry fired \(expiryLag) ms after paidUntil")
                print("deadline lag: expiry \(expiryLag) ms")

                // Renew: RUNNING again on the same volume, the file still there.
                let renewed = try await claw.send("POST", "/v1/claw/instances/\(id)/renew")
                #expect(renewed.status == 200, "\(renewed.text)")
                #expect(["RUNNING", "PROVISIONING"].contains(try renewed.decode(ClawChargeDTO.self).status))
                let running = try await claw.waitStatus(id, "RUNNING", timeout: .seconds(30))
                #expect(running.deleteAfter == nil && running.stopReason == nil)
                #expect(try await claw.send("GET", "/v1/claw/instances/\(id)").jsonValue()["deleteAfter"] == .null,
                        "a nullable field is written as null")
                try await eventually("the renewed container runs") {
                    try await install.containers(instance: id).first?.state == .running ? true : nil
                }
                let seen = try await install.podman(["exec", name, "cat", "/home/node/.openclaw/billing-marker.txt"])
                #expect(seen == marker, "the file written before expiry: \(seen)")

                // Expiry again, then retention: DELETED, container and volume gone.
                try await claw.waitStatus(id, "STOPPED", timeout: .seconds(60))
                let deleted = try await claw.waitStatus(id, "DELETED", timeout: .seconds(120))
                #expect(deleted.deleteAfter == nil)
                try await eventually("retention removed container and volume (podman ps -a / volume ls)") {
                    let names = try await install.podmanNames()
                    return names.containers.contains(name) || names.volumes.contains(volume) ? nil : true
                }
                let retentionLag = try await Self.lagMillis(install, event: "instance.deleted", id: id,
                                                            deadlineSQL: "i.paid_until + \(Self.retentionSeconds * 1000)")
                #expect((0..<1000).contains(retentionLag), "retention fired \(retentionLag) ms after deleteAfter")
                print("deadline lag: retention \(retentionLag) ms")
                #expect(try await Self.eventCount(install, "instance.expired", id) == 2)

                // The subdomain is free again.
                let again = try await claw.create(subdomain)
                #expect(again.status == 201, "\(again.text)")
                let ledger = try await install.ledger(instance: id)
                #expect(ledger.charges == 2 && ledger.refunds == 0)

                // The lag histogram is exported.
                let metrics = try await daemon.tcp.get("/metrics")
                let lines = metrics.text.split(separator: "\n").filter { $0.hasPrefix("clawd_deadline_lag_seconds") }
                #expect(lines.contains { $0.hasPrefix("clawd_deadline_lag_seconds_count") }, "\(metrics.text.prefix(2000))")
                print(lines.filter { $0.contains("_sum") || $0.contains("_count") }.joined(separator: "\n"))
            }
        }

        @Test("clawd down across paidUntil: the instance expires right after the next boot, exactly once")
        func downAcrossDeadline() async throws {
            try await E2EInstall.with { install in
                let env = ["CLAWD_PERIOD_SECONDS": "12", "CLAWD_RETENTION_SECONDS": "3600"]
                var daemon = try await install.start(environment: env)
                let org = try await install.makeOrg("down-\(install.installID)", creditCents: 10_000)
                let id = try #require(try await install.claw(org).create("down-\(E2E.suffix())").json()["id"] as? String)
                try await install.claw(org).waitStatus(id, "RUNNING", timeout: .seconds(30))

                daemon.signal(SIGTERM)
                #expect(await daemon.waitExit(timeout: .seconds(30)) == 0, "clawd did not exit 0 on SIGTERM")
                let paid = try await Self.paidUntilMillis(install, id)
                #expect(try await Self.eventCount(install, "instance.expired", id) == 0, "expired before the daemon stopped")
                try await Self.waitUntilPast(paid + 1500)
                // The container keeps running while clawd is down.
                #expect(try await install.containers(instance: id).first?.state == .running)

                let bootStart = Int(Date().timeIntervalSince1970 * 1000)
                daemon = try await install.start(environment: env)
                let claw = install.claw(org)
                let stopped = try await claw.waitStatus(id, "STOPPED", timeout: .seconds(30))
                #expect(stopped.stopReason == "expired")
                let expiredAt = try #require(try await install.sql(
                    "SELECT at FROM events WHERE type = 'instance.expired' AND instance_id = '\(id)'").first?.first.flatMap { Int($0) })
                #expect(expiredAt >= bootStart && expiredAt - bootStart < 15_000, "expired \(expiredAt - bootStart) ms after launch")
                print("deadline lag: catch-up expiry \(expiredAt - bootStart) ms after clawd was launched, "
                      + "\(expiredAt - paid) ms after paidUntil (clawd was down)")
                try await eventually("the expired container is stopped") {
                    let c = try await install.containers(instance: id).first
                    return c == nil || c?.state != .running ? true : nil
                }
                #expect(try await Self.eventCount(install, "instance.expired", id) == 1)

                // Another restart: the deadline does not fire again.
                daemon.signal(SIGTERM)
                _ = await daemon.waitExit(timeout: .seconds(30))
                daemon = try await install.start(environment: env)
                let afterBoot = try await install.claw(org).instance(id)
                #expect(afterBoot.status == "STOPPED" && afterBoot.stopReason == "expired")
                #expect(try await Self.eventCount(install, "instance.expired", id) == 1)
                #expect(try await install.ledger(instance: id).charges == 1)
            }
        }

        @Test("concurrent renews with one Idempotency-Key charge once, different keys each; 402 changes nothing")
        func renewMoney() async throws {
            try await E2EInstall.with { install in
                try await install.start(environment: ["CLAWD_PERIOD_SECONDS": "3600"])
                let org = try await install.makeOrg("money-\(install.installID)", creditCents: 12_000)
                let claw = install.claw(org)
                let id = try #require(try await claw.create("money-\(E2E.suffix())").json()["id"] as? String)
                try await claw.waitStatus(id, "RUNNING", timeout: .seconds(30))
                let start = try await Self.paidUntilMillis(install, id)

                let key = "renew-\(UUID().uuidString)"
                let same = try await withThrowingTaskGroup(of: ClawClient.Reply.self) { group in
                    for _ in 0..<6 {
                        group.addTask { try await claw.send("POST", "/v1/claw/instances/\(id)/renew", headers: [("Idempotency-Key", key)]) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(same.allSatisfy { $0.status == 200 }, "\(same.map { "\($0.status) \($0.text)" })")
                #expect(Set(same.map { (try? $0.json()["paidUntil"] as? String) ?? nil }).count == 1)
                #expect(try await install.ledger(instance: id).charges == 2)
                #expect(try await install.balanceCents(org) == 12_000 - 2 * 2000)
                #expect(try await Self.paidUntilMillis(install, id) == start + 3_600_000)
                let keyed = try await install.sql("SELECT COUNT(*) FROM ledger WHERE idempotency_key = '\(key)'")
                #expect(keyed.first?.first == "1")

                let distinct = try await withThrowingTaskGroup(of: Int.self) { group in
                    for n in 0..<3 {
                        group.addTask {
                            try await claw.send("POST", "/v1/claw/instances/\(id)/renew", headers: [("Idempotency-Key", "\(key)-\(n)")]).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(distinct == [200, 200, 200])
                #expect(try await install.ledger(instance: id).charges == 5)
                #expect(try await install.balanceCents(org) == 12_000 - 5 * 2000)
                #expect(try await Self.paidUntilMillis(install, id) == start + 4 * 3_600_000)

                // 2000 left: a pro renew (3500) is refused and changes nothing.
                let paid = try await Self.paidUntilMillis(install, id)
                let rows = try await install.ledgerCount()
                let events = try await install.sql("SELECT COUNT(*) FROM events")
                let refused = try await claw.send("POST", "/v1/claw/instances/\(id)/renew", json: ["tier": "pro"],
                                                  headers: [("Idempotency-Key", "\(key)-poor")])
                #expect(refused.status == 402, "\(refused.text)")
                #expect(E2E.envelope(refused)?.type == "insufficient_balance")
                #expect(try await install.balanceCents(org) == 2000)
                #expect(try await Self.paidUntilMillis(install, id) == paid)
                #expect(try await install.ledgerCount() == rows)
                #expect(try await install.sql("SELECT COUNT(*) FROM events") == events)
                #expect(try await claw.instance(id).tier == "balanced")

                // The ledger as the client sees it: newest first, in dollars and cents.
                let page = try await claw.send("GET", "/v1/claw/ledger?limit=2")
                #expect(page.status == 200, "\(page.text)")
                let entries = try #require(try page.json()["entries"] as? [[String: Any]])
                #expect(entries.count == 2 && entries[0]["amountCents"] as? Int == 2000 && entries[0]["amount"] as? Double == 20)
                #expect(entries[0]["balanceAfterCents"] as? Int == 2000)
            }
        }

        @Test("a FAILED provisioning (missing image) refunds exactly once, even with clawd killed mid-way and restarted twice")
        func failedRefundOnceAcrossCrash() async throws {
            try await E2EInstall.with { install in
                let env = ["CLAWD_IMAGE": "localhost/clawd-missing-\(install.installID):nope"]
                var daemon = try await install.start(environment: env)
                let org = try await install.makeOrg("refund-\(install.installID)", creditCents: 5000)
                let claw = install.claw(org)
                let id = try #require(try await claw.create("refund-\(E2E.suffix())").json()["id"] as? String)
                // Kill it after the first failed attempt, before the final one.
                try await eventually("a first provisioning attempt failed", timeout: .seconds(60)) {
                    let failed = try await Self.eventCount(install, "instance.provisioning_retry", id)
                        + Self.eventCount(install, "instance.failed", id)
                    return failed > 0 ? true : nil
                }
                daemon.signal(SIGKILL)
                _ = await daemon.waitExit(timeout: .seconds(10))

                daemon = try await install.start(environment: env)
                let failed = try await install.claw(org).waitStatus(id, "FAILED", timeout: .seconds(90))
                #expect(failed.totalPaid == 0)
                let first = try await install.ledger(instance: id)
                #expect(first.charges == 1 && first.refunds == 1, "\(first)")
                #expect(try await install.balanceCents(org) == 5000)

                for _ in 0..<2 {
                    daemon.signal(SIGKILL)
                    _ = await daemon.waitExit(timeout: .seconds(10))
                    daemon = try await install.start(environment: env)
                    #expect(try await install.claw(org).instance(id).status == "FAILED")
                }
                let after = try await install.ledger(instance: id)
                #expect(after.charges == 1 && after.refunds == 1, "\(after)")
                #expect(try await Self.eventCount(install, "billing.refunded", id) == 1)
                #expect(try await install.balanceCents(org) == 5000)
                try await eventually("nothing of the FAILED instance is left at the runtime") {
                    let left = try await install.containers(instance: id).count + install.volumes(instance: id).count
                    return left == 0 ? true : nil
                }
            }
        }

        static func iso(_ millis: Int) -> String {
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return f.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
        }
    }
}
