import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.InstanceCommand {
    struct InstanceWait: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "wait", abstract: "Wait until an instance has a status.",
            discussion: "Exit 0 when it has it, 1 when it reached a final status instead or the timeout passed.")
        @Argument(help: "The instance's id.") var id: String
        @Option(help: "PENDING, PROVISIONING, RUNNING, STOPPED, FAILED or DELETED.") var status: String
        @Option(help: ArgumentHelp("Give up after this many seconds.", valueName: "seconds")) var timeout: Int = 120
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard timeout >= 0 else { throw ValidationError("--timeout must be a non-negative number of seconds") }
        }

        func execute(_ api: API) async throws {
            let wanted = status.uppercased()
            let deadline = ContinuousClock.now + .seconds(timeout)
            let path = "/v1/claw/instances/\(API.segment(id))/wait?status=\(API.segment(wanted))"
            while true {
                let left = max(0, (deadline - ContinuousClock.now).components.seconds)
                let slice = min(left, 30)
                let reply = try await api.call("GET", path + "&timeout=\(slice)", timeout: .seconds(slice + 15), accept: [408])
                if reply.status == 200 {
                    if global.json { return print(reply.text) }
                    return print("\(id) is \(Terminal.status(wanted))")
                }
                if ContinuousClock.now >= deadline {
                    let current = Format.text((try? reply.decode(ClawInstanceDTO.self))?.status)
                    throw CLIFailure.failed("timed out after \(timeout)s: \(id) is \(current), not \(wanted)")
                }
            }
        }
    }
}
