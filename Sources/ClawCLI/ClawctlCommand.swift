import ArgumentParser
import ClawClient
import ClawCore
import Foundation

/// `clawctl`: the local admin CLI over the daemon's Unix socket.
public struct ClawctlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "clawctl",
        abstract: "Control the local clawd daemon over its Unix socket.",
        discussion: """
            clawctl talks HTTP to clawd over its Unix socket (--socket PATH, or $CLAWD_SOCKET, default \
            /run/clawd/clawd.sock). Requests on the socket act as the host admin: members of the clawd \
            group (or root) need no API key.

            Getting started:
              clawctl status                    is clawd up? runtime, instance counts
              clawctl doctor                    check the whole installation
              clawctl org create acme           an org (prints its id)
              clawctl org credit ORG_ID 10000   add $100.00 (amounts are integer cents)
              clawctl key create ORG_ID         an API key for the HTTP API (shown once)
              clawctl instance create --org ORG_ID --subdomain bot1 --wait
              clawctl instance logs ID --follow
              clawctl container status          agent runs: runtime, queue, credential proxy
              clawctl container run --group G --wait "PROMPT"

            Every command takes --json (the API's JSON answer, unchanged) and --socket, before or after \
            the subcommand's name (clawctl --json status, clawctl status --json). Tables are \
            coloured only on a terminal and never with NO_COLOR set.

            Exit codes:
              0  ok
              1  the action failed (the daemon refused it or it ended in failure)
              2  usage error (bad arguments or options)
              3  not found (org, key, instance, operation)
              4  daemon unreachable (socket missing, refused, or permission denied)

            Shell completion: clawctl --generate-completion-script bash|zsh|fish
            """,
        subcommands: [
            Status.self, Doctor.self, Reconcile.self,
            OrgCommand.self, KeyCommand.self, InstanceCommand.self,
            Events.self, Ledger.self, PurchaseCommand.self, ContainerCommand.self, ChannelCommand.self, ConsoleLink.self,
        ])

    public init() {}
}

extension ClawctlCommand {
    /// Entry point for `main.swift`: parses argv and runs the chosen subcommand, async or not.
    /// Usage errors exit 2 (ArgumentParser's own code is 64) with one line on stderr.
    public static func runMain(_ arguments: [String]? = nil) async {
        do {
            let given = arguments ?? Array(CommandLine.arguments.dropFirst())
            var command = try parseAsRoot(GlobalOptions.movedToEnd(given))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if error is ExitCode { exit(withError: error) }
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
                Terminal.standardError("clawctl: \(message) (see 'clawctl --help')")
                Foundation.exit(ExitCodes.usage)
            }
            exit(withError: error)
        }
    }
}
