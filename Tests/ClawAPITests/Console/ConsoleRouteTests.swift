@testable import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Hummingbird
import Testing

@Suite("Web console routes: sessions, CSRF, CSP, escaping, org isolation, admin link")
struct ConsoleRouteTests {
    static let csp = "default-src 'none'; script-src 'self'"

    @Test("a key opens a session (HttpOnly, SameSite=Strict); every page carries the CSP; logout ends the session")
    func loginLogout() async throws {
        let h = try Harness()
        let org = try await h.org("acme")
        try await h.test { api in
            let b = ConsoleBrowser(api)
            let login = try await b.get("/console/login")
            #expect(login.status == 200 && login.text.contains(#"name="key""#))
            #expect(login.header("Content-Security-Policy")?.hasPrefix(Self.csp) == true)
            let r = try await b.post("/console/login", ["key": org.key])
            #expect(r.status == 303 && r.header("Location") == "/console/")
            let cookie = try #require(r.headers.first { $0.name == .setCookie && $0.value.hasPrefix("clawd_console=") }?.value)
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Max-Age=28800"))
            #expect(!cookie.contains("Secure"), "plain HTTP")
            for path in ["/console/", "/console/billing", "/console/keys"] {
                let page = try await b.get(path)
                #expect(page.status == 200, "\(path)")
                #expect(page.header("Content-Security-Policy")?.hasPrefix(Self.csp) == true, "\(path)")
                #expect(page.text.contains("acme") && !page.text.contains("<script>"), "\(path)")
            }
            #expect(try await b.get("/console/assets/console.js").header("Content-Type")?.hasPrefix("text/javascript") == true)
            try await b.get("/console/")
            #expect(try await b.post("/console/logout", [:]).status == 303)
            let after = try await b.get("/console/")
            #expect(after.status == 303 && after.header("Location") == "/console/login")
        }
    }

    @Test("a wrong key, a missing CSRF token and an expired session are refused and change nothing")
    func refusals() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let b = ConsoleBrowser(api)
            let wrong = try await b.login("claw_" + String(repeating: "0", count: 64))
            #expect(wrong.status == 401 && b.cookies["clawd_console"] == nil)
            // The login form's own token: a post without the cookie it was issued with is refused.
            let fresh = ConsoleBrowser(api)
            let noToken = try await fresh.post("/console/login", ["key": org.key], csrf: false)
            #expect(noToken.status == 403 && fresh.cookies["clawd_console"] == nil)

            #expect(try await b.login(org.key).status == 303)
            try await b.get("/console/")
            let forged = try await b.post("/console/instances", ["subdomain": "forged"], csrf: false)
            #expect(forged.status == 403)
            let badToken = try await b.post("/console/instances", ["subdomain": "forged", "csrf": String(repeating: "a", count: 32)],
                                             csrf: false)
            #expect(badToken.status == 403)
            #expect(try await h.instances(org).isEmpty, "nothing created")

