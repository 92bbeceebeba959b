import ClawCore
import ClawStore
import Hummingbird

extension RouterBuilding {
    /// `/api/v1/billing/*`: the org's balance in Claws (1 Claw = 1 cent), what its instances cost
    /// per day, its ledger, the configured packages, and purchase requests for the admin.
    static func addHostersBillingRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let store = env.store
        let billing = router.group("/api/v1/billing")

        @Sendable func allInstances(_ orgID: String) throws -> [HostersInstanceRecord] {
            try store.hostersInstances(orgID: orgID, offset: 0, limit: Int(Int32.max)).records
        }

        billing.get("/summary") { _, context in
            let orgID = try context.requireOrg()
            guard let org = try store.org(id: orgID) else { throw HostersError.notFound("Account") }
            return Hosters.data(HostersSummaryDTO(balance: org.balance, records: try allInstances(orgID),
                                                  facts: HostersInstanceFacts(env: env)))
        }

        billing.get("/usage") { _, context in
            let orgID = try context.requireOrg()
            return Hosters.data(HostersUsageDTO(records: try allInstances(orgID), facts: HostersInstanceFacts(env: env)))
        }

        billing.get("/transactions") { request, context in
            let page = try HostersPage(request)
            let (entries, total) = try store.hostersLedgerPage(orgID: context.orgID, offset: page.offset, limit: page.perPage)
            return Hosters.list(entries.map { HostersTransactionDTO(entry: $0.0, instanceNumber: $0.1) }, page: page,
                                totalCount: total)
        }

        billing.get("/packages") { _, _ in
            Hosters.data(env.clawPackages.map(HostersPackageDTO.init))
        }

        billing.post("/buy_claws") { request, context in
            let orgID = try context.requireOrg()
            let body = try await JSONBody.read(request, context: context)
            try body.allowOnly(["package_id"])
            let id = try body.string("package_id", required: true, maxLength: 64)!
            guard let package = env.clawPackages.first(where: { $0.id == id }) else {
                throw HostersError.validation("package_id", "is not one of \(env.clawPackages.map(\.id).joined(separator: ", "))")
            }
            return Hosters.data(HostersPurchaseDTO(try store.requestPurchase(orgID: orgID, package: package)), status: .created)
        }
    }
}

/// A purchase request as `buy_claws` answers it.
struct HostersPurchaseDTO: Encodable {
    var purchase: ClawPurchase

    init(_ purchase: ClawPurchase) { self.purchase = purchase }

    enum Key: String, CodingKey {
        case id, packageId = "package_id", claws, priceCents = "price_cents", status, createdAt = "created_at"
        case decidedAt = "decided_at", message
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(purchase.id, forKey: .id)
        try c.encode(purchase.packageID, forKey: .packageId)
        try c.encode(purchase.claws, forKey: .claws)
        try c.encode(purchase.priceCents, forKey: .priceCents)
        try c.encode(purchase.status.rawValue, forKey: .status)
        try c.encode(purchase.createdAt.iso8601, forKey: .createdAt)
        try c.encode(purchase.decidedAt?.iso8601, forKey: .decidedAt)
        if purchase.status == .pending {
            try c.encode("Recorded; the host admin approves it with `clawctl purchase approve \(purchase.id)`, which credits your balance.",
                         forKey: .message)
        }
    }
}
