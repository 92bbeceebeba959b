import ClawCore
import ClawRuntime
import ClawTestSupport
import Foundation
import Testing

@Suite("A volume's disk usage on a real runtime", .tags(.realRuntime))
struct RuntimeVolumeUsageTests {
    @Test("volumeDiskUsage: a written file counts, a symlink out of the volume adds only itself, a missing volume is nil",
          arguments: RuntimeTestBackend.all)
    func usage(backend: RuntimeTestBackend) async throws {
        try await withRuntimeFixture(backend) { fixture in
            let runtime = fixture.runtime
            let volume = fixture.uniqueName("usage")
            try await fixture.createVolume(volume)
            let empty = try #require(try await runtime.volumeDiskUsage(name: volume))
            _ = try await RuntimeVolumeTests.run(fixture, volume,
                                                 "dd if=/dev/zero of=/data/blob bs=1024 count=300 && mkdir /data/d && ln -s /etc /data/d/etc")
            let used = try #require(try await runtime.volumeDiskUsage(name: volume))
            #expect(used == empty + 300 * 1024 + Int64("/etc".utf8.count), "\(empty) → \(used)")
            #expect(try await runtime.volumeDiskUsage(name: fixture.uniqueName("missing")) == nil)
        }
    }
}
