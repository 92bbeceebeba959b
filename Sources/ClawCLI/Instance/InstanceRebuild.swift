import ArgumentParser
import Foundation

extension ClawctlCommand.InstanceCommand {
    struct InstanceRebuild: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "rebuild", abstract: "Recreate the container from the current image on the same volume (10 per UTC day).")
        @Argument(help: "The instance's id.") var id: String
        @OptionGroup var wait: WaitOptions
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            try await InstanceAction(api: api, global: global, wait: wait)
                .perform("/v1/claw/instances/\(API.segment(id))/rebuild", instanceID: id)
        }
    }
}
