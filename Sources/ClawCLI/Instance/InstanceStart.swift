import ArgumentParser
import Foundation

extension ClawctlCommand.InstanceCommand {
    struct InstanceStart: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start a stopped instance (paid period not over).")
        @Argument(help: "The instance's id.") var id: String
        @OptionGroup var wait: WaitOptions
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            try await InstanceAction(api: api, global: global, wait: wait)
                .perform("/v1/claw/instances/\(API.segment(id))/start", instanceID: id)
        }
    }
}
