import ClawCore
import ClawStore
import Hummingbird
import Synchronization

/// `Idempotency-Key` on every POST of every dialect and of the admin socket: the same key from
/// the same org within 24 h answers the stored first reply (with `Idempotent-Replayed: true`)
/// and performs nothing; the same key with another method, path or body is the dialect's
/// conflict. Requests with one key run one after the other. Routes that move money record
/// their answer inside the transaction of the effect (`context.idempotency`); for every other
/// route the answer is recorded here once the route succeeded. Failures are not recorded: a
/// refused request changed nothing, so its retry decides afresh.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let store: Store
    let locks: KeyedLocks
    /// Answers larger than this are sent but not recorded (POST answers are small JSON).
    var maxRecordedBytes = 1 << 20

    func handle(_ request: Request, context: APIContext,
                next: (Request, APIContext) async throws -> Response) async throws -> Response {
        // Public POSTs (webhooks) have no org to scope a key to.
        guard request.method == .post, request.headers[Idempotency.header] != nil,
              context.isAdmin || context.orgID != nil else {
            return try await next(request, context)
        }
        var request = request
        let body = try await request.collectBody(upTo: context.bodyLimit)
        let idem = try Idempotency(request: request, context: context, body: body)
        guard let key = idem.key else { return try await next(request, context) }
        let lock = idem.scope + "\u{1F}" + key
        await locks.acquire(lock)
        defer { locks.release(lock) }
        if let replay = try await idem.replay(store) { return replay }
        var context = context
        context.idempotency = idem
        let response = try await next(request, context)
        guard (200..<300).contains(response.status.code) else { return response }
        if try await store.idempotentResponse(orgID: idem.scope, key: key) != nil { return response }
        let (answer, bytes) = try await Self.capture(response)
        guard bytes <= maxRecordedBytes else { return answer.response(keepingType: response.headers[.contentType]) }
        try await store.storeIdempotentResponse(orgID: idem.scope, key: key, requestHash: idem.hash, status: answer.status,
                                                body: answer.body, headers: answer.headers)
        return answer.response(keepingType: response.headers[.contentType])
    }

    /// Reads a response's body and the headers worth replaying.
    static func capture(_ response: Response) async throws -> (StoredAnswer, Int) {
        let sink = Sink()
        try await response.body.write(sink)
        let buffer = sink.collected
        var headers: [String: String] = [:]
        for field in response.headers where !skipped.contains(field.name) {
            headers[field.name.rawName] = field.value
        }
        return (StoredAnswer(status: Int(response.status.code), body: String(buffer: buffer), headers: headers),
                buffer.readableBytes)
    }

    private static let skipped: Set<HeaderName> = [.contentType, .contentLength, .date, .transferEncoding, .connection]

    /// Collects a response body in memory.
    private final class Sink: ResponseBodyWriter, Sendable {
        private let buffer = Mutex(ByteBuffer())
        var collected: ByteBuffer { buffer.withLock { $0 } }

        func write(_ piece: ByteBuffer) async throws {
            _ = buffer.withLock { $0.writeImmutableBuffer(piece) }
        }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}

extension StoredAnswer {
    /// The answer as first sent, with the route's content type.
    func response(keepingType type: String?) -> Response {
        var r = response
        if let type { r.headers[.contentType] = type }
        return r
    }
}
