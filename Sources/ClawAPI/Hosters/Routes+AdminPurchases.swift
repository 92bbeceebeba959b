import ClawCore
import ClawStore
import ClawWire
import Hummingbird

extension AdminPurchaseDTO {
    init(_ p: ClawPurchase, balance: Cents? = nil) {
        self.init(id: p.id, orgId: p.orgID, packageId: p.packageID, claws: p.claws, priceCents: p.priceCents,
                  status: p.status.rawValue, ledgerId: p.ledgerID, createdAt: p.createdAt.iso8601,
                  decidedAt: p.decidedAt?.iso8601, balanceCents: balance?.value)
    }
}

extension RouterBuilding {
    /// `buy_claws` requests for the host admin (socket only): list, approve (credits), reject.
    static func addAdminPurchaseRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let store = env.store
        let purchases = router.group("/admin/purchases")
        purchases.get { request, context in
            var status: ClawPurchase.Status?
            if let text = request.uri.queryParameters.get("status"), text != "all" {
                guard let s = ClawPurchase.Status(rawValue: text) else {
                    throw ClawError(.invalidArgument, "'status' must be pending, approved, rejected or all", param: "status")
                }
                status = s
            }
            return await JSONResponse.make(.ok, AdminPurchaseListDTO(purchases: try store.purchases(orgID: context.orgID, status: status)
                .map { AdminPurchaseDTO($0) }))
        }
        purchases.post(":id/approve") { request, context in
            try await JSONBody.requireEmpty(request, context: context)
            let record = context.idempotency?.write { (done: (ClawPurchase, Org)) in
                StoredAnswer(.ok, AdminPurchaseDTO(done.0, balance: done.1.balance))
            }
            let (purchase, org) = try await store.approvePurchase(id: try Self.purchaseID(context), idempotent: record)
            return JSONResponse.make(.ok, AdminPurchaseDTO(purchase, balance: org.balance))
        }
        purchases.post(":id/reject") { request, context in
            try await JSONBody.requireEmpty(request, context: context)
            return await JSONResponse.make(.ok, AdminPurchaseDTO(try store.rejectPurchase(id: try Self.purchaseID(context))))
        }
    }

    static func purchaseID(_ context: APIContext) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Hosters.instanceNumber(text) else { throw ClawError(.notFound, "purchase \(text) not found") }
        return id
    }
}
