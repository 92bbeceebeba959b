import ClawTestSupport
import Foundation
import Testing

/// scripts/install and scripts/uninstall into a temporary root (DESTDIR).
@Suite("scripts/install into DESTDIR")
struct InstallScriptTests {
    static func script(_ name: String, destdir: String, _ args: [String] = []) async throws -> ProcessResultCapture {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestPaths.repoRoot + "/scripts/" + name)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["DESTDIR"] = destdir
        p.environment = env
        return try await ProcessResultCapture.run(p, timeout: .seconds(120))
    }

    @Test("install produces the tree (binaries, unit, config, completions, man page), keeps an edited config, and the unit passes systemd-analyze verify; uninstall keeps data unless --purge")
    func installTree() async throws {
        let analyze = "/usr/bin/systemd-analyze"
        try #require(FileManager.default.isExecutableFile(atPath: analyze),
                     "systemd-analyze missing: run scripts/setup (installs systemd)")
        try Clawctl.requireBinary()
        let root = try TestPaths.makeTempDir("inst")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default

        let first = try await Self.script("install", destdir: root, ["--bin-dir", TestPaths.binDir])
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        let expected: [(String, Int)] = [
            ("/usr/local/bin/clawd", 0o755), ("/usr/local/bin/clawctl", 0o755),
            ("/etc/systemd/system/clawd.service", 0o644), ("/etc/clawd/clawd.yaml", 0o640),
            ("/usr/local/share/bash-completion/completions/clawctl", 0o644),
            ("/usr/local/share/zsh/site-functions/_clawctl", 0o644),
            ("/usr/local/share/fish/vendor_completions.d/clawctl.fish", 0o644),
            ("/usr/local/share/man/man1/clawctl.1", 0o644),
        ]
        for (path, mode) in expected {
            let attrs = try? fm.attributesOfItem(atPath: root + path)
            #expect(attrs != nil, "missing \(path)")
            #expect((attrs?[.posixPermissions] as? NSNumber)?.intValue == mode, "\(path) mode")
            #expect(((attrs?[.size] as? NSNumber)?.intValue ?? 0) > 0, "\(path) is empty")
        }
        let files = (fm.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { var dir: ObjCBool = false; return fm.fileExists(atPath: root + "/" + $0, isDirectory: &dir) && !dir.boolValue }
        #expect(Set(files.map { "/" + $0 }) == Set(expected.map(\.0)), "unexpected files: \(files.sorted())")
        let config = try String(contentsOfFile: root + "/etc/clawd/clawd.yaml", encoding: .utf8)
        #expect(config == (try String(contentsOfFile: TestPaths.repoRoot + "/etc/clawd.yaml", encoding: .utf8)))
        let man = try String(contentsOfFile: root + "/usr/local/share/man/man1/clawctl.1", encoding: .utf8)
        #expect(man.hasPrefix(".TH CLAWCTL 1") && man.contains("clawctl instance logs") && man.contains("Exit codes"))
        #expect(first.stdout.contains("staged into"))
        let dataMode = (try? fm.attributesOfItem(atPath: root + "/var/lib/clawd")[.posixPermissions] as? NSNumber)?.intValue
        #expect(dataMode == 0o700, "the data directory must be private: \(String(dataMode ?? 0, radix: 8))")

        // The installed unit verifies, pointed at the installed binary.
        let unit = try String(contentsOfFile: root + "/etc/systemd/system/clawd.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/local/bin/clawd serve"))
        let check = try TestPaths.makeTempDir("unit")
        defer { try? fm.removeItem(atPath: check) }
        try unit.replacingOccurrences(of: "ExecStart=/usr/local/bin/clawd ", with: "ExecStart=\(root)/usr/local/bin/clawd ")
            .write(toFile: check + "/clawd.service", atomically: true, encoding: .utf8)
        let verify = Process()
        verify.executableURL = URL(fileURLWithPath: analyze)
        verify.arguments = ["verify", check + "/clawd.service"]
        let verified = try await ProcessResultCapture.run(verify)
        #expect(verified.status == 0 && verified.stdout.isEmpty && verified.stderr.isEmpty,
                "systemd-analyze verify: \(verified.stdout)\(verified.stderr)")

        // A second install never overwrites an edited config.
        try (config + "\n# edited by the admin\n").write(toFile: root + "/etc/clawd/clawd.yaml", atomically: true, encoding: .utf8)
        let second = try await Self.script("install", destdir: root, ["--bin-dir", TestPaths.binDir])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try String(contentsOfFile: root + "/etc/clawd/clawd.yaml", encoding: .utf8).contains("edited by the admin"))
        #expect(fm.fileExists(atPath: root + "/etc/clawd/clawd.yaml.new"))

        // uninstall removes what install put there, keeps config and data; --purge removes them.
        try fm.createDirectory(atPath: root + "/var/lib/clawd", withIntermediateDirectories: true)
        fm.createFile(atPath: root + "/var/lib/clawd/clawd.sqlite", contents: Data("db".utf8))
        let removed = try await Self.script("uninstall", destdir: root)
        #expect(removed.status == 0, "\(removed.stderr)")
        for (path, _) in expected where !path.hasPrefix("/etc/clawd") {
            #expect(!fm.fileExists(atPath: root + path), "uninstall left \(path)")
        }
        #expect(fm.fileExists(atPath: root + "/etc/clawd/clawd.yaml") && fm.fileExists(atPath: root + "/var/lib/clawd/clawd.sqlite"))
        let purged = try await Self.script("uninstall", destdir: root, ["--purge"])
        #expect(purged.status == 0, "\(purged.stderr)")
        #expect(!fm.fileExists(atPath: root + "/etc/clawd") && !fm.fileExists(atPath: root + "/var/lib/clawd"))

        let bad = try await Self.script("install", destdir: root, ["--bogus"])
        #expect(bad.status != 0 && bad.stderr.contains("unknown argument"))
    }
}
