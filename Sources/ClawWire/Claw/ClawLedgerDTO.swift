/// One ledger row in the Claw dialect: money in dollars and, exactly, in cents.
public struct ClawLedgerEntryDTO: Codable, Sendable, Equatable {
    public var id: Int64
    public var orgId: String
    /// `credit`, `charge` or `refund`.
    public var kind: String
    public var amount: Double
    public var amountCents: Int64
    public var balanceAfter: Double
    public var balanceAfterCents: Int64
    @ExplicitNull public var instanceId: String?
    public var description: String
    public var createdAt: String

    public init(id: Int64, orgId: String, kind: String, amount: Double, amountCents: Int64, balanceAfter: Double,
                balanceAfterCents: Int64, instanceId: String?, description: String, createdAt: String) {
        self.id = id
        self.orgId = orgId
        self.kind = kind
        self.amount = amount
        self.amountCents = amountCents
        self.balanceAfter = balanceAfter
        self.balanceAfterCents = balanceAfterCents
        self.instanceId = instanceId
        self.description = description
        self.createdAt = createdAt
    }
}

/// `GET /v1/claw/ledger`: a page, newest first, and the cursor of the next one.
public struct ClawLedgerPageDTO: Codable, Sendable, Equatable {
    public var entries: [ClawLedgerEntryDTO]
    public var hasMore: Bool
    /// Pass as `?before=` for the next (older) page; null on the last page.
    @ExplicitNull public var nextBefore: Int64?

    public init(entries: [ClawLedgerEntryDTO], hasMore: Bool, nextBefore: Int64?) {
        self.entries = entries
        self.hasMore = hasMore
        self.nextBefore = nextBefore
    }
}
