import ClawCore
import GRDB

/// The answer of an `Idempotency-Key` request, stored by the store method that performs the
/// effect, inside the same transaction: a crash leaves both the effect and its answer, or neither.
public struct IdempotentWrite<Value>: Sendable {
    public var orgID: String
    public var key: String
    public var requestHash: String
    /// The answer built from the transaction's result: status, JSON body, headers.
    public var answer: @Sendable (Value) -> (status: Int, body: String, headers: [String: String])

    public init(orgID: String, key: String, requestHash: String,
                answer: @escaping @Sendable (Value) -> (status: Int, body: String, headers: [String: String])) {
        self.orgID = orgID
        self.key = key
        self.requestHash = requestHash
        self.answer = answer
    }

    /// Records the answer for `value` in the caller's transaction; a key another request
    /// already recorded aborts it (that request performed the effect).
    func record(_ db: Database, _ value: Value, now: Timestamp) throws {
        if try Store.idempotentResponse(db, orgID: orgID, key: key, now: now) != nil {
            throw ClawError(.conflict, "a request with this Idempotency-Key was already performed", param: "Idempotency-Key")
        }
        let reply = answer(value)
        try Store.storeIdempotentResponse(db, orgID: orgID, key: key, requestHash: requestHash, status: reply.status,
                                          body: reply.body, headers: reply.headers, now: now)
    }
}

extension Store {
    /// Stores the answer of a request whose effect is not one transaction of this store (a
    /// runtime call, a queued run): written after the effect, so a crash in between forgets it.
    public func storeIdempotentResponse(orgID: String, key: String, requestHash: String, status: Int, body: String,
                                        headers: [String: String], now: Timestamp = .now()) async throws(ClawError) {
        try await write { db in
            guard try Self.idempotentResponse(db, orgID: orgID, key: key, now: now) == nil else { return }
            try Self.storeIdempotentResponse(db, orgID: orgID, key: key, requestHash: requestHash, status: status,
                                             body: body, headers: headers, now: now)
        }
    }
}
