import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.OrgCommand {
    struct OrgShow: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one org.")
        @Argument(help: "The org's id.") var orgID: String
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, org) = try await api.answer("GET", "/admin/orgs/\(API.segment(orgID))", as: OrgDTO.self)
            if global.json { return print(reply.text) }
            ClawctlCommand.OrgCommand.show(org)
        }
    }
}
