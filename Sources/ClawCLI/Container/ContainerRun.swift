import ArgumentParser
import ClawClient
import ClawCore
import ClawWire
import Foundation

extension ClawctlCommand.ContainerCommand {
    struct ContainerRun: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Start an agent run for a group; --wait prints its output.",
            discussion: """
                The prompt is PROMPT or the contents of --prompt-file (- for stdin). A prompt that starts \
                with - goes after --: clawctl container run --group g -- "-v is not an option here". \
                --wait polls the run until it is succeeded, failed or timeout, prints its output and exits 1 \
                unless it succeeded; Ctrl-C stops waiting, not the run. A failed run is retried (up to 5 \
                times, with backoff) before it counts as failed. An agent that waits for follow-up messages \
                (as NanoClaw's does) ends only when the group's IPC is closed or after --timeout-secs without \
                output (status timeout).
                """)
        @OptionGroup var orgOption: ContainerOrgOption
        @Option(help: ArgumentHelp("The group (namespace) to run in.", valueName: "group")) var group: String
        @Argument(help: ArgumentHelp("What to ask the agent.", valueName: "prompt")) var prompt: String?
        @Option(help: ArgumentHelp("Read the prompt from this file, or - for stdin.", valueName: "file")) var promptFile: String?
        @Option(help: ArgumentHelp("The run's timeout in seconds, 0-86400 (0 = none; default: the daemon's).",
                                   valueName: "seconds"))
        var timeoutSecs: Int?
        @OptionGroup var waiting: RunWaitOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try ContainerArgs.group(group)
            guard (prompt == nil) != (promptFile == nil) else {
                throw ValidationError(prompt == nil ? "give PROMPT or --prompt-file" : "give PROMPT or --prompt-file, not both")
            }
            if let prompt, prompt.isEmpty { throw ValidationError("PROMPT must not be empty") }
            if let timeoutSecs, !(0...86_400).contains(timeoutSecs) {
                throw ValidationError("--timeout-secs must be between 0 and 86400")
            }
        }

        func execute(_ api: API) async throws {
            let text = try prompt ?? ContainerArgs.readText(promptFile!, what: "prompt", maxBytes: 256 * 1024)
            guard !text.isEmpty else { throw CLIFailure.usage("the prompt is empty") }
            let body = ContainerWire.RunRequest(group: group, prompt: text, timeoutSecs: timeoutSecs)
            let (reply, started) = try await api.answer("POST", API.container("/runs"), body: body, org: orgOption.org,
                                                        as: ContainerWire.RunStarted.self)
            let id = started.runId
            guard waiting.wait else {
                if global.json { return print(reply.text) }
                var f = Fields()
                f.add("run", id)
                f.add("status", Terminal.status(Format.text(started.status)))
                f.print()
                return
            }
            try await RunWatch(api: api, org: orgOption.org, id: id, options: waiting, json: global.json).run()
        }
    }

    struct ContainerRunStatus: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "run-status", abstract: "Show one agent run; --wait follows it to its end.",
            discussion: "With --wait: prints the output and exits 1 unless the run succeeded.")
        @OptionGroup var orgOption: ContainerOrgOption
        @Argument(help: ArgumentHelp("The run's id (from run or runs).", valueName: "run-id")) var id: String
        @OptionGroup var waiting: RunWaitOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard !id.isEmpty else { throw ValidationError("RUN_ID must not be empty") }
        }

        func execute(_ api: API) async throws {
            if waiting.wait {
                return try await RunWatch(api: api, org: orgOption.org, id: id, options: waiting, json: global.json).run()
            }
            let (reply, run) = try await api.answer("GET", API.container("/runs/\(API.segment(id))"), org: orgOption.org,
                                                    as: ContainerWire.Run.self)
            if global.json { return print(reply.text) }
            RunOutput.show(run)
        }
    }
}

/// `--wait` and its limit for agent runs.
struct RunWaitOptions: ParsableArguments {
    @Flag(help: "Wait until the run has ended, print its output, exit 1 unless it succeeded.") var wait = false
    @Option(help: ArgumentHelp("With --wait: stop waiting after this many seconds (exit 1; the run goes on). Default: no limit.",
                               valueName: "seconds"))
    var waitTimeout: Int?

    func validate() throws {
        if let waitTimeout, waitTimeout < 1 { throw ValidationError("--wait-timeout must be a positive number of seconds") }
        if waitTimeout != nil, !wait { throw ValidationError("--wait-timeout needs --wait") }
    }
}

/// Polls `GET /container/runs/{id}` until a final status; status changes go to stderr.
struct RunWatch {
    let api: API
    let org: String?
    let id: String
    let options: RunWaitOptions
    let json: Bool

    func run() async throws {
        let start = ContinuousClock.now
        let deadline = options.waitTimeout.map { start + .seconds($0) }
        let path = API.container("/runs/\(API.segment(id))")
        var last = ""
        var delay = Duration.milliseconds(250)
        while true {
            let (reply, run) = try await api.answer("GET", path, org: org, as: ContainerWire.Run.self)
            let status = run.status
            if status != last, !json {
                Terminal.standardError("\(Format.elapsed(ContinuousClock.now - start))  \(id) \(status)")
                last = status
            }
            if let s = RunStatus(rawValue: status), s.isFinal {
                if json {
                    print(reply.text)
                } else {
                    if let output = run.output, !output.isEmpty { print(output) }
                }
                guard s == .succeeded else {
                    let reason = run.error.map { ": \($0)" } ?? ""
                    throw CLIFailure.failed("run \(id) \(status)\(reason)")
                }
                return
            }
            if let deadline, ContinuousClock.now >= deadline {
                throw CLIFailure.failed("stopped waiting after \(options.waitTimeout!)s: run \(id) is \(status)")
            }
            try await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(2))
        }
    }
}
