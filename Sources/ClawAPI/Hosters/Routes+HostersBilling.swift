import ClawCore
import ClawStore
import ClawWire
import Hummingbird

extension RouterBuilding {
    /// `/api/v1/billing/*`: the org's balance in Claws (1 Claw = 1 cent), what its instances cost
    /// per day, its ledger, the configured packages, and purchase requests for the admin.
    static func addHostersBillingRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let store = env.store
        let billing = router.group("/api/v1/billing")

        @Sendable func allInstances(_ orgID: String) async throws -> [HostersInstanceRecord] {
            try await store.hostersInstances(orgID: orgID, offset: 0, limit: Int(Int32.max)).records
        }

        billing.get("/summary") { _, context in
            let orgID = try context.requireOrg()
            guard let org = try await store.org(id: orgID) else { throw HostersError.notFound("Account") }
            return await Hosters.data(HostersSummaryDTO(balance: org.balance, records: try allInstances(orgID),
                                                  facts: HostersInstanceFacts(env: env)))
        }

        billing.get("/usage") { _, context in
            let orgID = try context.requireOrg()
            return await Hosters.data(HostersUsageDTO(records: try allInstances(orgID), facts: HostersInstanceFacts(env: env)))
        }

        billing.get("/transactions") { request, context in
            let page = try HostersPage(request)
            let (entries, total) = try await store.hostersLedgerPage(orgID: context.orgID, offset: page.offset, limit: page.perPage)
            return Hosters.list(entries.map { HostersTransactionDTO(entry: $0.0, instanceNumber: $0.1) }, page: page,
                                totalCount: total)
        }

        billing.get("/packages") { _, _ in
            Hosters.data(env.clawPackages.map { HostersPackageDTO($0) })
        }

        billing.post("/buy_claws") { request, context in
            let orgID = try context.requireOrg()
            let body = try await JSONBody.decode(HostersBuyClawsRequest.self, request, context: context)
            let id = body.packageId
            try FieldRules.text(id, "package_id", maxLength: 64)
            guard let package = env.clawPackages.first(where: { $0.id == id }) else {
                throw HostersError.validation("package_id", "is not one of \(env.clawPackages.map(\.id).joined(separator: ", "))")
            }
            let record = context.idempotency?.write { (p: ClawPurchase) in
                StoredAnswer(.created, HostersData(data: HostersPurchaseDTO(p)))
            }
            return await Hosters.data(HostersPurchaseDTO(try store.requestPurchase(orgID: orgID, package: package,
                                                                                   idempotent: record)), status: .created)
        }
    }
}
