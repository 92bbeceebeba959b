import ClawCore
import ClawRuntime
import Foundation

/// Records every container and volume a test creates through it and removes them in reverse
/// order when the test ends, failed or not (see `withRuntimeFixture`). Every object carries
/// `RuntimeNames.testLabel=1` and this fixture's `RuntimeNames.testRunLabel`, and a unique name.
public actor RuntimeFixture {
    public enum Resource: Sendable, Equatable {
        case container(String)
        case volume(String)
        case network(String)
    }

    public nonisolated let runtime: any ContainerRuntime
    /// The same engine's CLI, for what the driver does not offer.
    public nonisolated let cli: RuntimeCommandLine
    public nonisolated let testBackend: RuntimeTestBackend
    /// Unique per fixture: tag objects with it to find exactly this test's objects.
    public nonisolated let runID: String
    public nonisolated var labels: [String: String] { [RuntimeNames.testLabel: "1", RuntimeNames.testRunLabel: runID] }
    private var resources: [Resource] = []

    init(cli: RuntimeCommandLine, testBackend: RuntimeTestBackend) {
        self.runtime = cli.driver(timeout: .seconds(120))
        self.cli = cli
        self.testBackend = testBackend
        self.runID = String(UUID().uuidString.lowercased().prefix(12).filter { $0 != "-" })
    }

    /// `clawdtest-<purpose>-<random>`, unique per call.
    public nonisolated func uniqueName(_ purpose: String) -> String {
        "clawdtest-\(purpose)-\(UUID().uuidString.lowercased().prefix(8))"
    }

    /// Creates a container (recorded before the call, so a half-created one is removed too),
    /// adding the fixture's labels to `spec`.
    public func createContainer(_ spec: ContainerSpec) async throws -> String {
        var spec = spec
        spec.labels.merge(labels) { mine, _ in mine }
        try RuntimeValidation.name(spec.name)  // a refused name was never created: nothing to record
        record(.container(spec.name))
        return try await runtime.createContainer(spec)
    }

    public func createVolume(_ name: String, labels extra: [String: String] = [:]) async throws {
        try RuntimeValidation.name(name)
        record(.volume(name))
        try await runtime.createVolume(name: name, labels: extra.merging(labels) { mine, _ in mine })
    }

    public func createNetwork(_ name: String, labels extra: [String: String] = [:]) async throws {
        try RuntimeValidation.name(name)
        record(.network(name))
        try await runtime.createNetwork(name: name, labels: extra.merging(labels) { mine, _ in mine }, isolated: true)
    }

    /// Records an object created some other way.
    public func record(_ resource: Resource) {
        if !resources.contains(resource) { resources.append(resource) }
    }

    /// Removes everything recorded, newest first; returns the failures (it never stops early).
    public func cleanup() async -> [String] {
        var failures: [String] = []
        for resource in resources.reversed() {
            do {
                switch resource {
                case .container(let name): try await runtime.removeContainer(name, force: true)
                case .volume(let name): try await runtime.removeVolume(name: name)
                case .network(let name): try await runtime.removeNetwork(name: name)
                }
            } catch {
                failures.append("\(resource): \(error)")
            }
        }
        resources.removeAll()
        return failures
    }

    /// Polls until the container reaches one of `states` (e.g. `.exited`), or fails after `timeout`.
    public func waitForState(_ name: String, _ states: Set<ContainerState>,
                             timeout: Duration = .seconds(30)) async throws -> ContainerInfo {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let info = try await runtime.inspectContainer(name), states.contains(info.state) { return info }
            guard ContinuousClock.now < deadline else {
                let state = try await runtime.inspectContainer(name)?.state
                throw ClawError(.timeout, "container \(name) did not reach \(states) within \(timeout) (now \(String(describing: state)))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// Runs `body` with a fixture for `backend` and removes what it created afterwards, also when
/// `body` throws. A cleanup failure fails the test (it would leak objects into later runs).
public func withRuntimeFixture<T: Sendable>(
    _ backend: RuntimeTestBackend, buildImage: Bool = true,
    _ body: (RuntimeFixture) async throws -> T
) async throws -> T {
    let cli = try await backend.commandLine()
    if buildImage { _ = try await RuntimeTestImage.ensure(on: backend) }
    let fixture = RuntimeFixture(cli: cli, testBackend: backend)
    var failures: [String] = []
    let result = try await withCleanup({ try await body(fixture) }, cleanup: { failures = await fixture.cleanup() })
    if !failures.isEmpty {
        throw ClawError(.internal, "fixture cleanup failed: \(failures.joined(separator: "; "))")
    }
    return result
}
