import ClawCore
import ClawStore
import Hummingbird

/// A purchase on the admin socket (camelCase like the rest of `/admin`).
struct AdminPurchaseDTO: Encodable {
    var id: Int64, orgId: String, packageId: String, claws: Int64, priceCents: Int64, status: String
    var ledgerId: Int64?, createdAt: String, decidedAt: String?, balanceCents: Int64?

    init(_ p: ClawPurchase, balance: Cents? = nil) {
        id = p.id; orgId = p.orgID; packageId = p.packageID; claws = p.claws; priceCents = p.priceCents
        status = p.status.rawValue; ledgerId = p.ledgerID; createdAt = p.createdAt.iso8601
        decidedAt = p.decidedAt?.iso8601; balanceCents = balance?.value
    }
}

extension RouterBuilding {
    /// `buy_claws` requests for the host admin (socket only): list, approve (credits), reject.
    static func addAdminPurchaseRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let store = env.store
        let purchases = router.group("/admin/purchases")
        purchases.get { request, context in
            struct List: Encodable { var purchases: [AdminPurchaseDTO] }
            var status: ClawPurchase.Status?
            if let text = request.uri.queryParameters.get("status"), text != "all" {
                guard let s = ClawPurchase.Status(rawValue: text) else {
                    throw ClawError(.invalidArgument, "'status' must be pending, approved, rejected or all", param: "status")
                }
                status = s
            }
            return JSONResponse.make(.ok, List(purchases: try store.purchases(orgID: context.orgID, status: status)
                .map { AdminPurchaseDTO($0) }))
        }
        purchases.post(":id/approve") { request, context in
            try JSONBody.parse(try await JSONBody.collect(request, context: context)).allowOnly([])
            let (purchase, org) = try store.approvePurchase(id: try Self.purchaseID(context))
            return JSONResponse.make(.ok, AdminPurchaseDTO(purchase, balance: org.balance))
        }
        purchases.post(":id/reject") { request, context in
            try JSONBody.parse(try await JSONBody.collect(request, context: context)).allowOnly([])
            return JSONResponse.make(.ok, AdminPurchaseDTO(try store.rejectPurchase(id: try Self.purchaseID(context))))
        }
    }

    static func purchaseID(_ context: APIContext) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Hosters.instanceNumber(text) else { throw ClawError(.notFound, "purchase \(text) not found") }
        return id
    }
}
