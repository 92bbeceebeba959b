import ClawClient
import ClawCore
import ClawStore
import ClawTestSupport
import ClawWire
import Foundation
import Testing

/// The console in a real browser: headless Chromium driven by Selenium (`scripts/console-browser`)
/// against a real clawd whose instances run on real podman. Screenshots of the main pages are
/// left in `.build/console-screenshots/`.
@Suite("Web console in headless Chromium against a real clawd on podman", .serialized)
struct ConsoleBrowserE2ETests {
    static var python: String { TestPaths.repoRoot + "/.build-venv/bin/python3" }

    @Test("wrong key refused; log in; create → RUNNING without a reload; logs; renew; CSRF refused; markup stays text; delete; logout; expired session refused; admin link once")
    func browser() async throws {
        for tool in [Self.python, "/usr/bin/chromium", "/usr/bin/chromedriver"] where !FileManager.default.isExecutableFile(atPath: tool) {
            Issue.record("\(tool) is missing: run scripts/setup (it installs chromium, chromium-driver and the venv with selenium)")
            return
        }
        try await E2EInstall.with { install in
            try await install.start()
            let org = try await install.makeOrg("console-\(install.installID)", creditCents: 10_000)
            let link = try await install.daemon.admin.request("POST", "/admin/console/link")
            #expect(link.status == 201, "\(link.text)")
            let url = try link.decode(ConsoleLinkDTO.self).url
            #expect(url.hasPrefix("http://127.0.0.1:\(install.daemon.port)/console/admin-login?token="))
            // A session that expired an hour ago, written as the daemon writes them.
            let (expired, _) = try await ConsoleStore(store: try Store(path: install.databasePath))
                .open(orgID: org.id, now: Timestamp.now().adding(seconds: -ConsoleStore.sessionLifetime - 3600))
            let shots = TestPaths.repoRoot + "/.build/console-screenshots"
            try? FileManager.default.removeItem(atPath: shots)
            let subdomain = "web-" + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(8))
            let run = try await Self.run([Self.python, TestPaths.repoRoot + "/scripts/console-browser",
                                          "--url", "http://127.0.0.1:\(install.daemon.port)", "--key", org.key,
                                          "--admin-link", url, "--expired-session", expired, "--subdomain", subdomain,
                                          "--screenshots", shots])
            #expect(run.code == 0, "console-browser:\n\(run.output)\n\(install.logTail())")
            #expect(run.output.components(separatedBy: "\nok: ").count >= 10, "\(run.output)")

            // What the browser did, as the API sees it: created, renewed (two charges), deleted.
            let ledger = try await install.daemon.admin.request("GET", "/v1/claw/ledger", headers: [("X-Clawd-Org", org.id)])
            #expect(ledger.text.components(separatedBy: "\"charge\"").count - 1 == 2, "\(ledger.text)")
            let list = try await install.claw(org).send("GET", "/v1/claw/instances", nil)
            #expect(!list.text.contains(subdomain) || list.text.contains("DELETED"), "\(list.text)")
            for name in ["instances", "instance-running", "logs", "keys", "admin"] {
                #expect(FileManager.default.fileExists(atPath: shots + "/\(name).png"), "screenshot \(name)")
            }
        }
    }

    static func run(_ argv: [String], timeout: Duration = .seconds(300)) async throws -> (code: Int32, output: String) {
        let dir = try TestPaths.makeTempDir("browser")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        FileManager.default.createFile(atPath: dir + "/out", contents: nil)
        let out = FileHandle(forWritingAtPath: dir + "/out")
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let deadline = ContinuousClock.now + timeout
        while p.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        return (p.terminationStatus, (try? String(contentsOfFile: dir + "/out", encoding: .utf8)) ?? "")
    }
}
