import ClawTestSupport
import Foundation
import Testing

@Suite("systemd unit")
struct SystemdUnitTests {
    @Test("systemd/clawd.service passes systemd-analyze verify with no warning")
    func verify() async throws {
        let analyze = "/usr/bin/systemd-analyze"
        try #require(FileManager.default.isExecutableFile(atPath: analyze),
                     "systemd-analyze missing: run scripts/setup (installs systemd)")
        let unit = try String(contentsOfFile: TestPaths.repoRoot + "/systemd/clawd.service", encoding: .utf8)
        #expect(unit.contains("Type=notify"))
        #expect(unit.contains("WatchdogSec="))
        #expect(unit.contains("ExecStart=/usr/local/bin/clawd serve"))
        // verify checks that ExecStart exists: point it at the binary this build made.
        let copy = unit.replacingOccurrences(of: "ExecStart=/usr/local/bin/clawd ",
                                             with: "ExecStart=\(TestPaths.binDir)/clawd ")
        let dir = try TestPaths.makeTempDir("unit")
        try copy.write(toFile: dir + "/clawd.service", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: analyze)
        p.arguments = ["verify", dir + "/clawd.service"]
        let r = try await ProcessResultCapture.run(p)
        #expect(r.status == 0, "systemd-analyze verify failed:\n\(r.stderr)")
        #expect(r.stderr.isEmpty && r.stdout.isEmpty, "systemd-analyze verify warned:\n\(r.stderr)\(r.stdout)")
    }
}
