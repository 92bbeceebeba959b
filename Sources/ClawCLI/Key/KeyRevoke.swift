import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.KeyCommand {
    struct KeyRevoke: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a key: it stops working at once.")
        @Argument(help: "The org's id.") var orgID: String
        @Argument(help: "The key's id (from key list).") var keyID: String
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            try await api.call("DELETE", "/admin/orgs/\(API.segment(orgID))/keys/\(API.segment(keyID))")
            if global.json { return Terminal.printJSON(["revoked": true, "id": .string(keyID)]) }
            print("revoked \(keyID)")
        }
    }
}
