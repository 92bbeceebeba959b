import ArgumentParser
import Foundation

extension ClawctlCommand.InstanceCommand {
    struct InstanceRestart: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart a running instance's container.")
        @Argument(help: "The instance's id.") var id: String
        @OptionGroup var wait: WaitOptions
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            try await InstanceAction(api: api, global: global, wait: wait)
                .perform("/v1/claw/instances/\(API.segment(id))/restart", instanceID: id)
        }
    }
}
