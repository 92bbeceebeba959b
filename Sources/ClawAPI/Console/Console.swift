import ClawCore
import ClawStore
import Foundation
import Hummingbird

/// The web console under `/console/` on the API listener: server-rendered pages over the same
/// services and models as the API, a session cookie instead of an API key, a CSRF token on
/// every form, and a strict Content-Security-Policy on every answer.
enum Console {
    static let cookie = "clawd_console"
    static let loginCSRFCookie = "clawd_console_login"

    /// No inline script or style, nothing from another origin, no framing.
    static let securityHeaders: [(HeaderName, String)] = [
        (.contentSecurityPolicy, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        (HeaderName("X-Content-Type-Options")!, "nosniff"),
        (HeaderName("X-Frame-Options")!, "DENY"),
        (HeaderName("Referrer-Policy")!, "no-referrer"),
        (.cacheControl, "no-store"),
    ]

    /// `headers` with the security headers (an answer's own `Cache-Control` kept) and the cookies to set.
    static func secured(_ headers: HTTPFields, cookies: [String] = []) -> HTTPFields {
        var headers = headers
        for (name, value) in securityHeaders where headers[name] == nil { headers[name] = value }
        for c in cookies { headers.append(HTTPFields.Element(name: .setCookie, value: c)) }
        return headers
    }

    static func html(_ status: HTTPResponse.Status, _ page: String, cookies: [String] = []) -> Response {
        Response(status: status, headers: secured([.contentType: "text/html; charset=utf-8"], cookies: cookies),
                 body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// 303 to `location` (after a form: the browser GETs the next page).
    static func redirect(_ location: String, cookies: [String] = []) -> Response {
        Response(status: .seeOther, headers: secured([.location: location], cookies: cookies))
    }

    /// `Secure` when the browser reached clawd over TLS (a TLS-terminating proxy says so).
    static func isTLS(_ request: Request) -> Bool {
        request.headers[HeaderName("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    static func setCookie(_ name: String, _ value: String, maxAge: Int64, _ request: Request) -> String {
        "\(name)=\(value); Path=/console; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (isTLS(request) ? "; Secure" : "")
    }

    static func clearCookie(_ name: String, _ request: Request) -> String { setCookie(name, "", maxAge: 0, request) }

    static func cookieValue(_ request: Request, _ name: String) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0] == name, !pair[1].isEmpty { return pair[1] }
        }
        return nil
    }

    /// Constant-time comparison of a presented CSRF token with the expected one.
    static func sameToken(_ a: String?, _ b: String) -> Bool {
        guard let a, a.utf8.count == b.utf8.count, !b.isEmpty else { return false }
        return zip(a.utf8, b.utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// An `application/x-www-form-urlencoded` body, read into named fields (at most 64 KiB).
struct ConsoleForm: Sendable {
    var fields: [String: String] = [:]

    static func read(_ request: Request) async throws -> ConsoleForm {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        var form = ConsoleForm()
        for pair in String(buffer: buffer).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if let name = kv.first, !name.isEmpty { form.fields[name] = kv.count > 1 ? kv[1] : "" }
        }
        return form
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// A field's text, trimmed; nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let v = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }
}
