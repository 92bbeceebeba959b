import ClawKubernetes
import ClawTestSupport
import Foundation
import Testing

/// The leader Lease between two contenders over real create/get/replace calls to kmock's
/// emulator (its PUT honours resourceVersion, so a stale replace is a 409 as on a cluster).
@Suite("leader lease on the emulator", .serialized)
struct KubeLeaseTests {
    /// Long enough that a renewal delayed by a loaded host (the whole suite on 2 cores) never
    /// lets the lease lapse; the takeover waits out one duration.
    static let durationSeconds = 30

    static func contender(_ emulator: KubeEmulator, _ identity: String) throws -> (LeaderLease, KubernetesClient) {
        let client = try KubernetesClient(config: try KubeConfig.load(path: try emulator.writeKubeconfig()),
                                          namespace: emulator.namespace)
        return (LeaderLease(api: client, rules: LeaseRules(identity: identity, durationSeconds: durationSeconds,
                                                           renewEvery: .milliseconds(300))), client)
    }

    @Test("the first takes the lease; the second waits while it is renewed, takes it once it expires, and the first then loses")
    func twoContenders() async throws {
        try await KubeEmulator.with { emulator in
            let (a, clientA) = try Self.contender(emulator, "pod-a/install")
            let (b, clientB) = try Self.contender(emulator, "pod-b/install")
            defer { Task { try? await clientA.shutdown(); try? await clientB.shutdown() } }

            try await a.acquire()
            let lease = try #require(try await clientA.get(Lease.self, name: LeaderLease.name))
            #expect(lease.spec?.holderIdentity == "pod-a/install")
            #expect(lease.spec?.leaseDurationSeconds == Self.durationSeconds)

            try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask { try await a.keep(); return "a stopped keeping" }
                group.addTask { try await b.acquire(); return "b acquired" }
                // A renews every 300 ms: after five renewals seen on the server, B is still waiting.
                var renewals: Set<String> = []
                try await eventually("five renewals by a", timeout: .seconds(120)) { () -> Bool? in
                    let spec = try await clientB.get(Lease.self, name: LeaderLease.name)?.spec
                    #expect(spec?.holderIdentity == "pod-a/install", "b took the lease while a renewed it")
                    if let t = spec?.renewTime { renewals.insert(t) }
                    return renewals.count >= 6 ? true : nil
                }
                group.cancelAll()
                while let _ = try? await group.next() {}
            }

            // A stopped renewing (as a dead replica does): B takes over after the lease expires.
            let started = ContinuousClock.now
            try await b.acquire()
            let after = try #require(try await clientB.get(Lease.self, name: LeaderLease.name))
            #expect(after.spec?.holderIdentity == "pod-b/install")
            #expect((after.spec?.leaseTransitions ?? 0) >= 1)
            #expect(ContinuousClock.now - started < .seconds(Self.durationSeconds + 30))

            await #expect(throws: LeaseLost.self) { try await a.keep() }
        }
    }
}
