import ClawCore
@testable import ClawDaemon
import ClawTestSupport
import Foundation
import Testing

@Suite("Settings loading")
struct SettingsTests {
    func write(_ text: String) throws -> String {
        let path = try TestPaths.makeTempDir("cfg") + "/clawd.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func problem(env: [String: String] = [:], flags: [String: String]) -> ConfigError? {
        do {
            _ = try SettingsLoader.load(environment: env, flags: flags)
            return nil
        } catch {
            return error
        }
    }

    @Test("etc/clawd.yaml documents every key, and loading it gives exactly the defaults")
    func exampleFileIsComplete() throws {
        let path = TestPaths.repoRoot + "/etc/clawd.yaml"
        let keys = try SettingsLoader.readFile(path).map(\.0)
        #expect(Set(keys) == Set(SettingsKey.all.map(\.name)))
        var loaded = try SettingsLoader.load(environment: [:], flags: ["config": path])
        #expect(loaded.configPath == path)
        loaded.configPath = nil
        #expect(loaded == Settings())
    }

    @Test("file < environment < flags")
    func precedence() throws {
        let path = try write("data_dir: /srv/a\nlog_level: debug\nperiod_seconds: 60\n")
        let s = try SettingsLoader.load(environment: ["CLAWD_DATA_DIR": "/srv/b", "CLAWD_PERIOD_SECONDS": "120"],
                                        flags: ["config": path, "data_dir": "/srv/c"])
        #expect(s.dataDir == "/srv/c")
        #expect(s.periodSeconds == 120)
        #expect(s.logLevel == .debug)
    }

    @Test("JSON config files work too")
    func json() throws {
        let path = try write(#"{"listen": "127.0.0.1:6000", "demo": true}"#)
        let s = try SettingsLoader.load(environment: [:], flags: ["config": path])
        #expect(s.listenPort == 6000)
        #expect(s.demo)
    }

    @Test("an unknown key in the file names the key and the file")
    func unknownKey() throws {
        let path = try write("listen: 127.0.0.1:1234\ncolour: blue\n")
        let e = try #require(problem(flags: ["config": path]))
        #expect(e.key == "colour")
        #expect(e.description.contains("unknown key"))
        #expect(e.description.contains(path))
    }

    @Test("bad values are refused with the key named", arguments: [
        ("listen", "127.0.0.1:0"), ("listen", "127.0.0.1:65536"), ("listen", "localhost"), ("listen", "example.com:80"),
        ("runtime", "lxc"), ("log_level", "loud"), ("period_seconds", "0"), ("period_seconds", "-5"),
        ("retention_seconds", "1.5"), ("host_port_range", "30000-20000"), ("host_port_range", "80-90"),
        ("install_id", "-bad"), ("install_id", "Has Caps"), ("image", "-rm"), ("image", "a b"),
        ("data_dir", "-x"), ("runtime_binary", "/nonexistent/podman"), ("demo", "maybe"),
        ("state_dir", "relative/path"), ("instance_port", "99999"),
        ("disk_usage_interval_seconds", "4"), ("disk_limit_mb_pro", "-1"), ("disk_limit_mb_budget", "1.5"),
    ])
    func badValues(key: String, value: String) throws {
        let e = try #require(problem(flags: [key: value]), "\(key)=\(value) was accepted")
        #expect(e.key == key)
        #expect(e.source.hasPrefix("flag --"))
    }

    @Test("disk usage: measured every 300 s and unlimited by default; interval and per-tier limits are read")
    func diskUsage() throws {
        let defaults = try SettingsLoader.load(environment: [:], flags: [:])
        #expect(defaults.diskUsage.intervalSeconds == 300 && defaults.diskUsage.limits == DiskLimits())
        let s = try SettingsLoader.load(environment: ["CLAWD_DISK_LIMIT_MB_BUDGET": "512"],
                                        flags: ["disk_usage_interval_seconds": "5", "disk_limit_mb_pro": "2048"])
        #expect(s.diskUsage.intervalSeconds == 5)
        #expect(s.diskUsage.limits == DiskLimits(budgetMB: 512, balancedMB: 0, proMB: 2048))
        #expect(s.diskUsage.limits.limitBytes(.budget) == 512 * 1_048_576 && s.diskUsage.limits.limitBytes(.balanced) == nil)
        #expect(s.diskUsage.limits.isOver(512 * 1_048_576 + 1, tier: .budget))
        #expect(!s.diskUsage.limits.isOver(512 * 1_048_576, tier: .budget))
    }

    @Test("a list where a scalar belongs is refused")
    func nonScalar() throws {
        let path = try write("listen:\n  - 127.0.0.1:1\n")
        let e = try #require(problem(flags: ["config": path]))
        #expect(e.key == "listen")
    }

    @Test("a missing default config file is fine; a missing explicit one is not")
    func missingFile() throws {
        #expect(problem(flags: [:]) == nil || FileManager.default.fileExists(atPath: SettingsLoader.defaultConfigPath))
        let e = try #require(problem(env: ["CLAWD_CONFIG": "/nonexistent/c.yaml"], flags: [:]))
        #expect(e.key == "config")
    }

    @Test("relative paths become absolute")
    func relativePaths() throws {
        let s = try SettingsLoader.load(environment: [:], flags: ["data_dir": "run-data", "socket": "run-data/c.sock"])
        #expect(s.dataDir == FileManager.default.currentDirectoryPath + "/run-data")
        #expect(s.socketPath.hasPrefix("/"))
    }
}
