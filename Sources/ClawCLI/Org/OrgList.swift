import ArgumentParser
import Foundation

extension ClawctlCommand.OrgCommand {
    struct OrgList: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List orgs with their balances.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, obj) = try await api.object("GET", "/admin/orgs")
            if global.json { return print(reply.text) }
            ClawctlCommand.OrgCommand.table(obj["orgs"] as? [[String: Any]] ?? []).print()
        }
    }
}
