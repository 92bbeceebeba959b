import ClawCore
import ClawServices
import ClawStore
import Foundation
import Hummingbird
import Synchronization

/// A successful answer to a POST, as it is sent and as it is stored for a retried request.
struct StoredAnswer: Sendable {
    var status: Int
    var body: String
    var headers: [String: String]

    init(_ status: HTTPResponse.Status, _ value: some Encodable, headers: [String: String] = [:]) {
        self.status = status.code
        body = String(decoding: (try? JSONResponse.encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
        self.headers = headers
    }

    init(status: Int, body: String, headers: [String: String]) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    var response: Response {
        var fields = HTTPFields()
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            if let field = HeaderName(name) { fields[field] = value }
        }
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// `Idempotency-Key` on a POST (docs/spec/native.md): the same key from the same org within 24 h gets the
/// stored first answer and nothing is performed again; the same key with another request is a
/// conflict. `IdempotencyMiddleware` reads it for every POST; routes whose effect is one
/// transaction store the answer in it (`perform`, `write`), so a retry sees both or neither.
/// Only successes are stored: a refused request changed nothing, so retrying it decides afresh.
struct Idempotency: Sendable {
    static let header = HeaderName("Idempotency-Key")!
    static let replayedHeader = HeaderName("Idempotent-Replayed")!

    let key: String?
    /// The org whose keys these are; requests of the host admin without an org share one scope.
    let scope: String
    let hash: String

    private init(key: String?, scope: String, hash: String) {
        self.key = key
        self.scope = scope
        self.hash = hash
    }

    /// The request's key as `IdempotencyMiddleware` read it (it already answered any replay),
    /// or none.
    static func of(_ context: APIContext) -> Idempotency {
        context.idempotency ?? Idempotency(key: nil, scope: context.orgID ?? "admin", hash: "")
    }

    init(request: Request, context: APIContext, body: ByteBuffer) throws {
        scope = context.orgID ?? "admin"
        hash = Store.requestHash(method: request.method.rawValue, path: request.uri.path, body: Array(body.readableBytesView))
        guard let key = request.headers[Self.header] else {
            self.key = nil
            return
        }
        guard (1...255).contains(key.unicodeScalars.count),
              key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw ClawError(.invalidArgument, "Idempotency-Key must be 1-255 printable ASCII characters without spaces",
                            param: "Idempotency-Key")
        }
        self.key = key
    }

    /// The stored answer of an earlier identical request, or nil when this one is new.
    func replay(_ store: Store) async throws -> Response? {
        guard let key, let stored = try await store.idempotentResponse(orgID: scope, key: key) else { return nil }
        guard stored.requestHash == hash else {
            throw ClawError(.conflict, "idempotency key reused with a different request", param: "Idempotency-Key")
        }
        var headers = try await store.idempotentHeaders(orgID: scope, key: key)
        headers[Self.replayedHeader.rawName] = "true"
        return StoredAnswer(status: stored.status, body: stored.body, headers: headers).response
    }

    /// Runs `action`, handing it the hook that builds the answer and stores it inside the
    /// action's transaction. Two racing requests with one key: the second fails (on the first's
    /// effect or its stored key), rolls back, and answers the stored reply.
    func perform(_ store: Store,
                 answer: @escaping @Sendable (Instance, OperationRecord?) -> StoredAnswer,
                 action: (@escaping InstanceService.InTransaction) async throws(ClawError) -> Void) async throws -> Response {
        let built = Mutex<StoredAnswer?>(nil)
        let key = self.key, scope = self.scope, hash = self.hash
        let hook: InstanceService.InTransaction = { db, instance, op in
            let reply = answer(instance, op)
            built.withLock { $0 = reply }
            guard let key else { return }
            let now = Timestamp.now()
            if try Store.idempotentResponse(db, orgID: scope, key: key, now: now) != nil { throw Race() }
            try Store.storeIdempotentResponse(db, orgID: scope, key: key, requestHash: hash, status: reply.status,
                                              body: reply.body, headers: reply.headers, now: now)
        }
        var failure: ClawError?
        do {
            try await action(hook)
        } catch {
            failure = error
        }
        if let failure {
            // A concurrent request with this key may have committed first (we then failed on
            // its effect, e.g. the subdomain it took, or on its stored key): answer its reply.
            if key != nil, let stored = try await replay(store) { return stored }
            throw failure.cause is Race ? ClawError(.internal, "idempotent answer vanished") : failure
        }
        guard let reply = built.withLock({ $0 }) else { throw ClawError(.internal, "the request produced no answer") }
        return reply.response
    }

    private struct Race: Error {}

    /// The record of this request's answer, for a store method that writes it in the
    /// transaction of its effect; nil without a key.
    func write<Value>(_ answer: @escaping @Sendable (Value) -> StoredAnswer) -> IdempotentWrite<Value>? {
        guard let key else { return nil }
        return IdempotentWrite(orgID: scope, key: key, requestHash: hash) { value in
            let reply = answer(value)
            return (reply.status, reply.body, reply.headers)
        }
    }
}

extension OperationRecord {
    /// `Location` of an operation, for async answers.
    var locationHeaders: [String: String] { ["Location": "/v1/operations/\(id)"] }
}

/// `HTTPField.Name` without importing HTTPTypes (Hummingbird exports `HTTPFields` only).
typealias HeaderName = HTTPFields.Element.Name
