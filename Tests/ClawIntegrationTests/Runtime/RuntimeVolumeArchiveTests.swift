import ClawCore
import ClawRuntime
import ClawTestSupport
import Foundation
import Testing

@Suite("Volume archives through a helper container on a real runtime", .tags(.realRuntime))
struct RuntimeVolumeArchiveTests {
    typealias H = IntegrationHelpers

    static func helper(_ fixture: RuntimeFixture) -> VolumeArchiveHelper {
        VolumeArchiveHelper(image: H.image, name: fixture.uniqueName("archiver"), labels: fixture.labels,
                            timeout: .seconds(120))
    }

    /// Every file under /data with its content and mode, sorted: the whole observable state.
    static let listing = "cd /data && find . -mindepth 1 | sort | while read f; do "
        + "if [ -f \"$f\" ]; then echo \"$f $(stat -c %a:%u \"$f\") $(cat \"$f\")\"; else echo \"$f $(stat -c %a:%u \"$f\")\"; fi; done"

    @Test("restore replaces the volume with the archive: changed, added and removed files all revert",
          arguments: RuntimeTestBackend.all)
    func roundTrip(backend: RuntimeTestBackend) async throws {
        try await withRuntimeFixture(backend) { fixture in
            let runtime = fixture.runtime
            let volume = fixture.uniqueName("data")
            try await fixture.createVolume(volume)
            _ = try await RuntimeVolumeTests.run(fixture, volume, """
                echo original-\(fixture.runID) > /data/note.txt; mkdir -p /data/sub /data/.hidden
                echo nested > /data/sub/n.txt; echo dot > /data/.hidden/h; echo secret > /data/sub/s
                chmod 600 /data/sub/s; chown 1000:1000 /data/sub/s; echo gone-later > /data/removed.txt
                """)
            let before = try await RuntimeVolumeTests.run(fixture, volume, Self.listing)
            #expect(before.contains("./note.txt 644:0 original-\(fixture.runID)"))
            #expect(before.contains("./sub/s 600:1000 secret"))

            let archive = FileManager.default.temporaryDirectory.appendingPathComponent("clawd-arch-\(fixture.runID).tar").path
            defer { try? FileManager.default.removeItem(atPath: archive) }
            try await runtime.archiveVolume(name: volume, to: archive, helper: Self.helper(fixture))
            let listing = try await ProcessRunner().run("/bin/tar", ["-tvf", archive], timeout: .seconds(10))
            #expect(listing.succeeded && listing.stdout.contains("sub/n.txt"), "archive: \(listing.stdout)")

            _ = try await RuntimeVolumeTests.run(fixture, volume,
                "echo changed > /data/note.txt; echo new > /data/added.txt; rm /data/removed.txt; rm -r /data/.hidden")
            let changed = try await RuntimeVolumeTests.run(fixture, volume, Self.listing)
            #expect(changed != before)

            try await runtime.restoreVolume(name: volume, from: archive, helper: Self.helper(fixture))
            let after = try await RuntimeVolumeTests.run(fixture, volume, Self.listing)
            #expect(after == before)
            #expect(!after.contains("clawd-restore"))
            // No helper container is left behind.
            let leftovers = try await runtime.listContainers(labels: [RuntimeNames.testRunLabel: fixture.runID])
            #expect(leftovers.allSatisfy { $0.name.contains("vol-run") }, "\(leftovers.map(\.name))")
        }
    }

    @Test("an archive that does not extract leaves the volume as it was", arguments: RuntimeTestBackend.all)
    func brokenArchive(backend: RuntimeTestBackend) async throws {
        try await withRuntimeFixture(backend) { fixture in
            let runtime = fixture.runtime
            let volume = fixture.uniqueName("data")
            try await fixture.createVolume(volume)
            _ = try await RuntimeVolumeTests.run(fixture, volume, "echo keep-\(fixture.runID) > /data/keep.txt")
            let before = try await RuntimeVolumeTests.run(fixture, volume, Self.listing)

            let archive = FileManager.default.temporaryDirectory.appendingPathComponent("clawd-bad-\(fixture.runID).tar").path
            defer { try? FileManager.default.removeItem(atPath: archive) }
            try Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: URL(fileURLWithPath: archive))
            let error = await #expect(throws: ClawError.self) {
                try await runtime.restoreVolume(name: volume, from: archive, helper: Self.helper(fixture))
            }
            #expect(error?.code == .invalidArgument, "\(String(describing: error))")
            #expect(try await RuntimeVolumeTests.run(fixture, volume, Self.listing) == before)

            let missing = await #expect(throws: ClawError.self) {
                try await runtime.archiveVolume(name: fixture.uniqueName("absent"), to: archive, helper: Self.helper(fixture))
            }
            #expect(missing?.code == .notFound)
        }
    }
}

@Suite("Volume archive argv")
struct VolumeArchiveArgumentTests {
    @Test("the helper runs as root, offline, unlogged, with the volume read-only for an archive")
    func argv() throws {
        let helper = VolumeArchiveHelper(image: "localhost/img:1", name: "clawd-x-archive", labels: [RuntimeNames.installLabel: "i1"])
        for backend in RuntimeBackend.allCases {
            let args = CLIArguments(backend: backend)
            let archive = try args.archiveVolume("clawd-x-data", helper: helper)
            #expect(archive == ["run", "--rm", "--pull", "never", "--network", "none", "--log-driver", "none",
                                "--user", "0:0", "--name", "clawd-x-archive", "--label", "\(RuntimeNames.installLabel)=i1",
                                "--volume", "clawd-x-data:/data:ro", "--entrypoint", "tar", "localhost/img:1",
                                "-cf", "-", "-C", "/data", "."])
            let restore = try args.restoreVolume("clawd-x-data", helper: helper)
            #expect(restore.prefix(3) == ["run", "--rm", "--interactive"])
            #expect(restore.contains("clawd-x-data:/data"))
            #expect(restore.suffix(3).first == "localhost/img:1")
            let add = try args.importVolume("clawd-x-data", helper: helper)
            #expect(add == ["run", "--rm", "--interactive", "--pull", "never", "--network", "none", "--log-driver", "none",
                            "--user", "0:0", "--name", "clawd-x-archive", "--label", "\(RuntimeNames.installLabel)=i1",
                            "--volume", "clawd-x-data:/data", "--entrypoint", "tar", "localhost/img:1",
                            "-xf", "-", "-C", "/data"])
        }
        #expect(throws: ClawError.self) {
            try CLIArguments(backend: .podman).archiveVolume("-v", helper: helper)
        }
        #expect(throws: ClawError.self) {
            try CLIArguments(backend: .docker).restoreVolume("v", helper: .init(image: "--privileged", name: "n"))
        }
    }
}
