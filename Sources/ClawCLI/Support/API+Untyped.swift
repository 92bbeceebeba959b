import ClawClient
import Foundation

/// The untyped calls and formatters of the container commands that do not read wire models:
/// delete this file once nothing in ClawCLI calls `call(body: [String: Any]?)`, `object`, `json()`,
/// the `Any?` formatters or `printJSON([String: Any])`.
extension API {
    /// Sends one request and returns the successful answer.
    @discardableResult
    func call(_ method: String, _ path: String, body: [String: Any]?, org: String? = nil,
              timeout: Duration = .seconds(30), accept: Set<Int> = []) async throws -> ClawClient.Reply {
        try await send(method, path, json: try body.map { try JSONSerialization.data(withJSONObject: $0) }, org: org,
                       timeout: timeout, accept: accept)
    }

    func object(_ method: String, _ path: String, body: [String: Any]? = nil, org: String? = nil) async throws
        -> (ClawClient.Reply, [String: Any]) {
        let reply = try await call(method, path, body: body, org: org)
        return (reply, try reply.json())
    }
}

extension ClawClient.Reply {
    /// The body as a JSON object (throws when it is not one).
    func json() throws -> [String: Any] {
        guard let obj = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw CLIFailure.failed("answer is not a JSON object: \(text.prefix(200))")
        }
        return obj
    }
}

/// The untyped formatters of the untyped answers above.
extension Format {
    /// Cents as dollars: `2000` → `$20.00`, `-150` → `-$1.50`.
    static func cents(_ value: Any?) -> String {
        guard let n = (value as? NSNumber)?.int64Value else { return "-" }
        let sign = n < 0 ? "-" : ""
        let a = n.magnitude
        return "\(sign)$\(a / 100).\(String(format: "%02d", Int(a % 100)))"
    }

    /// Dollars (a JSON number) as `$20.00`.
    static func dollars(_ value: Any?) -> String {
        guard let d = (value as? NSNumber)?.doubleValue else { return "-" }
        return cents(NSNumber(value: Int64((d * 100).rounded())))
    }

    static func text(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: "-"
        case let s as String: s.isEmpty ? "-" : s
        case let n as NSNumber: "\(n)"
        default: "\(value!)"
        }
    }

    /// `2026-03-10T00:00:00.000Z` → `2026-03-10 00:00:00Z` (shorter, still UTC and unambiguous).
    static func time(_ value: Any?) -> String {
        guard let s = value as? String, s.count >= 19 else { return text(value) }
        return s.prefix(10) + " " + s.dropFirst(11).prefix(8) + "Z"
    }
}

extension Terminal {
    /// A JSON object of clawctl's own (when the API answers nothing, e.g. 204), sorted keys.
    static func printJSON(_ object: [String: Any]) { print(json(object)) }

    static func json(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
