import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.OrgCommand {
    struct OrgCredit: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "credit", abstract: "Add money to an org's balance (a ledger credit).",
            discussion: "AMOUNT_CENTS is a positive integer number of cents: 2000 is $20.00.")
        @Argument(help: "The org's id.") var orgID: String
        @Argument(help: ArgumentHelp("Positive integer cents.", valueName: "amount-cents")) var amountCents: Int64
        @Option(help: "Ledger description (default \"credit\").") var description: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard amountCents > 0 else { throw ValidationError("AMOUNT_CENTS must be a positive integer of cents") }
        }

        func execute(_ api: API) async throws {
            let body = CreditOrgRequest(amountCents: Int(amountCents), description: description)
            let (reply, org) = try await api.answer("POST", "/admin/orgs/\(API.segment(orgID))/credit", body: body,
                                                    as: OrgDTO.self)
            if global.json { return print(reply.text) }
            ClawctlCommand.OrgCommand.show(org)
        }
    }
}
