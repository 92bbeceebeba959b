import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.KeyCommand {
    struct KeyList: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List an org's keys (never their secrets).")
        @Argument(help: "The org's id.") var orgID: String
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, list) = try await api.answer("GET", "/admin/orgs/\(API.segment(orgID))/keys", as: KeyListDTO.self)
            if global.json { return print(reply.text) }
            var table = Table("ID", "NAME", "KEY", "CREATED", "EXPIRES", "STATE")
            for k in list.keys {
                let state = k.revokedAt != nil ? Terminal.paint("revoked", .red) : "active"
                table.add([Format.text(k.id), Format.text(k.name),
                           "\(Format.text(k.prefix))_…\(Format.text(k.last4))", Format.time(k.createdAt),
                           k.expiresAt.map { Format.time($0) } ?? "never", state])
            }
            table.print()
        }
    }
}
