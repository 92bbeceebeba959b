import ClawCore
import ClawStore
import Hummingbird

extension Hosters {
    /// The instance named by the path parameter `param` (an integer id), scoped to the caller's
    /// org (every org for the admin without `X-Clawd-Org`). Not an integer, missing, another
    /// org's or deleted: 404 `not_found` "Instance not found".
    static func instance(_ context: APIContext, store: Store, param: String = "id") async throws -> HostersInstanceRecord {
        guard let number = instanceNumber(context.parameters.get(param)),
              let record = try await store.hostersInstance(number: number, orgID: context.orgID) else {
            throw HostersError.instanceNotFound()
        }
        return record
    }

    /// An integer id as written in a path or body: decimal digits, at least 1.
    static func instanceNumber(_ text: String?) -> Int64? {
        guard let text, !text.isEmpty, text.utf8.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int64(text), n >= 1 else { return nil }
        return n
    }
}
