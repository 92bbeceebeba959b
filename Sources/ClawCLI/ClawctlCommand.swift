import ArgumentParser
import ClawClient
import ClawCore
import Foundation

/// `clawctl`: the local admin CLI over the daemon's Unix socket.
public struct ClawctlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "clawctl",
        abstract: "Control the local clawd daemon over its Unix socket.",
        discussion: "Exit codes: 0 ok, 1 the action failed, 2 usage error, 3 not found, 4 daemon unreachable.",
        subcommands: [Status.self])

    public init() {}
}

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: "clawd's Unix socket (default $CLAWD_SOCKET or /run/clawd/clawd.sock).")
    var socket: String?

    @Flag(help: "Print the API's JSON answer unchanged.")
    var json = false

    var client: ClawClient {
        let path = socket ?? ProcessInfo.processInfo.environment["CLAWD_SOCKET"] ?? "/run/clawd/clawd.sock"
        return ClawClient(endpoint: .unix(path: path))
    }
}

enum ExitCodes {
    static let failed: Int32 = 1
    static let notFound: Int32 = 3
    static let unreachable: Int32 = 4

    /// One line on stderr and the documented exit code.
    static func fail(_ error: any Error) -> ExitCode {
        let (line, code): (String, Int32) = {
            if let e = error as? ClawError {
                switch e.code {
                case .unavailable: return (e.message, unreachable)
                case .notFound: return (e.message, notFound)
                default: return (e.message, failed)
                }
            }
            return ("\(error)", failed)
        }()
        FileHandle.standardError.write(Data("clawctl: \(line)\n".utf8))
        return ExitCode(code)
    }
}

extension ClawctlCommand {
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
