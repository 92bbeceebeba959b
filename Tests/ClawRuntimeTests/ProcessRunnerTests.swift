import ClawCore
import Foundation
import Testing

@testable import ClawRuntime

@Suite("ProcessRunner runs real processes with timeouts, limits and a clean environment")
struct ProcessRunnerTests {
    let runner = ProcessRunner(killGrace: .milliseconds(500))

    @Test("stdout, stderr and the exit code are returned; a non-zero exit is data")
    func collects() async throws {
        let result = try await runner.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], timeout: .seconds(120))
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "err\n")
        #expect(result.exitCode == 3)
        #expect(result.termination == .exited(3))
        #expect(!result.succeeded)
        #expect(result.diagnosticTail() == "err")
    }

    @Test("stdin is written and the extra environment reaches the child")
    func stdinAndEnvironment() async throws {
        let result = try await runner.run(
            "/bin/sh", ["-c", "read line; echo \"$line-$CLAWD_TEST_VALUE\""], environment: ["CLAWD_TEST_VALUE": "env"],
            timeout: .seconds(120), stdin: Data("hello\n".utf8))
        #expect(result.stdout == "hello-env\n")
        #expect(result.succeeded)
    }

    @Test("merged output interleaves stderr into stdout")
    func merged() async throws {
        let result = try await runner.run("/bin/sh", ["-c", "echo a; echo b >&2; echo c"], timeout: .seconds(120),
                                          mergeStandardError: true)
        #expect(result.stdout == "a\nb\nc\n")
        #expect(result.stderr == "")
    }

    @Test("a call that outlives its timeout is terminated and named in a .timeout error")
    func timeout() async throws {
        let started = ContinuousClock.now
        let error = await #expect(throws: ClawError.self) {
            try await runner.run("/bin/sleep", ["3600"], timeout: .milliseconds(300))
        }
        #expect(error?.code == .timeout)
        #expect(error?.message.contains("sleep") == true)
        // Cut short, not run to its natural end an hour later (a loose bound: the whole suite
        // shares 2 cores, and a starved timer fires late).
        #expect(ContinuousClock.now - started < .seconds(300))
    }

    @Test("a child ignoring SIGTERM is killed after the grace period")
    func killAfterGrace() async throws {
        let started = ContinuousClock.now
        await #expect(throws: ClawError.self) {
            try await runner.run("/bin/sh", ["-c", "trap '' TERM; while true; do sleep 0.1; done"],
                                 timeout: .milliseconds(300))
        }
        // The loop never ends by itself: returning at all means SIGKILL followed the ignored TERM.
        #expect(ContinuousClock.now - started < .seconds(300))
    }

    @Test("output beyond the limit is an error, not a truncated success")
    func outputLimit() async throws {
        let error = await #expect(throws: ClawError.self) {
            // A long timeout: on a loaded host the limit must still be what ends the run.
            try await runner.run("/bin/sh", ["-c", "yes | head -c 100000"], timeout: .seconds(60), outputLimit: 1000)
        }
        #expect(error?.code == .runtime)
    }

    @Test("a missing or relative executable is refused")
    func missingExecutable() async throws {
        let missing = await #expect(throws: ClawError.self) {
            try await runner.run("/nonexistent/podman", ["ps"], timeout: .seconds(5))
        }
        #expect(missing?.code == .unavailable)
        let relative = await #expect(throws: ClawError.self) {
            try await runner.run("sh", ["-c", "true"], timeout: .seconds(5))
        }
        #expect(relative?.code == .invalidArgument)
    }

    @Test("systemd's per-process variables are removed from the child environment")
    func strippedEnvironment() throws {
        let configuration = try runner.makeConfiguration("/bin/true", [], environment: ["DOCKER_HOST": "unix:///x"])
        let description = "\(configuration.environment)"
        for name in ProcessRunner.strippedVariables {
            #expect(description.contains("\(name)"), "\(name) is overridden (removed)")
        }
        #expect(description.contains("unix:///x"))
    }

    @Test("streamed lines arrive while the process runs and cancelling ends it")
    func streams() async throws {
        // The stream lives only inside this call: dropping it (and its iterator) ends the process.
        func firstTwo() async throws -> [String] {
            var lines: [String] = []
            for try await line in runner.streamLines("/bin/sh", ["-c", "echo $$; echo two; exec sleep 30"]) {
                lines.append(line)
                if lines.count == 2 { break }
            }
            return lines
        }
        let lines = try await firstTwo()
        #expect(lines.count == 2 && lines[1] == "two")
        let pid = try #require(Int32(lines[0]))
        // Leaving the loop cancels the stream: the process must go away (poll, no fixed sleep).
        let deadline = ContinuousClock.now + .seconds(10)
        while kill(pid, 0) == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(kill(pid, 0) != 0, "process \(pid) still alive after the consumer stopped")
    }

    @Test("a failing streamed command ends the stream with its stderr")
    func streamFailure() async throws {
        let stream = runner.streamLines("/bin/sh", ["-c", "echo partial; echo broken pipe dream >&2; exit 4"])
        var lines: [String] = []
        let error = await #expect(throws: ClawError.self) {
            for try await line in stream { lines.append(line) }
        }
        #expect(lines == ["partial"])
        #expect(error?.message.contains("broken pipe dream") == true)
        #expect(error?.message.contains("exit 4") == true)
    }

    @Test("the metrics dimension is the first non-flag argv word")
    func commandName() {
        #expect(ProcessRunner.commandName("/usr/bin/podman", ["ps", "--all"]) == "ps")
        #expect(ProcessRunner.commandName("/usr/bin/podman", ["--log-level", "volume"]) == "volume")
        #expect(ProcessRunner.commandName("/usr/bin/podman", []) == "podman")
    }
}
