import ArgumentParser
import ClawCore
import Foundation

/// The documented exit codes (`clawctl --help`).
enum ExitCodes {
    static let ok: Int32 = 0
    static let failed: Int32 = 1
    static let usage: Int32 = 2
    static let notFound: Int32 = 3
    static let unreachable: Int32 = 4

    /// One line on stderr and the documented exit code.
    static func fail(_ error: any Error) -> ExitCode {
        if let code = error as? ExitCode { return code }
        let (line, code) = classify(error)
        Terminal.standardError("clawctl: \(line)")
        return ExitCode(code)
    }

    /// The one-line message and exit code of an error.
    static func classify(_ error: any Error) -> (String, Int32) {
            if let failure = error as? CLIFailure { return (failure.message, failure.code) }
            if let e = error as? ClawError {
                switch e.code {
                case .unavailable: return (e.message, unreachable)
                case .notFound: return (e.message, notFound)
                case .invalidArgument: return (e.message, usage)
                case .unauthenticated, .forbidden, .insufficientBalance, .methodNotAllowed, .conflict, .rateLimited,
                     .payloadTooLarge, .timeout, .runtime, .config, .storage, .internal,
                     .storageFull:
                    return (e.message, failed)
                }
            }
            return ("\(error)", failed)
    }
}

/// A failure with its exit code and the one line that explains it.
struct CLIFailure: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    init(_ code: Int32, _ message: String) {
        self.code = code
        self.message = message
    }
    var description: String { message }

    static func usage(_ message: String) -> CLIFailure { CLIFailure(ExitCodes.usage, message) }
    static func failed(_ message: String) -> CLIFailure { CLIFailure(ExitCodes.failed, message) }
}

/// A subcommand whose errors become one stderr line and the documented exit code.
protocol ClawctlSubcommand: AsyncParsableCommand {
    var global: GlobalOptions { get }
    func execute(_ api: API) async throws
}

extension ClawctlSubcommand {
    func run() async throws {
        do {
            try await execute(global.api)
        } catch {
            throw ExitCodes.fail(error)
        }
    }
}
