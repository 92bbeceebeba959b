import ClawCore
import ClawRuntime
import ClawStore
import Foundation
import Synchronization

/// The run was no longer queued when its slot came (its schedule removed it): nothing started.
struct RunWithdrawn: Error {}

struct RunResult: Sendable {
    var status: RunStatus
    var output: String?
    var error: String?
}

/// The output seen so far and when the last line came (the timeout restarts on each).
final class RunProgress: Sendable {
    private struct State {
        var output: AgentOutput
        var last = ContinuousClock.now
        var sawLine = false
        var timedOut = false
    }

    private let state: Mutex<State>
    /// Hears each result as soon as its end marker is printed (index, text).
    private let onResult: (@Sendable (Int, String) -> Void)?

    init(limitBytes: Int, onResult: (@Sendable (Int, String) -> Void)? = nil) {
        state = Mutex(State(output: AgentOutput(limitBytes: limitBytes)))
        self.onResult = onResult
    }

    func line(_ text: String) {
        let completed = state.withLock { s -> (Int, String)? in
            let before = s.output.results.count
            s.output.append(line: text)
            s.last = .now
            s.sawLine = true
            return s.output.results.count > before ? (before, s.output.results[before]) : nil
        }
        if let completed { onResult?(completed.0, completed.1) }
    }

    var lastOutput: ContinuousClock.Instant { state.withLock { $0.last } }
    var sawLine: Bool { state.withLock { $0.sawLine } }

    /// The container is up: silence counts from here unless a line already came.
    func started() {
        state.withLock { s in if !s.sawLine { s.last = .now } }
    }
    var output: AgentOutput { state.withLock { $0.output } }
    var timedOut: Bool {
        get { state.withLock { $0.timedOut } }
        set { state.withLock { $0.timedOut = newValue } }
    }
}

extension ContainerRunExecutor {
    /// Creates the run's container (with a fresh credential-proxy token), feeds it the prompt,
    /// follows its output against the timeout, and removes it. A timed-out run is stopped (SIGTERM, then SIGKILL after the grace).
    func attempt(_ queued: QueuedRun) async throws -> RunResult {
        guard let runtime else { throw ClawError(.unavailable, "no container runtime") }
        // A run its schedule removed while it waited for the slot starts nothing.
        guard let run = try await runs.run(id: queued.runID, orgID: nil), run.status == .queued else { throw RunWithdrawn() }
        let name = queued.containerName
        guard try await runs.markRunning(id: run.id, containerName: name) else { throw RunWithdrawn() }
        var onResult: (@Sendable (Int, String) -> Void)?
        if let feed = channelFeed {
            let runID = run.id
            onResult = { index, text in feed.block(runID: runID, index: index, text: text) }
        }
        let progress = RunProgress(limitBytes: AgentOutput.defaultLimitBytes, onResult: onResult)
        // The run's proxy token lives exactly as long as this attempt (success, failure,
        // timeout, cancellation).
        let token = proxyTokens?.issue(orgID: run.orgID, runID: run.id)
        defer { if let token { proxyTokens?.revoke(token) } }
        let exitCode: Int32?
        do {
            var spec = try await specFor(run, name, token)
            spec.labels[RuntimeNames.agentInstallLabel] = installID
            exitCode = try await follow(spec, prompt: run.prompt, timeoutSecs: run.timeoutSecs, progress: progress)
        } catch {
            // Cancelled: clawd is stopping and gives the run up; its container goes with it.
            await discardContainer(name, stopFirst: Task.isCancelled)
            throw error
        }
        // The client ended because clawd is stopping: the container may still run.
        if Task.isCancelled {
            await discardContainer(name, stopFirst: true)
            throw CancellationError()
        }
        // `run --rm` removed it; after a stop or an engine error make sure.
        if progress.timedOut || exitCode != 0 { try? await runtime.removeContainer(name, force: true) }
        let output = progress.output
        var text = output.output
        if output.truncated { text += "\n[output cut at \(output.limitBytes) bytes]" }
        if progress.timedOut {
            return RunResult(status: .timeout, output: text, error: "no output for \(run.timeoutSecs) s: stopped")
        }
        guard let exitCode, exitCode == 0 else {
            let tail = output.raw.split(separator: "\n").suffix(5).joined(separator: "\n")
            return RunResult(status: .failed, output: text, error: "agent exited with \(exitCode.map(String.init) ?? "unknown status"): \(tail)")
        }
        return RunResult(status: .succeeded, output: text, error: nil)
    }

    enum Followed: Sendable {
        case exited(Int32)
        case stoppedForTimeout
    }

    /// Attaches with the prompt on stdin; a watcher stops the container once no line came for
    /// `timeoutSecs` (0: never) since its start or its last line, and the attach then ends with
    /// the container.
    func follow(_ spec: ContainerSpec, prompt: String, timeoutSecs: Int, progress: RunProgress) async throws -> Int32? {
        guard let runtime else { return nil }
        let name = spec.name
        let grace = stopGraceSeconds
        return try await withThrowingTaskGroup(of: Followed.self) { group in
            group.addTask {
                .exited(try await runtime.runStreaming(spec, stdin: Data(prompt.utf8)) { progress.line($0) })
            }
            if timeoutSecs > 0 {
                let timeout = Duration.seconds(timeoutSecs)
                group.addTask {
                    try await Self.waitStarted(name, runtime: runtime, progress: progress)
                    while true {
                        let deadline = progress.lastOutput + timeout
                        if ContinuousClock.now >= deadline { break }
                        try await Task.sleep(until: deadline, clock: .continuous)
                    }
                    progress.timedOut = true
                    try? await runtime.stopContainer(name, timeoutSeconds: grace)
                    return .stoppedForTimeout
                }
            }
            while let next = try await group.next() {
                if case .exited(let code) = next {
                    group.cancelAll()
                    return code
                }
            }
            return nil
        }
    }

    /// Returns once the container runs (or ran) or printed a line. Creating it is setup, not the
    /// run's silence, however long a loaded host takes; the attach ending cancels this wait.
    static func waitStarted(_ name: String, runtime: any ContainerRuntime, progress: RunProgress) async throws {
        while !progress.sawLine {
            if let state = try? await runtime.inspectContainer(name)?.state, state != .created, state != .unknown { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        progress.started()
    }
}
