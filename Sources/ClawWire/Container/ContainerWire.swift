import Foundation
import ClawCore

/// The bodies of the container dialect (`/api/v1/container/*`, NanoClaw's API): camelCase keys,
/// answers list every field (`null` when unset). Requests decode strictly (unknown fields refused)
/// and carry the value rules of each field in `validate()`; clawd's routes and clawctl share them.
public enum ContainerWire {
    /// A request body whose values are checked after its shape decoded.
    public protocol CheckedRequest: Codable, Sendable {
        /// The value rules (lengths, ranges, control characters); the error names the field.
        func validate() throws(ClawError)
    }

    /// Decodes and checks a request body: 400 naming the field for either kind of problem.
    public static func request<T: CheckedRequest>(_ type: T.Type, from data: Data) throws(ClawError) -> T {
        let body = try Wire.decodeBody(type, from: data)
        try body.validate()
        return body
    }
}