            let (expired, _) = try await ConsoleStore(store: h.store).open(orgID: org.id, now: Timestamp.now().adding(seconds: -9 * 3600))
            let old = ConsoleBrowser(api)
            old.cookies["clawd_console"] = expired
            let r = try await old.get("/console/")
            #expect(r.status == 303 && r.header("Location") == "/console/login")
        }
    }

    @Test("create and act through forms; another org's instance is a 404 page and stays untouched")
    func instancesAndIsolation() async throws {
        let h = try Harness()
        let org = try await h.org("owner")
        let other = try await h.org("other")
        try await h.test { api in
            let b = ConsoleBrowser(api)
            _ = try await b.login(org.key)
            try await b.get("/console/")
            #expect(b.lastPage.contains(#"name="subdomain""#))
            let created = try await b.post("/console/instances", ["subdomain": "webbot", "tier": "budget"])
            #expect(created.status == 303)
            let instance = try #require(try await h.instances(org).first)
            #expect(instance.subdomain == "webbot" && instance.tier == .budget)
            #expect(created.header("Location")?.hasPrefix("/console/instances/\(instance.id)?op=") == true)
            let detail = try await b.get(created.header("Location")!)
            #expect(detail.status == 200 && detail.text.contains(#"data-instance-id="\#(instance.id)""#))
            #expect(detail.text.contains("PENDING") && detail.text.contains("Operation create"))
            let list = try await b.get("/console/")
            #expect(list.text.contains(#"<tr data-instance-id="\#(instance.id)"><td><a href="/console/instances/\#(instance.id)">webbot</a></td><td class="status">PENDING</td>"#))
            // A taken subdomain is the form again with the reason, nothing new.
            let taken = try await b.post("/console/instances", ["subdomain": "webbot"])
            #expect(taken.status == 409 && taken.text.contains("already taken"))

            let intruder = ConsoleBrowser(api)
            _ = try await intruder.login(other.key)
            try await intruder.get("/console/")
            #expect(!intruder.lastPage.contains(instance.id))
            #expect(try await intruder.get("/console/instances/\(instance.id)").status == 404)
            #expect(try await intruder.get("/console/instances/\(instance.id)/logs").status == 404)
            try await intruder.get("/console/")
            #expect(try await intruder.post("/console/instances/\(instance.id)/delete", [:]).status == 404)
            #expect(try await h.store.instance(id: instance.id, orgID: nil)?.status == .pending)

            try await h.markRunning(instance.id)
            try await b.get("/console/instances/\(instance.id)")
            let stop = try await b.post("/console/instances/\(instance.id)/stop", [:])
            #expect(stop.status == 303)
            #expect(try await h.store.instance(id: instance.id, orgID: nil)?.desired == .stopped)
            try await b.get("/console/instances/\(instance.id)")
            #expect(try await b.post("/console/instances/\(instance.id)/explode", [:]).status == 404)
        }
    }

    @Test("the instances table shows 100 a page, newest first, with links between pages")
    func paging() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 1_000_000)
        for i in 0..<120 {
            _ = try await h.service.create(orgID: org.id, subdomain: "page-\(i)", defaultModel: nil, tier: .budget, imConfig: nil)
        }
        try await h.test { api in
            let b = ConsoleBrowser(api)
            _ = try await b.login(org.key)
            let first = try await b.get("/console/")
            #expect(first.text.components(separatedBy: "<tr data-instance-id=").count - 1 == 100)
            #expect(first.text.contains("120 instance(s)") && first.text.contains(#"href="/console/?page=2""#))
            #expect(first.text.contains(">page-119<") && !first.text.contains(">page-0<"))
            let second = try await b.get("/console/?page=2")
            #expect(second.text.components(separatedBy: "<tr data-instance-id=").count - 1 == 20)
            #expect(second.text.contains(">page-0<") && second.text.contains(#"href="/console/?page=1""#))
            #expect(try await b.get("/console/?page=0").status == 400)
        }
    }

    @Test("what users typed is shown as text: key names, ledger descriptions")
    func escaping() async throws {
        let h = try Harness()
        let org = try await h.org()
        let evil = #""><img src=x onerror=alert(1)><script>alert(2)</script>"#
        _ = try await h.store.credit(orgID: org.id, amount: Cents(100), description: evil)
        try await h.test { api in
            let b = ConsoleBrowser(api)
            _ = try await b.login(org.key)
            try await b.get("/console/keys")
            let created = try await b.post("/console/keys", ["name": evil])
            #expect(created.status == 200)
            let secret = try #require(created.text.range(of: #"claw_[0-9a-f]{64}"#, options: .regularExpression).map { String(created.text[$0]) })
            #expect(try await h.store.authenticate(secret: secret)?.orgID == org.id, "the key shown once works")
            for page in [created.text, try await b.get("/console/keys").text, try await b.get("/console/billing").text] {
                #expect(!page.contains("<img src=x") && !page.contains("<script>alert"))
                #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"))
            }
            #expect(!(try await b.get("/console/keys").text.contains(secret)), "the secret is shown once")
        }
    }

    @Test("clawctl console's link opens an admin session once; org users never see the host page")
    func adminLink() async throws {
        let h = try Harness()
        let org = try await h.org("tenant")
        let (token, _) = try await ConsoleStore(store: h.store).makeLoginLink()
        try await h.test(.adminSocket) { api in
            let r = try await api.call(.post, "/admin/console/link")
            #expect(r.status == 201)
            #expect((r["url"] as? String)?.hasPrefix("http://127.0.0.1:55765/console/admin-login?token=") == true)
        }
        let link = "http://127.0.0.1:55765/console/admin-login?token=" + token
        #expect(link.hasPrefix("http://127.0.0.1:55765/console/admin-login?token="))
        let path = String(link.dropFirst("http://127.0.0.1:55765".count))
        try await h.test { api in
            #expect(try await api.call(.post, "/admin/console/link").status == 404, "not on TCP")
            let admin = ConsoleBrowser(api)
            let first = try await admin.get(path)
            #expect(first.status == 303 && first.header("Location") == "/console/admin" && admin.cookies["clawd_console"] != nil)
            let host = try await admin.get("/console/admin")
            #expect(host.status == 200 && host.text.contains("tenant") && host.text.contains(org.id))
            #expect(host.text.contains("doctor: runtime") && host.text.contains("doctor: database"), "clawctl doctor's daemon checks")
            let credit = try await admin.post("/console/admin/orgs/\(org.id)/credit", ["cents": "250"])
            #expect(credit.status == 200)
            #expect(try await h.balance(org) == 10_250)
            let again = ConsoleBrowser(api)
            #expect(try await again.get(path).status == 403, "a link works once")
            #expect(again.cookies["clawd_console"] == nil)

            let user = ConsoleBrowser(api)
            _ = try await user.login(org.key)
            #expect(try await user.get("/console/admin").status == 404)
        }
    }
}
