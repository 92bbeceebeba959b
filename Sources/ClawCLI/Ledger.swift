import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand {
    struct Ledger: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Show money movements (credits, charges, refunds), newest first.",
            discussion: "Every org's unless --org. Pages: --limit (<= 100) and --before ID (the ID a previous page ended at).")
        @Option(help: "Only this org's ledger.") var org: String?
        @Option(help: "Rows per page, 1-100.") var limit: Int = 50
        @Option(help: ArgumentHelp("Only rows older than this ledger id.", valueName: "id")) var before: Int64?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (1...100).contains(limit) else { throw ValidationError("--limit must be from 1 to 100") }
        }

        func execute(_ api: API) async throws {
            var path = "/v1/claw/ledger?limit=\(limit)"
            if let before { path += "&before=\(before)" }
            let (reply, page) = try await api.answer("GET", path, org: org, as: ClawLedgerPageDTO.self)
            if global.json { return print(reply.text) }
            var table = Table("ID", "TIME", "ORG", "KIND", "AMOUNT", "BALANCE", "INSTANCE", "DESCRIPTION")
            for e in page.entries {
                let amount = Format.cents(e.amountCents)
                let kind = Format.text(e.kind)
                table.add([Format.text(e.id), Format.time(e.createdAt), Format.text(e.orgId), kind,
                           kind == "credit" || kind == "refund" ? Terminal.paint(amount, .green) : amount,
                           Format.cents(e.balanceAfterCents), Format.text(e.instanceId), Format.text(e.description)])
            }
            table.print()
            if page.hasMore, let next = page.nextBefore {
                Terminal.standardError("more: clawctl ledger --before \(Format.text(next))"
                    + (org.map { " --org \($0)" } ?? ""))
            }
        }
    }
}
