import ClawClient
import ClawCore
import ClawTestSupport
import ClawWire
import Foundation
import Testing

extension E2E {
    @Suite("a misbehaving container runtime")
    struct RuntimeFaults {
        /// Health and list latencies while `seconds` pass, one request after another.
        static func measure(_ install: E2EInstall, _ api: E2EClaw, seconds: Int) async throws -> (health: LatencySample, list: LatencySample) {
            var health = LatencySample(), list = LatencySample()
            let end = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < end {
                var t = ContinuousClock.now
                let h = try await install.daemon.tcp.get("/v1/claw/health")
                guard h.status == 200 else { throw DaemonProcessError("health → \(h.status) \(h.text)") }
                health.add(t)
                t = ContinuousClock.now
                _ = try await api.list()
                list.add(t)
                try await Task.sleep(for: .milliseconds(50))
            }
            return (health, list)
        }

        /// What each instance should end as, from the requests clawd acknowledged.
        static func desired(_ id: String, stopped: Set<String>, deleted: Set<String>) -> String {
            deleted.contains(id) ? "DELETED" : stopped.contains(id) ? "STOPPED" : "RUNNING"
        }

        @Test("the runtime hangs, fails, truncates and is slow at random: the API keeps answering, retries back off (no spin), and once it behaves every instance converges with no orphan, one charge each, integrity ok")
        func faultsThenConvergence() async throws {
            try await E2EInstall.with { install in
                let faults = try FaultyRuntime(under: install.dir, seed: 20261206)
                try await install.start(environment: [
                    "CLAWD_RUNTIME_BINARY": faults.shim, "CLAWD_RUNTIME_CALL_TIMEOUT_SECONDS": "3",
                    "CLAWD_ORPHAN_GRACE_SECONDS": "0", "CLAWD_RESYNC_SECONDS": "5", "CLAWD_RATE_LIMIT_REQUESTS": "0",
                ])
                let credit = 100_000
                let org = try await install.makeOrg("fault-\(install.installID)", creditCents: credit)
                let api = install.claw(org)
                func create(_ tag: String) async throws -> String {
                    let r = try await api.create("\(tag)-\(E2E.suffix())")
                    guard r.status == 201 else { throw DaemonProcessError("create → \(r.status) \(r.text)") }
                    return try #require(try r.json()["id"] as? String)
                }
                var ids: [String] = []
                for i in 0..<3 { ids.append(try await create("f\(i)")) }
                for id in ids { _ = try await api.waitStatus(id, "RUNNING") }
                let healthy = try await Self.measure(install, api, seconds: 3)

                // Misbehaving: 40 % of the calls; a hang outlasts the 3 s call timeout.
                try faults.set("hang_seconds", "8")
                try faults.set("rate", "40")
                let faultStart = LatencySample.nowMs()
                async let sampled = Self.measure(install, api, seconds: 16)
                var stopped: Set<String> = [], deleted: Set<String> = []
                ids.append(try await create("f3"))
                ids.append(try await create("f4"))
                let stop = try await api.send("POST", "/v1/claw/instances/\(ids[0])/stop", json: [:])
                #expect(stop.status == 202, "\(stop.text)")
                stopped.insert(ids[0])
                let rebuild = try await api.send("POST", "/v1/claw/instances/\(ids[1])/rebuild", json: [:])
                #expect(rebuild.status == 202, "\(rebuild.text)")
                let delete = try await api.send("DELETE", "/v1/claw/instances/\(ids[2])")
                #expect(delete.status == 200, "\(delete.text)")
                deleted.insert(ids[2])
                // Behind clawd's back: the rebuilt instance's container is killed.
                _ = try? await install.podman(["kill", E2EInstall.containerName(ids[1])])
                let faulty = try await sampled
                let faultEnd = LatencySample.nowMs()
                let perSecond = faults.maxCallsPerSecond(sinceMs: faultStart)
                let fates = Dictionary(grouping: faults.calls().filter { $0.ms >= faultStart && $0.ms <= faultEnd }, by: { $0.fate })
                    .mapValues(\.count)
                print("runtime faults: healthy health \(healthy.health), list \(healthy.list); "
                    + "faulty health \(faulty.health), list \(faulty.list); calls by fate \(fates); max calls/s \(perSecond)")
                #expect(fates.keys.count > 2, "the wrapper misbehaved in several ways: \(fates)")
                #expect(faulty.health.percentile(0.99) < 2000, "health p99 with a faulty runtime: \(faulty.health)")
                #expect(faulty.list.percentile(0.99) < 2000, "list p99 with a faulty runtime: \(faulty.list)")
                #expect(perSecond <= 40, "the runtime was called \(perSecond) times in one second: a retry loop spins")

                // Behaving again: everything converges by itself.
                try faults.set("rate", "0")
                let final = try await eventually("every instance in its desired state", timeout: .seconds(120), every: .seconds(1)) {
                    () -> [String: String]? in
                    var states: [String: String] = [:]
                    for id in ids {
                        let status = try await api.instance(id).status
                        let want = Self.desired(id, stopped: stopped, deleted: deleted)
                        // Provisioning that failed three times is FAILED and refunded: converged too.
                        guard status == want || (status == "FAILED" && want == "RUNNING") else { return nil }
                        states[id] = status
                    }
                    return states
                }
                let live = Set(final.filter { $0.value != "DELETED" && $0.value != "FAILED" }.keys)
                let running = Set(final.filter { $0.value == "RUNNING" }.keys)
                try await eventually("runtime objects match the database", timeout: .seconds(60), every: .seconds(1)) { () -> Bool? in
                    let r = try await install.daemon.admin.post("/admin/reconcile", [:] as [String: String])
                    guard r.status == 200 else { return nil }
                    let containers = try await install.containers()
                    let volumes = try await install.volumes()
                    let withContainer = Set(containers.compactMap { $0.labels[RuntimeNames.instanceLabel] })
                    let up = Set(containers.filter { $0.state == .running }.compactMap { $0.labels[RuntimeNames.instanceLabel] })
                    let withVolume = Set(volumes.compactMap { $0.labels[RuntimeNames.instanceLabel] })
                    return withContainer.isSubset(of: live) && withVolume == live && running.isSubset(of: up)
                        && containers.count == withContainer.count ? true : nil
                }
                for id in ids {
                    let ledger = try await install.ledger(instance: id)
                    let expected = final[id] == "FAILED" ? (1, 1) : (1, 0)
                    #expect(ledger.charges == expected.0 && ledger.refunds == expected.1, "\(id) \(final[id] ?? ""): \(ledger)")
                }
                let balance = try await install.balanceCents(org)
                #expect(balance == credit - (try await install.netChargedCents(org: org.id)))
                #expect(try await install.sql("PRAGMA integrity_check").first?.first == "ok")
            }
        }
    }
}
