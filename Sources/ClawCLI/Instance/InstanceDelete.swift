import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.InstanceCommand {
    struct InstanceDelete: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete an instance: its container and volume are removed, no refund.",
            discussion: "Asks for confirmation when stdin is a terminal, unless --yes.")
        @Argument(help: "The instance's id.") var id: String
        @Flag(name: .shortAndLong, help: "Do not ask for confirmation.") var yes = false
        @OptionGroup var wait: WaitOptions
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            if !yes, isatty(STDIN_FILENO) == 1 {
                let (_, instance) = try await api.answer("GET", "/v1/claw/instances/\(API.segment(id))", as: ClawInstanceDTO.self)
                Terminal.writeError("Delete instance \(id) (\(Format.text(instance.subdomain)), "
                    + "\(Format.text(instance.status)))? Its container and volume are removed for good. [y/N] ")
                let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                guard answer == "y" || answer == "yes" else {
                    throw CLIFailure.failed("not deleted")
                }
            }
            try await InstanceAction(api: api, global: global, wait: wait)
                .perform("/v1/claw/instances/\(API.segment(id))", method: "DELETE", sendsBody: false, instanceID: id)
        }
    }
}
