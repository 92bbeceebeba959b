import ClawCore
@testable import ClawDaemon
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("Disk usage: volumes measured, an instance over its tier's limit stopped with reason quota (FakeRuntime)")
struct DiskUsageSamplerTests {
    static let mib: Int64 = 1_048_576

    static func sampler(_ h: FakeEngineHarness, budgetMB: Int) -> DiskUsageSampler {
        var settings = DiskUsageSettings()
        settings.limits = DiskLimits(budgetMB: budgetMB)
        return DiskUsageSampler(runtime: h.runtime, instances: h.instances, settings: settings)
    }

    @Test("over the limit: stopped (quota) through intent, the event once however often it is measured")
    func overLimitStopsOnce() async throws {
        try await FakeEngineHarness.with { h in
            let created = try await h.create("fatbot")
            try await h.waitFor(created.id, "running") { $0.status == .running }
            let volume = RuntimeNames.volume(created.id)
            let sampler = Self.sampler(h, budgetMB: 10)

            h.runtime.setVolumeSize(volume, bytes: 10 * Self.mib)  // exactly the limit: within
            await sampler.sample()
            let within = try await #require(try h.store.instance(id: created.id, orgID: nil))
            #expect(within.status == .running && within.diskBytes == 10 * Self.mib && within.diskMeasuredAt != nil)

            h.runtime.setVolumeSize(volume, bytes: 10 * Self.mib + 1)
            await sampler.sample()
            let stopped = try await #require(try h.store.instance(id: created.id, orgID: nil))
            #expect(stopped.status == .stopped && stopped.stopReason == .quota && stopped.desired == .stopped)
            #expect(stopped.diskBytes == 10 * Self.mib + 1)
            await sampler.sample()
            let types = try await h.store.eventTypes(instanceID: created.id)
            #expect(types.filter { $0 == EventType.instanceDiskOverLimit }.count == 1, "\(types)")
            #expect(types.suffix(2) == [EventType.instanceDiskOverLimit, EventType.instanceStopped], "\(types)")
            // The worker converges the runtime to the new intent: the container stops.
            _ = try await eventually("container stopped", timeout: .seconds(30)) {
                h.runtime.container(RuntimeNames.container(created.id))?.state == .running ? nil : true
            }

            // Started again while still over: stopped again at the next measurement, one more event.
            _ = try await h.instances.request(.start, instanceID: created.id, orgID: h.orgID)
            await sampler.sample()
            let again = try await h.store.eventTypes(instanceID: created.id)
            #expect(again.filter { $0 == EventType.instanceDiskOverLimit }.count == 2, "\(again)")
        }
    }

    @Test("no limit for the tier (0): measured and kept running; a missing volume is skipped")
    func unlimited() async throws {
        try await FakeEngineHarness.with { h in
            let created = try await h.create("bigbot")
            try await h.waitFor(created.id, "running") { $0.status == .running }
            h.runtime.setVolumeSize(RuntimeNames.volume(created.id), bytes: 50 * 1024 * Self.mib)
            await Self.sampler(h, budgetMB: 0).sample()
            let measured = try await #require(try h.store.instance(id: created.id, orgID: nil))
            #expect(measured.status == .running && measured.diskBytes == 50 * 1024 * Self.mib)
            #expect(try await !h.store.eventTypes(instanceID: created.id).contains(EventType.instanceDiskOverLimit))
            #expect(h.runtime.calls(.volumeDiskUsage, name: RuntimeNames.volume(created.id)) == 1)
        }
    }
}
