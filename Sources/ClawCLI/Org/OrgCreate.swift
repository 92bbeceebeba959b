import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.OrgCommand {
    struct OrgCreate: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an org (balance 0).")
        @Argument(help: "1-64 characters of [A-Za-z0-9._-].") var name: String
        @Option(help: "Contact email.") var email: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, org) = try await api.answer("POST", "/admin/orgs", body: CreateOrgRequest(name: name, email: email),
                                                    as: OrgDTO.self)
            if global.json { return print(reply.text) }
            ClawctlCommand.OrgCommand.show(org)
        }
    }
}
