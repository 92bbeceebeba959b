import ClawTestSupport
import Foundation
import Testing

@Suite("clawd refuses bad configuration at startup")
struct ConfigProcessTests {
    static let cases: [(String, [String], [String: String], String)] = [
        ("port out of range", ["--listen", "127.0.0.1:70000"], [:], "listen (flag --listen): port 70000 is out of range"),
        ("env var bad value", [], ["CLAWD_PERIOD_SECONDS": "soon"], "period_seconds (environment CLAWD_PERIOD_SECONDS)"),
        ("unreadable config file", ["--config", "/nonexistent/clawd.yaml"], [:], "config (file /nonexistent/clawd.yaml): unreadable"),
        ("unknown runtime", ["--runtime", "lxc"], [:], "runtime (flag --runtime): 'lxc' is not one of auto, podman, docker"),
    ]

    @Test("bad value → exit 78 and one line naming the key", arguments: 0..<cases.count)
    func badValue(_ index: Int) async throws {
        let (name, args, env, expected) = Self.cases[index]
        let dir = try TestPaths.makeTempDir("c")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestPaths.binDir + "/clawd")
        p.arguments = ["serve", "--data-dir", dir + "/data", "--socket", dir + "/s.sock"] + args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let r = try await ProcessResultCapture.run(p)
        #expect(r.status == 78, "\(name): exit \(r.status), stderr: \(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(name): expected one line, got:\n\(r.stderr)")
        #expect(r.stderr.contains(expected), "\(name): stderr was: \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/data"), "\(name): data dir created despite bad config")
    }
}
