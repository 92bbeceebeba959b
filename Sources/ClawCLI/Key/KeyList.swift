import ArgumentParser
import Foundation

extension ClawctlCommand.KeyCommand {
    struct KeyList: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List an org's keys (never their secrets).")
        @Argument(help: "The org's id.") var orgID: String
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, obj) = try await api.object("GET", "/admin/orgs/\(API.segment(orgID))/keys")
            if global.json { return print(reply.text) }
            var table = Table("ID", "NAME", "KEY", "CREATED", "EXPIRES", "STATE")
            for k in obj["keys"] as? [[String: Any]] ?? [] {
                let state = k["revokedAt"] is String ? Terminal.paint("revoked", .red) : "active"
                table.add([Format.text(k["id"]), Format.text(k["name"]),
                           "\(Format.text(k["prefix"]))_…\(Format.text(k["last4"]))", Format.time(k["createdAt"]),
                           k["expiresAt"] is String ? Format.time(k["expiresAt"]) : "never", state])
            }
            table.print()
        }
    }
}
