import ClawCore
import ClawStore
import Foundation
import Hummingbird

/// Why a console request is refused, shown as a page with its status.
struct ConsoleRefusal: Error {
    var status: HTTPResponse.Status
    var message: String
}

extension RouterBuilding {
    /// Log in with an API key, log out, the admin's one-time link, the assets.
    static func addConsoleSessionRoutes(_ router: Router<APIContext>, env: APIEnvironment, renderer: ConsoleRenderer) {
        let sessions = ConsoleStore(store: env.store)

        router.get("/console/login") { request, _ in
            let csrf = Identifier.hex(Identifier.randomBytes(16))
            return Console.html(.ok, renderer.page("login", ["csrf": csrf], .init(title: "Log in")),
                                cookies: [Console.setCookie(Console.loginCSRFCookie, csrf, maxAge: 3600, request)])
        }

        router.post("/console/login") { request, _ in
            let form = try await ConsoleForm.read(request)
            func refuse(_ status: HTTPResponse.Status, _ message: String) -> Response {
                let csrf = Identifier.hex(Identifier.randomBytes(16))
                return Console.html(status, renderer.page("login", ["csrf": csrf], .init(title: "Log in", error: message)),
                                    cookies: [Console.setCookie(Console.loginCSRFCookie, csrf, maxAge: 3600, request)])
            }
            guard let expected = Console.cookieValue(request, Console.loginCSRFCookie),
                  Console.sameToken(form["csrf"], expected) else {
                return refuse(.forbidden, "The form expired: log in again.")
            }
            guard let key = form.text("key"), key.count <= 256,
                  let record = try await env.store.authenticate(secret: key) else {
                return refuse(.unauthorized, "That key is not valid (or was revoked or has expired).")
            }
            let (token, _) = try await sessions.open(orgID: record.orgID)
            return Console.redirect("/console/", cookies: [
                Console.setCookie(Console.cookie, token, maxAge: ConsoleStore.sessionLifetime, request),
                Console.clearCookie(Console.loginCSRFCookie, request),
            ])
        }

        router.post("/console/logout") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, form in
                try await sessions.close(user.token)
                return Console.redirect("/console/login", cookies: [Console.clearCookie(Console.cookie, request)])
            }
        }

        router.get("/console/admin-login") { request, _ in
            guard let token = request.uri.queryParameters.get("token"), token.count == 64,
                  try await sessions.redeemLoginLink(token) else {
                return Console.html(.forbidden, renderer.page("error", ["status": "403", "message":
                    "This login link was already used or has expired: run clawctl console again."], .init(title: "Refused")))
            }
            let (session, _) = try await sessions.open(orgID: nil)
            return Console.redirect("/console/admin", cookies: [
                Console.setCookie(Console.cookie, session, maxAge: ConsoleStore.sessionLifetime, request),
            ])
        }

        router.get("/console/assets/console.js") { _, _ in Self.asset(ConsoleAssets.script, type: "text/javascript; charset=utf-8") }
        router.get("/console/assets/console.css") { _, _ in Self.asset(ConsoleAssets.style, type: "text/css; charset=utf-8") }
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: Console.secured([.contentType: type, .cacheControl: "public, max-age=300"]),
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Runs a console page for the signed-in user: GETs straight away, POSTs after their CSRF
    /// token matched. No session → the login page; a refused request → a page with its status
    /// (another org's object is a 404, as in the API).
    static func console(_ request: Request, env: APIEnvironment, renderer: ConsoleRenderer,
                        _ body: (ConsoleUser, ConsoleForm) async throws -> Response) async throws -> Response {
        guard let user = try await ConsoleUser.of(request, env: env) else {
            return Console.redirect("/console/login", cookies: [Console.clearCookie(Console.cookie, request)])
        }
        var form = ConsoleForm()
        if request.method == .post {
            form = try await ConsoleForm.read(request)
            guard Console.sameToken(form["csrf"], user.csrf) else {
                return Self.consoleError(ConsoleRefusal(status: .forbidden, message: "The form is missing its token or has expired: reload the page."),
                                         user: user, renderer: renderer)
            }
        }
        do {
            return try await body(user, form)
        } catch let refusal as ConsoleRefusal {
            return Self.consoleError(refusal, user: user, renderer: renderer)
        } catch let error as ClawError {
            return Self.consoleError(ConsoleRefusal(status: Dialect.status(error.code), message: error.message), user: user, renderer: renderer)
        }
    }

    static func consoleError(_ refusal: ConsoleRefusal, user: ConsoleUser, renderer: ConsoleRenderer) -> Response {
        Console.html(refusal.status, renderer.page("error", ["status": "\(refusal.status.code)", "message": refusal.message],
                                                   user.layout("Error", current: "")))
    }
}
