import ArgumentParser
import Foundation

extension ClawctlCommand.InstanceCommand {
    struct InstanceStop: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a running instance (graceful timeout, then kill).")
        @Argument(help: "The instance's id.") var id: String
        @OptionGroup var wait: WaitOptions
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            try await InstanceAction(api: api, global: global, wait: wait)
                .perform("/v1/claw/instances/\(API.segment(id))/stop", instanceID: id)
        }
    }
}
