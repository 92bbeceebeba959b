@testable import ClawAPI
import Foundation
import Hummingbird
import HummingbirdTesting

/// A browser's side of the console for route tests: a cookie jar, form posts, the CSRF token
/// read from the last page.
final class ConsoleBrowser: @unchecked Sendable {
    let api: API
    var cookies: [String: String] = [:]
    var lastPage = ""

    init(_ api: API) { self.api = api }

    var cookieHeader: [String: String] {
        cookies.isEmpty ? [:] : ["Cookie": cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    /// Keeps what `Set-Cookie` headers set (an empty value or `Max-Age=0` removes the cookie).
    func remember(_ reply: Reply) {
        for field in reply.headers where field.name == .setCookie {
            let first = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard first.count == 2 else { continue }
            if first[1].isEmpty || field.value.contains("Max-Age=0") { cookies[first[0]] = nil } else { cookies[first[0]] = first[1] }
        }
    }

    @discardableResult
    func get(_ path: String) async throws -> Reply {
        let r = try await api.call(.get, path, headers: cookieHeader)
        remember(r)
        lastPage = r.text
        return r
    }

    /// Posts a form; `csrf` true adds the token of the last page.
    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf: Bool = true) async throws -> Reply {
        var fields = fields
        if csrf, let token = Self.csrf(in: lastPage) { fields["csrf"] = token }
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        var headers = cookieHeader
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        let r = try await api.call(.post, path, json: body, headers: headers)
        remember(r)
        if r.status != 303 { lastPage = r.text }
        return r
    }

    func login(_ key: String) async throws -> Reply {
        try await get("/console/login")
        return try await post("/console/login", ["key": key])
    }

    static func csrf(in page: String) -> String? {
        guard let r = page.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression) else { return nil }
        return String(page[r].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }
}
