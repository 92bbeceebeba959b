import ClawClient
import ClawCore
import ClawWire
import Foundation

/// clawd's HTTP API as clawctl uses it: a non-2xx answer becomes a `CLIFailure` carrying the
/// API's error message and the matching exit code.
struct API: Sendable {
    let client: ClawClient

    /// Sends one request without a body and returns the successful answer.
    @discardableResult
    func call(_ method: String, _ path: String, org: String? = nil,
              timeout: Duration = .seconds(30), accept: Set<Int> = []) async throws -> ClawClient.Reply {
        try await send(method, path, json: nil, org: org, timeout: timeout, accept: accept)
    }

    /// Sends `body` (a wire model) and returns the successful answer.
    @discardableResult
    func call(_ method: String, _ path: String, body: some Encodable, org: String? = nil,
              timeout: Duration = .seconds(30), accept: Set<Int> = []) async throws -> ClawClient.Reply {
        try await send(method, path, json: try Wire.encode(body), org: org, timeout: timeout, accept: accept)
    }

    /// Sends `json` as the body (nil: none), acting for `org` when given.
    func send(_ method: String, _ path: String, json: Data?, org: String?, timeout: Duration,
              accept: Set<Int>) async throws -> ClawClient.Reply {
        var headers: [(String, String)] = []
        if let org { headers.append(("X-Clawd-Org", org)) }
        let reply = try await client.request(method, path, headers: headers, json: json, timeout: timeout)
        guard (200..<300).contains(reply.status) || accept.contains(reply.status) else {
            throw Self.failure(reply)
        }
        return reply
    }

    /// A successful answer read into its wire model (no body sent).
    func answer<Answer: Decodable>(_ method: String, _ path: String, org: String? = nil,
                                   as type: Answer.Type) async throws -> (ClawClient.Reply, Answer) {
        let reply = try await call(method, path, org: org)
        return (reply, try reply.decode(type))
    }

    /// Sends `body` and reads the successful answer into its wire model.
    func answer<Answer: Decodable>(_ method: String, _ path: String, body: some Encodable, org: String? = nil,
                                   as type: Answer.Type) async throws -> (ClawClient.Reply, Answer) {
        let reply = try await call(method, path, body: body, org: org)
        return (reply, try reply.decode(type))
    }

    func get(_ path: String, org: String? = nil) async throws -> ClawClient.Reply {
        try await call("GET", path, org: org)
    }

    /// The API's error answer as one line and an exit code: 400/413/422 usage, 404 not found.
    static func failure(_ reply: ClawClient.Reply) -> CLIFailure {
        failure(status: reply.status, body: reply.body)
    }

    static func failure(status: Int, body: Data) -> CLIFailure {
        var message = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // Every dialect's envelope: `{"error": {"message"}}`, `{"error": "text"}` or `{"message"}`.
        if let answer = try? Wire.decode(JSONValue.self, from: body),
           let text = answer["error"]?["message"]?.string ?? answer["error"]?.string ?? answer["message"]?.string {
            message = text
        }
        if message.isEmpty { message = "HTTP \(status)" }
        let code: Int32 = switch status {
        case 400, 413, 422: ExitCodes.usage
        case 404: ExitCodes.notFound
        default: ExitCodes.failed
        }
        return CLIFailure(code, message)
    }

    /// A path segment from user input, percent-encoded.
    static func segment(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }

    /// The org an instance belongs to (renew acts for one org): asks each org in turn.
    func owner(ofInstance id: String) async throws -> String {
        let (_, list) = try await answer("GET", "/admin/orgs", as: OrgListDTO.self)
        for orgID in list.orgs.map(\.id) {
            let reply = try await call("GET", "/v1/claw/instances/\(Self.segment(id))", org: orgID, accept: [404])
            if reply.status == 200 { return orgID }
        }
        throw CLIFailure(ExitCodes.notFound, "instance \(id) not found")
    }
}
