import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.InstanceCommand {
    struct InstanceShow: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one instance.")
        @Argument(help: "The instance's id.") var id: String
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, instance) = try await api.answer("GET", "/v1/claw/instances/\(API.segment(id))", as: ClawInstanceDTO.self)
            if global.json { return print(reply.text) }
            InstanceOutput.show(instance)
        }
    }
}
