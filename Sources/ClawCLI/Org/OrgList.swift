import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.OrgCommand {
    struct OrgList: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List orgs with their balances.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, list) = try await api.answer("GET", "/admin/orgs", as: OrgListDTO.self)
            if global.json { return print(reply.text) }
            ClawctlCommand.OrgCommand.table(list.orgs).print()
        }
    }
}
