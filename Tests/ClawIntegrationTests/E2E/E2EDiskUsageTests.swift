import ClawClient
import ClawCore
import ClawTestSupport
import ClawWire
import Foundation
import GRDB
import Testing

extension E2E {
    @Suite("per-instance disk use: measured into the API and /metrics; over the tier's limit the instance stops (quota)")
    struct DiskUsage {
        @Test("a file written into the volume shows in diskBytes and /metrics; past the limit: stopped with reason quota")
        func diskBytesGrowThenQuota() async throws {
            try await E2EInstall.with { install in
                try await install.start(environment: ["CLAWD_DISK_USAGE_INTERVAL_SECONDS": "5",
                                                      "CLAWD_DISK_LIMIT_MB_BALANCED": "3"])
                let org = try await install.makeOrg("disk-\(install.installID)", creditCents: 10_000)
                let claw = install.claw(org)
                let created = try await claw.create("disk-\(E2E.suffix())")
                #expect(created.status == 201, "\(created.text)")
                let id = try created.decode(ClawChargeDTO.self).id
                try await claw.waitStatus(id, "RUNNING")
                let first = try await eventually("a first measurement", timeout: .seconds(30)) {
                    try await claw.instance(id).diskBytes
                }
                #expect(first < 3 * 1_048_576, "a fresh volume is already \(first) bytes")

                let container = RuntimeNames.container(id)
                let file = "/home/node/.openclaw/disk-test.bin"
                _ = try await install.podman(["exec", container, "sh", "-c", "dd if=/dev/zero of=\(file) bs=1024 count=1024"])
                let grown = try await eventually("diskBytes grew by 1 MiB", timeout: .seconds(30)) { () -> Int64? in
                    guard let now = try await claw.instance(id).diskBytes, now >= first + 1_048_576 else { return nil }
                    return now
                }
                #expect(try await claw.instance(id).status == "RUNNING")
                try Clawctl.requireBinary()
                let show = try await Clawctl(socket: install.daemon.socketPath).run("instance", "show", id)
                #expect(show.code == 0 && show.stdout.split(separator: "\n").contains { $0.hasPrefix("disk:") && $0.contains("MiB") },
                        "\(show)")
                let metrics = try await install.daemon.tcp.request("GET", "/metrics", timeout: .seconds(10))
                let line = metrics.text.split(separator: "\n").first {
                    $0.hasPrefix("clawd_instance_disk_bytes{") && $0.contains("instance=\"\(id)\"") && $0.contains("org=\"\(org.id)\"")
                }
                #expect(line != nil, "no disk gauge of \(id) in /metrics")
                #expect(line.flatMap { $0.split(separator: " ").last.flatMap { Double($0) } }.map { $0 >= Double(first) } == true)

                // Over the balanced tier's 3 MiB: stopped by clawd, reason quota, one event.
                _ = try await install.podman(["exec", container, "sh", "-c",
                                              "dd if=/dev/zero of=\(file) bs=1024 count=4096"])
                let stopped = try await claw.waitStatus(id, "STOPPED", timeout: .seconds(60))
                #expect(stopped.stopReason == "quota")
                #expect((stopped.diskBytes ?? 0) > max(grown, 3 * 1_048_576))
                var read = Configuration()
                read.readonly = true
                let db = try DatabaseQueue(path: install.databasePath, configuration: read)
                let overLimit = try await db.read { db in
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE type = ? AND instance_id = ?",
                                     arguments: [EventType.instanceDiskOverLimit, id]) ?? 0
                }
                try db.close()
                #expect(overLimit == 1)
                _ = try await eventually("container stopped", timeout: .seconds(60)) {
                    try await install.runtime.inspectContainer(container)?.state == .running ? nil : true
                }
            }
        }
    }
}
