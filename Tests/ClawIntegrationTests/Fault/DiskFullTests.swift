import ClawClient
import ClawTestSupport
import ClawWire
import Foundation
import Testing

/// A small filesystem the test mounts (tmpfs with a size; the tests run as root) and fills.
struct SmallFilesystem {
    let path: String

    /// Mounts a tmpfs of `megabytes` at `path` (created 0700); fails with what to do when it cannot.
    static func mount(at path: String, megabytes: Int) async throws -> SmallFilesystem {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let r = try await Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", path])
        guard r.status == 0 else {
            throw DaemonProcessError("cannot mount a \(megabytes) MiB tmpfs at \(path) (the disk-full test needs root "
                + "with CAP_SYS_ADMIN): \(r.stderr)")
        }
        return SmallFilesystem(path: path)
    }

    func unmount() async { _ = try? await Self.run("/bin/umount", ["-l", path]) }

    var freeBytes: Int {
        var s = statvfs()
        return statvfs(path, &s) == 0 ? Int(s.f_bavail) * Int(s.f_frsize) : 0
    }

    /// Appends to `name` until at most `leave` bytes are free (0: until the disk is full).
    func fill(_ name: String, leave: Int = 0) throws {
        let fd = open(path + "/" + name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x5a, count: 4096)
        while freeBytes > leave {
            let n = chunk.withUnsafeBytes { write(fd, $0.baseAddress!, min(chunk.count, max(freeBytes - leave, 1))) }
            if n <= 0 { break }
        }
    }

    static func run(_ tool: String, _ args: [String]) async throws -> ProcessResultCapture {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        return try await ProcessResultCapture.run(p, timeout: .seconds(30))
    }
}

extension E2E {
    @Suite("a full disk under the data directory")
    struct DiskFull {
        @Test("writes answer 507 storage_full (Claw and ClawHosters) with nothing half-done, reads go on, a backup fails and leaves no partial archive; with space freed clawd works again by itself; integrity ok")
        func fullAndRecovered() async throws {
            try await E2EInstall.with { install in
                let fs = try await SmallFilesystem.mount(at: install.dir + "/data", megabytes: 24)
                try await withCleanup({
                    try await Self.scenario(install, fs)
                }, cleanup: { await fs.unmount() })
            }
        }

        static func scenario(_ install: E2EInstall, _ fs: SmallFilesystem) async throws {
            try await install.start()
            let credit = 10_000
            let org = try await install.makeOrg("full-\(install.installID)", creditCents: credit)
            let api = install.claw(org)
            let created = try await api.create("full-\(E2E.suffix())")
            let id = try #require(try created.json()["id"] as? String, "\(created.text)")
            _ = try await api.waitStatus(id, "RUNNING")
            _ = try await E2E.Backups.exec(install, id, "head -c 6000000 /dev/urandom > /home/node/.openclaw/big")
            let listed = try await api.send("GET", "/api/v1/instances")
            let num = try #require((try listed.json()["data"] as? [[String: Any]])?.first?["id"] as? Int, "\(listed.text)")

            // Room for the database, not for the archive: the backup fails and removes its partial file.
            try fs.fill("filler", leave: 1 << 20)
            let posted = try await api.send("POST", "/api/v1/instances/\(num)/backups")
            let backupID = try #require(try E2E.Backups.data(posted)["id"] as? Int, "\(posted.text)")
            let backup = try await eventually("backup finished", timeout: .seconds(90)) { () -> [String: Any]? in
                let b = try E2E.Backups.data(try await api.send("GET", "/api/v1/backups/\(backupID)"))
                return b["status"] as? String == "pending" ? nil : b
            }
            #expect(backup["status"] as? String == "failed", "\(backup)")
            #expect((backup["error"] as? String)?.contains("no space left") == true, "\(backup)")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: fs.path + "/backups/\(id)")) ?? []
            #expect(left.isEmpty, "partial archive left: \(left)")

            // No room at all: the WAL is emptied first, so the next transaction must grow it.
            _ = try await install.sql("PRAGMA wal_checkpoint(TRUNCATE)")
            try fs.fill("filler")
            let refused = try await api.create("full2-\(E2E.suffix())")
            #expect(refused.status == 507, "\(refused.text)")
            #expect(E2E.envelope(refused)?.code == "storage_full", "\(refused.text)")
            #expect(refused.header("Retry-After") != nil)
            let hosters = try await api.send("POST", "/api/v1/instances/\(num)/backups")
            #expect(hosters.status == 507, "\(hosters.text)")
            #expect(hosters.text.contains("insufficient_storage"), "\(hosters.text)")
            // Reads keep working.
            #expect(try await api.list().map(\.id) == [id])
            #expect(try await install.daemon.tcp.get("/v1/claw/health").status == 200)
            #expect(try await install.balanceCents(org) == credit - 2000)

            // Space back: clawd writes again without a restart.
            try FileManager.default.removeItem(atPath: fs.path + "/filler")
            let again = try await eventually("create accepted", timeout: .seconds(30), every: .seconds(1)) { () -> ClawClient.Reply? in
                let r = try await api.create("full3-\(E2E.suffix())")
                return r.status == 507 ? nil : r
            }
            #expect(again.status == 201, "\(again.text)")
            let second = try #require(try again.json()["id"] as? String)
            _ = try await api.waitStatus(second, "RUNNING")
            #expect(Set(try await api.list().map(\.id)) == [id, second], "the refused create left nothing")
            let balance = try await install.balanceCents(org)
            #expect(balance == credit - 4000)
            #expect(balance == credit - (try await install.netChargedCents(org: org.id)))
            #expect(try await install.sql("PRAGMA integrity_check").first?.first == "ok")
        }
    }
}
