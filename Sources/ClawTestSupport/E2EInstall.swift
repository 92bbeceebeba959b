import ClawCore
import ClawRuntime
import Foundation

/// One end-to-end test's own clawd install: a unique install id and host-port block, one data
/// directory, the real `clawd` processes started on it (kept until the end, so their logs stay
/// readable) and REAL podman. `E2EInstall.with` removes every container and volume carrying the
/// install label, and every foreign container the test recorded, also when the test fails.
public final class E2EInstall: @unchecked Sendable {
    public static let image = RuntimeTestBackend.imageTag

    public let installID: String
    public let portRange: ClosedRange<Int>
    public let dir: String
    public let runtime: any ContainerRuntime
    /// podman's CLI, for looking at what clawd did from the outside.
    public let cli: RuntimeCommandLine
    private let lock = NSLock()
    private var daemons: [DaemonProcess] = []
    private var foreign: [String] = []
    private var foreignVolumes: [String] = []

    init(cli: RuntimeCommandLine) throws {
        self.cli = cli
        self.runtime = cli.driver(timeout: .seconds(120))
        installID = "e2e" + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(10))
        // Below the kernel's ephemeral range (32768+), apart from the default pool's first ports.
        let base = 23_000 + 100 * Int.random(in: 0..<69)
        portRange = base...(base + 99)
        dir = try TestPaths.makeTempDir("e2e")
    }

    /// Runs `body` with a fresh install and removes what it left at the runtime afterwards.
    public static func with(on backend: RuntimeTestBackend = .podman,
                            _ body: (E2EInstall) async throws -> Void) async throws {
        let cli = try await backend.commandLine()
        _ = try await RuntimeTestImage.ensure(on: backend)
        let install = try E2EInstall(cli: cli)
        var failures: [String] = []
        do {
            try await withCleanup({ try await body(install) }, cleanup: { failures = await install.cleanup() })
        } catch {
            // The failure with what a reader needs to see why: the install, and clawd's own words.
            throw DaemonProcessError("\(error)\n--- install \(install.installID), dir \(install.dir); cleanup failures: "
                + "\(failures)\n--- clawd stderr (tail):\n\(install.logTail())")
        }
        guard failures.isEmpty else { throw DaemonProcessError("cleanup failed: \(failures)") }
        try? FileManager.default.removeItem(atPath: install.dir)
    }

    /// The settings every E2E daemon runs with; `extra` wins.
    public func environment(_ extra: [String: String]) -> [String: String] {
        var env = [
            "CLAWD_RUNTIME": cli.backend.rawValue,
            "CLAWD_IMAGE": Self.image,
            "CLAWD_INSTALL_ID": installID,
            "CLAWD_HOST_PORT_RANGE": "\(portRange.lowerBound)-\(portRange.upperBound)",
            "CLAWD_STOP_TIMEOUT_SECONDS": "2",
            "CLAWD_CRASH_AT": "",
            "CLAWD_NETWORK_ISOLATION": "true",
        ]
        env.merge(cli.environment) { _, new in new }
        env.merge(extra) { _, new in new }
        return env
    }

    /// Starts `clawd serve` on this install's directory (after any earlier one, whose logs are
    /// kept as `stderr.<n>.log`); does not wait for readiness.
    @discardableResult
    public func launch(environment extra: [String: String] = [:], listenHost: String = "127.0.0.1") throws -> DaemonProcess {
        try lock.withLock {
            if let previous = daemons.last {
                if previous.process.isRunning { previous.signal(SIGKILL); previous.process.waitUntilExit() }
                let fm = FileManager.default
                for name in ["stderr", "stdout"] {
                    try? fm.copyItem(atPath: "\(dir)/\(name).log", toPath: "\(dir)/\(name).\(daemons.count).log")
                }
            }
            let daemon = try DaemonProcess(environment: environment(extra), dir: dir, listenHost: listenHost)
            daemons.append(daemon)
            return daemon
        }
    }

    /// `launch`, then waits for `READY=1`.
    @discardableResult
    public func start(environment extra: [String: String] = [:], listenHost: String = "127.0.0.1") async throws -> DaemonProcess {
        let daemon = try launch(environment: extra, listenHost: listenHost)
        try await daemon.waitReady(timeout: .seconds(120))
        return daemon
    }

    /// The newest daemon process.
    public var daemon: DaemonProcess { lock.withLock { daemons.last! } }

    public var databasePath: String { dir + "/data/clawd.sqlite" }

    /// Remembers a container created outside clawd so cleanup removes it too.
    public func recordForeign(container name: String) { lock.withLock { foreign.append(name) } }

    /// Remembers a volume created outside clawd so cleanup removes it too.
    public func recordForeign(volume name: String) { lock.withLock { foreignVolumes.append(name) } }

    /// Every daemon's stderr so far, oldest first, last `characters` only.
    public func logTail(_ characters: Int = 6_000) -> String {
        let count = lock.withLock { daemons.count }
        var text = ""
        for n in 1..<max(count, 1) {
            text += "[clawd #\(n)]\n" + ((try? String(contentsOfFile: "\(dir)/stderr.\(n).log", encoding: .utf8)) ?? "")
        }
        if count > 0 { text += "[clawd #\(count)]\n" + daemon.stderr }
        return String(text.suffix(characters))
    }

    /// Kills every daemon, then removes every container and volume with this install's label
    /// and the recorded foreign containers; returns what could not be removed.
    func cleanup() async -> [String] {
        let all = lock.withLock { daemons }
        for d in all where d.process.isRunning {
            d.signal(SIGKILL)
            _ = await d.waitExit(timeout: .seconds(10))
        }
        var failures: [String] = []
        for name in lock.withLock({ foreign }) {
            do { try await runtime.removeContainer(name, force: true) } catch { failures.append("\(name): \(error)") }
        }
        for name in lock.withLock({ foreignVolumes }) where (try? await runtime.volumeExists(name: name)) == true {
            do { try await runtime.removeVolume(name: name) } catch { failures.append("\(name): \(error)") }
        }
        let labels = [RuntimeNames.installLabel: installID]
        do {
            for c in try await runtime.listContainers(labels: labels) {
                do { try await runtime.removeContainer(c.id, force: true) } catch { failures.append("\(c.name): \(error)") }
            }
            for v in try await runtime.listVolumes(labels: labels) {
                do { try await runtime.removeVolume(name: v.name) } catch { failures.append("\(v.name): \(error)") }
            }
        } catch {
            failures.append("listing: \(error)")
        }
        failures += await TestNetworks.cleanup(runtime: runtime, installID: installID)
        return failures
    }
}
