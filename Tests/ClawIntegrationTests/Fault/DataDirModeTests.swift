import ClawClient
import ClawTestSupport
import Foundation
import Testing

/// Secrets at rest: under `umask 022`, the data directory clawd creates and everything it writes
/// there are closed to other users; a directory or secret file opened by hand stops startup.
@Suite("data directory modes (secrets at rest)")
struct DataDirModeTests {
    /// Every path under `dir` (itself included) whose mode gives other users any access,
    /// with its mode; symlinks and sockets are skipped.
    static func exposed(_ dir: String) -> [String] {
        var paths = [dir]
        for case let name as String in FileManager.default.enumerator(atPath: dir) ?? .init() { paths.append(dir + "/" + name) }
        return paths.compactMap { path in
            var st = stat()
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT != S_IFLNK, st.st_mode & S_IFMT != S_IFSOCK,
                  st.st_mode & 0o007 != 0 else { return nil }
            return "\(path) 0\(String(st.st_mode & 0o777, radix: 8))"
        }
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    /// Runs `body` with the process umask at 022 (the usual default), restored afterwards.
    static func withUmask022<T>(_ body: () async throws -> T) async rethrows -> T {
        let old = umask(0o022)
        defer { umask(old) }
        return try await body()
    }

    @Test("umask 022, agent runs and credential mappings: the data dir is 0700 and nothing in it is open to other users")
    func agentRunFiles() async throws {
        try await RunsDaemon.ensureImage()
        try await Self.withUmask022 {
            try await RunsDaemon.with { d in
                let data = d.dir + "/data"
                #expect(Self.mode(data) == 0o700)
                try await d.group("secrets")
                let run = try await d.submit("secrets", "sleep 5; echo hi")
                // A follow-up goes to the IPC input directory once the run's container is up.
                try await eventually("follow-up delivered", timeout: .seconds(60), every: .milliseconds(250)) {
                    try await d.send("POST", "/ipc/follow-up", ["group": "secrets", "text": "later"]).status == 200 ? true : nil
                }
                let final = try await d.waitFinal([run])
                #expect(final[run]?["status"] as? String == "succeeded", "\(final)")
                let mapping = try await d.daemon.admin.request("POST", "/api/v1/container/credential-proxy/mappings", json:
                    try JSONSerialization.data(withJSONObject: ["name": "m", "upstreamUrl": "http://127.0.0.1:9",
                                                                "credentialType": "api_key", "credential": "sk-secret"]))
                #expect(mapping.status == 201, "\(mapping.text)")
                #expect(Self.mode(data + "/credential-proxy/mappings.json") == 0o600)
                #expect(Self.mode(data + "/clawd.sqlite") == 0o600)
                #expect(Self.mode(data + "/clawd.sqlite-wal") == 0o600)
                #expect(Self.exposed(data) == [], "open to other users")
            }
        }
    }

    @Test("a data dir chmod 755 by hand, or a database chmod 644, stops startup (exit 78) naming the path and the fix")
    func openDirectoryRefused() async throws {
        try await Self.withUmask022 {
            let dir = try TestPaths.makeTempDir("mode")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let env = ["CLAWD_RUNTIME_BINARY": "/bin/false", "CLAWD_CREDENTIAL_PROXY_AUTOSTART": "false"]
            let first = try DaemonProcess(environment: env, dir: dir)
            try await first.waitReady()
            first.signal(SIGTERM)
            #expect(await first.waitExit(timeout: .seconds(20)) == 0)
            #expect(Self.exposed(dir + "/data") == [])

            chmod(dir + "/data", 0o755)
            let open = try DaemonProcess(environment: env, dir: dir)
            #expect(await open.waitExit(timeout: .seconds(20)) == 78)
            #expect(open.stderr.contains("data directory \(dir)/data is open to other users"), "\(open.stderr)")
            #expect(open.stderr.contains("chmod 700 \(dir)/data"), "\(open.stderr)")
            #expect(Self.mode(dir + "/data") == 0o755, "clawd must not change what it refuses")

            chmod(dir + "/data", 0o750)
            chmod(dir + "/data/clawd.sqlite", 0o644)
            let file = try DaemonProcess(environment: env, dir: dir)
            #expect(await file.waitExit(timeout: .seconds(20)) == 78)
            #expect(file.stderr.contains("\(dir)/data/clawd.sqlite is readable by other users"), "\(file.stderr)")

            chmod(dir + "/data/clawd.sqlite", 0o640)
            let fixed = try DaemonProcess(environment: env, dir: dir)
            try await fixed.waitReady()
            fixed.signal(SIGTERM)
            #expect(await fixed.waitExit(timeout: .seconds(20)) == 0)
        }
    }
}

extension E2E {
    @Suite("data directory modes with instances and backups")
    struct DataDirModes {
        @Test("umask 022, create + backup: the data dir is 0700, the database, WAL, SHM and archives 0600, nothing open to other users")
        func instanceAndBackupFiles() async throws {
            try await DataDirModeTests.withUmask022 {
                try await E2EInstall.with { install in
                    try await install.start()
                    let org = try await install.makeOrg("mode-\(install.installID)", creditCents: 10_000)
                    let api = install.claw(org)
                    let created = try await api.create("mode-\(E2E.suffix())")
                    let id = try #require(try created.json()["id"] as? String, "\(created.text)")
                    _ = try await api.waitStatus(id, "RUNNING")
                    let listed = try await api.send("GET", "/api/v1/instances")
                    let num = try #require((try listed.json()["data"] as? [[String: Any]])?.first?["id"] as? Int)
                    let posted = try await api.send("POST", "/api/v1/instances/\(num)/backups")
                    let backupID = try #require(try E2E.Backups.data(posted)["id"] as? Int, "\(posted.text)")
                    let done = try await eventually("backup finished", timeout: .seconds(120)) { () -> String? in
                        let b = try E2E.Backups.data(try await api.send("GET", "/api/v1/backups/\(backupID)"))
                        return b["status"] as? String == "pending" ? nil : b["status"] as? String
                    }
                    #expect(done == "completed")
                    let data = install.dir + "/data"
                    #expect(DataDirModeTests.mode(data) == 0o700)
                    for file in ["clawd.sqlite", "clawd.sqlite-wal", "clawd.sqlite-shm", "backups/\(id)/\(backupID).tar"] {
                        #expect(DataDirModeTests.mode(data + "/" + file) == 0o600, "\(file)")
                    }
                    #expect(DataDirModeTests.exposed(data) == [], "open to other users")
                }
            }
        }
    }
}
