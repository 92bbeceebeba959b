import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand {
    /// `clawctl purchase list|approve|reject`: the `buy_claws` requests of the ClawHosters dialect.
    /// A self-hosted install has no card processor: the admin approves a request once paid, which
    /// credits the org's balance with the package's Claws (1 Claw = 1 cent).
    struct PurchaseCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purchase", abstract: "Claw purchase requests (POST /api/v1/billing/buy_claws): list, approve, reject.",
            subcommands: [PurchaseList.self, PurchaseApprove.self, PurchaseReject.self])

        static func table(_ purchases: [AdminPurchaseDTO]) -> Table {
            var table = Table("ID", "ORG", "PACKAGE", "CLAWS", "PRICE", "STATUS", "CREATED")
            for p in purchases {
                table.add([Format.text(p.id), Format.text(p.orgId), Format.text(p.packageId), Format.text(p.claws),
                           Format.cents(p.priceCents), Format.text(p.status), Format.time(p.createdAt)])
            }
            return table
        }
    }
}

extension ClawctlCommand.PurchaseCommand {
    struct PurchaseList: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List purchase requests, newest first.")
        @Option(help: "pending (default), approved, rejected or all.") var status = "pending"
        @Option(help: "Only this org's requests.") var org: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard ["pending", "approved", "rejected", "all"].contains(status) else {
                throw ValidationError("--status must be pending, approved, rejected or all")
            }
        }

        func execute(_ api: API) async throws {
            let reply = try await api.call("GET", "/admin/purchases?status=\(status)", org: org)
            if global.json { return print(reply.text) }
            let purchases = try reply.decode(AdminPurchaseListDTO.self).purchases
            if purchases.isEmpty { return print("no \(status == "all" ? "" : status + " ")purchases") }
            ClawctlCommand.PurchaseCommand.table(purchases).print()
        }
    }

    struct PurchaseApprove: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "approve", abstract: "Approve a pending purchase: credit its Claws to the org's balance (once).")
        @Argument(help: "The purchase id.") var id: Int64
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, p) = try await api.answer("POST", "/admin/purchases/\(id)/approve", as: AdminPurchaseDTO.self)
            if global.json { return print(reply.text) }
            print("purchase \(p.id) approved: \(p.claws) Claws credited to \(Format.text(p.orgId)); "
                  + "balance \(Format.cents(p.balanceCents))")
        }
    }

    struct PurchaseReject: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a pending purchase (nothing is credited).")
        @Argument(help: "The purchase id.") var id: Int64
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, p) = try await api.answer("POST", "/admin/purchases/\(id)/reject", as: AdminPurchaseDTO.self)
            if global.json { return print(reply.text) }
            print("purchase \(p.id) rejected")
        }
    }
}
