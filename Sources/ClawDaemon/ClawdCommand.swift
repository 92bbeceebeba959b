import ArgumentParser
import ClawCore
import Foundation

/// `clawd`: the daemon's command line. `clawd serve` runs it; `clawd version` prints the version.
public struct ClawdCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "clawd",
        abstract: "Self-hosted Claw hosting control plane daemon.",
        subcommands: [Serve.self, Version.self],
        defaultSubcommand: Serve.self)

    public init() {}
}

extension ClawdCommand {
    struct Version: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the version.")
        func run() { print("clawd \(ClawVersion.current)") }
    }

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the daemon in the foreground.",
            discussion: """
                Settings come from the config file (default /etc/clawd/clawd.yaml), then CLAWD_<KEY> \
                environment variables, then these flags. A bad value stops startup with one line naming \
                the key, exit code 78 (EX_CONFIG).
                """)

        @Option(help: "Config file (YAML or JSON).") var config: String?
        @Option(help: "Database, backups and IPC directories (default /var/lib/clawd).") var dataDir: String?
        @Option(help: "TCP address host:port (default 127.0.0.1:55765).") var listen: String?
        @Option(help: "Admin Unix socket (default /run/clawd/clawd.sock).") var socket: String?
        @Option(help: "auto | podman | docker") var runtime: String?
        @Option(help: "Path of the podman or docker binary.") var runtimeBinary: String?
        @Option(help: "Default instance image.") var image: String?
        @Option(help: "Install id labelled on every container (default: generated once).") var installId: String?
        @Option(help: "Length of one paid period in seconds.") var periodSeconds: String?
        @Option(help: "Data retention after expiry in seconds.") var retentionSeconds: String?
        @Option(help: "trace | debug | info | notice | warning | error | critical") var logLevel: String?
        @Flag(help: "On first start with an empty database, create org demo with $100 and print a key.")
        var demo = false

        var flags: [String: String] {
            var f: [String: String] = [:]
            f["config"] = config
            f["data_dir"] = dataDir
            f["listen"] = listen
            f["socket"] = socket
            f["runtime"] = runtime
            f["runtime_binary"] = runtimeBinary
            f["image"] = image
            f["install_id"] = installId
            f["period_seconds"] = periodSeconds
            f["retention_seconds"] = retentionSeconds
            f["log_level"] = logLevel
            if demo { f["demo"] = "true" }
            return f
        }

        func run() async throws {
            MallocArenas.limit()
            let settings: Settings
            do {
                settings = try SettingsLoader.load(environment: ProcessInfo.processInfo.environment, flags: flags)
            } catch {
                Self.fail("\(error)", code: 78)
            }
            Observability.bootstrap(logLevel: settings.logLevel)
            do {
                try await Daemon(settings: settings).run()
            } catch let error as ClawError {
                // A configuration problem (e.g. a data directory others can read) does not fix itself on a restart.
                Self.fail(error.message, code: error.code == .config ? 78 : 1)
            } catch {
                Self.fail("\(error)", code: 1)
            }
        }

        static func fail(_ line: String, code: Int32) -> Never {
            FileHandle.standardError.write(Data("clawd: \(line)\n".utf8))
            Foundation.exit(code)
        }
    }
}

extension ClawdCommand {
    /// Entry point for `main.swift`: parses argv and runs the chosen subcommand, async or not.
    public static func runMain() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
