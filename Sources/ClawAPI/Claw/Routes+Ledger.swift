import ClawCore
import ClawStore
import ClawWire
import Hummingbird

extension ClawLedgerEntryDTO {
    init(_ entry: LedgerEntry) {
        self.init(id: entry.id, orgId: entry.orgID, kind: entry.kind.rawValue, amount: entry.amount.dollars,
                  amountCents: entry.amount.value, balanceAfter: entry.balanceAfter.dollars,
                  balanceAfterCents: entry.balanceAfter.value, instanceId: entry.instanceID,
                  description: entry.description, createdAt: entry.createdAt.iso8601)
    }
}

extension RouterBuilding {
    static let ledgerDefaultLimit = 50
    static let ledgerMaxLimit = 100

    /// The key's org ledger on TCP; on the socket the org of `X-Clawd-Org`, or every org.
    static func addLedgerRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        router.get("/v1/claw/ledger") { request, context in
            let query = request.uri.queryParameters
            let limit = try Self.queryInt(query.get("limit"), name: "limit", range: 1...Int64(ledgerMaxLimit))
                .map(Int.init) ?? ledgerDefaultLimit
            let before = try Self.queryInt(query.get("before"), name: "before", range: 1...Int64.max)
            // One extra row tells whether an older page exists.
            var rows = try await env.store.ledgerPage(orgID: context.orgID, before: before, limit: limit + 1)
            let hasMore = rows.count > limit
            if hasMore { rows.removeLast() }
            return JSONResponse.make(.ok, ClawLedgerPageDTO(entries: rows.map { ClawLedgerEntryDTO($0) }, hasMore: hasMore,
                                                            nextBefore: hasMore ? rows.last?.id : nil))
        }
    }

    /// A decimal integer query parameter within `range`, or a 400 naming it; nil when absent.
    static func queryInt(_ text: String?, name: String, range: ClosedRange<Int64>) throws -> Int64? {
        guard let text else { return nil }
        guard let n = Int64(text), range.contains(n), text.allSatisfy(\.isASCII) else {
            throw ClawError(.invalidArgument, "'\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound)",
                            param: name)
        }
        return n
    }
}
