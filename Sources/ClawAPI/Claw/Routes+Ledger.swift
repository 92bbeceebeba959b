import ClawCore
import ClawStore
import Hummingbird

/// One ledger row in the Claw dialect: money in dollars and, exactly, in cents.
struct ClawLedgerEntryDTO: Encodable {
    var entry: LedgerEntry

    enum Key: String, CodingKey {
        case id, orgId, kind, amount, amountCents, balanceAfter, balanceAfterCents, instanceId, description, createdAt
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(entry.id, forKey: .id)
        try c.encode(entry.orgID, forKey: .orgId)
        try c.encode(entry.kind.rawValue, forKey: .kind)
        try c.encode(entry.amount.dollars, forKey: .amount)
        try c.encode(entry.amount.value, forKey: .amountCents)
        try c.encode(entry.balanceAfter.dollars, forKey: .balanceAfter)
        try c.encode(entry.balanceAfter.value, forKey: .balanceAfterCents)
        try c.encode(entry.instanceID, forKey: .instanceId)
        try c.encode(entry.description, forKey: .description)
        try c.encode(entry.createdAt.iso8601, forKey: .createdAt)
    }
}

/// `GET /v1/claw/ledger`: a page, newest first, and the cursor of the next one.
struct ClawLedgerPageDTO: Encodable {
    var entries: [ClawLedgerEntryDTO]
    var hasMore: Bool
    /// Pass as `?before=` for the next (older) page; null on the last page.
    var nextBefore: Int64?

    enum Key: String, CodingKey { case entries, hasMore, nextBefore }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(entries, forKey: .entries)
        try c.encode(hasMore, forKey: .hasMore)
        try c.encode(nextBefore, forKey: .nextBefore)
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
            var rows = try env.store.ledgerPage(orgID: context.orgID, before: before, limit: limit + 1)
            let hasMore = rows.count > limit
            if hasMore { rows.removeLast() }
            return JSONResponse.make(.ok, ClawLedgerPageDTO(entries: rows.map(ClawLedgerEntryDTO.init), hasMore: hasMore,
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
