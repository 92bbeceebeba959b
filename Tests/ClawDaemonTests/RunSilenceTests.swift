import ClawCore
@testable import ClawDaemon
import ClawTestSupport
import Synchronization
import Testing

@Suite("a run's silence is counted from its container's start")
struct RunSilenceTests {
    @Test("while the container is only created the wait goes on; once it runs, silence counts from then")
    func countsFromStart() async throws {
        let runtime = FakeRuntime()
        _ = try await runtime.createContainer(ContainerSpec(name: "run-1", image: "img:1"))
        let progress = RunProgress(limitBytes: 1024)
        let returned = Mutex(false)
        let waiting = Task {
            try await ContainerRunExecutor.waitStarted("run-1", runtime: runtime, progress: progress)
            returned.withLock { $0 = true }
        }
        // Looked at the created container twice and kept waiting.
        try await eventually("two looks at the created container", timeout: .seconds(30)) {
            runtime.calls(.inspectContainer, name: "run-1") >= 2 ? true : nil
        }
        let early = returned.withLock { $0 }
        #expect(!early, "a created container counted as started")
        let startedAt = ContinuousClock.now
        try await runtime.startContainer("run-1")
        try await waiting.value
        #expect(progress.lastOutput >= startedAt, "silence counted from before the start")
    }

    @Test("a line before the engine reports the start ends the wait and keeps its own time")
    func lineEndsWait() async throws {
        let runtime = FakeRuntime()
        let progress = RunProgress(limitBytes: 1024)
        progress.line("hello")
        let heard = progress.lastOutput
        try await ContainerRunExecutor.waitStarted("missing", runtime: runtime, progress: progress)
        #expect(progress.lastOutput == heard)
        #expect(runtime.calls(.inspectContainer, name: "missing") == 0)
    }
}
