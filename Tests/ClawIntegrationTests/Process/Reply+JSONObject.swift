import ClawClient
import Foundation

extension ClawClient.Reply {
    /// The body as a JSON object, for tests that look at an answer's raw shape (the typed way is
    /// `decode(_:)` into the wire model, or `jsonValue()`).
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw ClawClientTestError("answer is not a JSON object: \(text.prefix(200))")
        }
        return object
    }
}

struct ClawClientTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
