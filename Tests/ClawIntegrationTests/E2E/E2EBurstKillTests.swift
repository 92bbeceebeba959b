import ClawClient
import ClawCore
import ClawTestSupport
import ClawWire
import Foundation
import Testing

extension E2E {
    @Suite("SIGKILL during a burst of concurrent creates")
    struct BurstKill {
        /// Counts 201 answers so the kill can land while the burst is still being provisioned.
        actor Answers {
            var created = 0
            func note() { created += 1 }
        }

        @Test("SIGKILL after the first 201s of 20 concurrent creates; after restart every row is RUNNING with one container + one volume, no object without a row, one charge each, balance = credit − charges")
        func burstThenKill() async throws {
            try await E2EInstall.with { install in
                let credit = 100_000
                let daemon = try await install.start()
                let org = try await install.makeOrg("burst-\(install.installID)", creditCents: credit)
                let claw = install.claw(org)
                let answers = Answers()
                let tag = E2E.suffix()

                let results = await withTaskGroup(of: (String, Int?, String?).self) { group in
                    for n in 0..<20 {
                        group.addTask {
                            let subdomain = "b\(n)-\(tag)"
                            guard let r = try? await claw.create(subdomain) else { return (subdomain, nil, nil) }
                            if r.status == 201 { await answers.note() }
                            return (subdomain, r.status, try? r.decode(ClawChargeDTO.self).id)
                        }
                    }
                    group.addTask {
                        let deadline = ContinuousClock.now + .seconds(60)
                        while await answers.created < 5, ContinuousClock.now < deadline {
                            try? await Task.sleep(for: .milliseconds(5))
                        }
                        daemon.signal(SIGKILL)
                        return ("", nil, nil)
                    }
                    var all: [(String, Int?, String?)] = []
                    for await result in group where !result.0.isEmpty { all.append(result) }
                    return all
                }
                #expect(await daemon.waitExit(timeout: .seconds(30)) != nil, "clawd survived SIGKILL")
                let answered = Set(results.compactMap { $0.1 == 201 ? $0.2 : nil })
                let statuses = results.map { $0.1.map(String.init) ?? "lost" }
                #expect(answered.count >= 5, "201 answers before the kill: \(statuses)")
                // Anything that answered and was not a 201 must be an honest refusal, never a 5xx.
                #expect(results.allSatisfy { $0.1 == nil || $0.1 == 201 }, "answers: \(statuses)")
                // The kill must have cut provisioning short, or this test proves nothing about recovery.
                let atKill = try await install.sql("SELECT status, COUNT(*) FROM instances GROUP BY status")
                #expect(atKill.contains { $0.first != "RUNNING" }, "every instance was already RUNNING at the kill: \(atKill)")

                try await install.start()
                let claw2 = install.claw(org)
                let rows = try await eventually("every instance converges", timeout: .seconds(300)) {
                    let rows = try await claw2.list()
                    return rows.allSatisfy { ["RUNNING", "FAILED"].contains($0.status) } ? rows : nil
                }
                let ids = Set(rows.map(\.id))
                #expect(answered.isSubset(of: ids), "201 answers without a row: \(answered.subtracting(ids))")
                let notRunning = rows.filter { $0.status != "RUNNING" }.map { "\($0.id) \($0.status)" }
                #expect(notRunning.isEmpty, "instances not RUNNING after recovery: \(notRunning)")

                // The runtime holds exactly one running container and one volume per row, nothing else.
                let (containers, volumes) = try await eventually("one running container and one volume per instance",
                                                              timeout: .seconds(120)) {
                    let c = try await install.containers()
                    let v = try await install.volumes()
                    let running = Set(c.filter { $0.state == .running }.compactMap { $0.labels[RuntimeNames.instanceLabel] })
                    return running == ids && c.count == ids.count && v.count == ids.count ? (c, v) : nil
                }
                let containerOwners = containers.compactMap { $0.labels[RuntimeNames.instanceLabel] }
                let volumeOwners = volumes.compactMap { $0.labels[RuntimeNames.instanceLabel] }
                #expect(containerOwners.count == ids.count && Set(containerOwners) == ids, "\(containers.map(\.name))")
                #expect(volumeOwners.count == ids.count && Set(volumeOwners) == ids, "\(volumes.map(\.name))")
                let ports = rows.compactMap { E2E.port(of: $0.url) }
                #expect(Set(ports).count == ids.count, "host ports not distinct: \(ports)")

                // Money: exactly one charge per row, no charge for an instance without a row.
                for id in ids.sorted() {
                    let ledger = try await install.ledger(instance: id)
                    #expect(ledger.charges == 1 && ledger.refunds == 0, "ledger of \(id): \(ledger)")
                }
                let charged = try await install.sql("SELECT DISTINCT instance_id FROM ledger WHERE kind = 'charge'")
                #expect(Set(charged.compactMap(\.first)) == ids)
                let balance = try await install.balanceCents(org)
                #expect(balance == credit - 2000 * ids.count, "balance \(balance) with \(ids.count) instances")
                #expect(balance == credit - (try await install.netChargedCents(org: org.id)))
            }
        }
    }
}
