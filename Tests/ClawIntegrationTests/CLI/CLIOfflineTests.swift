import ClawTestSupport
import Foundation
import Testing

/// clawctl without a daemon: usage errors, an unreachable daemon, help, completions.
@Suite("clawctl: usage, unreachable daemon, help")
struct CLIOfflineTests {
    @Test("bad arguments exit 2 with one line on stderr")
    func usageErrors() async throws {
        try Clawctl.requireBinary()
        let ctl = Clawctl(socket: "/nonexistent/clawd.sock")
        for args in [["nosuch"], ["org", "credit"], ["org", "credit", "org_x", "0"], ["org", "credit", "org_x", "ten"],
                     ["instance", "logs", "c1", "--tail", "0"], ["instance", "create", "--subdomain", "abc"],
                     ["instance", "list", "--status", "SLEEPING"], ["ledger", "--limit", "500"],
                     ["instance", "logs", "c1", "--follow", "--previous"], ["status", "--bogus"]] {
            let r = try await ctl.run(args)
            #expect(r.code == 2, "\(args): \(r)")
            #expect(r.isOneErrorLine, "\(args): \(r)")
        }
    }

    @Test("a missing socket, a file that is no socket, a refusing socket and a forbidden socket exit 4 with a hint")
    func unreachable() async throws {
        try Clawctl.requireBinary()
        let dir = try TestPaths.makeTempDir("ctl")
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let missing = try await Clawctl(socket: dir + "/none.sock").run("status")
        #expect(missing.code == 4, "\(missing)")
        #expect(missing.isOneErrorLine && missing.stderr.contains("does not exist") && missing.stderr.contains("is clawd running"),
                "\(missing)")

        // CLAWD_SOCKET is used when --socket is absent, and named in the message.
        let viaEnv = try await Clawctl(environment: ["CLAWD_SOCKET": dir + "/env.sock"]).run("org", "list")
        #expect(viaEnv.code == 4 && viaEnv.stderr.contains(dir + "/env.sock"), "\(viaEnv)")

        FileManager.default.createFile(atPath: dir + "/plain", contents: Data())
        let plain = try await Clawctl(socket: dir + "/plain").run("status")
        #expect(plain.code == 4 && plain.stderr.contains("not a Unix socket"), "\(plain)")

        // A socket file nobody listens on (clawd died without removing it): connection refused.
        let stale = dir + "/stale.sock"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in stale.utf8.enumerated() { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        close(fd)
        try #require(bound == 0)
        let refused = try await Clawctl(socket: stale).run("instance", "list")
        #expect(refused.code == 4 && refused.isOneErrorLine && refused.stderr.contains("connection refused")
                && refused.stderr.contains("clawd is not running"), "\(refused)")

        // Permission denied: as an unprivileged user, a socket inside a root-only directory.
        let setpriv = "/usr/bin/setpriv"
        if getuid() == 0, FileManager.default.isExecutableFile(atPath: setpriv) {
            chmod(dir, 0o700)
            let denied = try await Clawctl(socket: stale, wrapper: [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"])
                .run("status")
            #expect(denied.code == 4, "\(denied)")
            #expect(denied.isOneErrorLine && denied.stderr.contains("permission denied")
                    && denied.stderr.contains("clawd group"), "\(denied)")
        }
    }

    @Test("--help documents the exit codes and every command; completion scripts for bash, zsh and fish")
    func helpAndCompletions() async throws {
        try Clawctl.requireBinary()
        let ctl = Clawctl()
        let help = try await ctl.run("--help")
        #expect(help.code == 0)
        for text in ["Exit codes:", "0  ok", "2  usage error", "3  not found", "4  daemon unreachable", "CLAWD_SOCKET",
                     "status", "doctor", "reconcile", "org", "key", "instance", "events", "ledger",
                     "\n  container "] {
            #expect(help.stdout.contains(text), "--help lacks \(text)")
        }
        let instanceHelp = try await ctl.run("instance", "--help")
        for verb in ["create", "list", "show", "start", "stop", "restart", "rebuild", "renew", "delete", "wait", "logs"] {
            #expect(instanceHelp.stdout.contains("  \(verb) "), "instance --help lacks \(verb)")
        }
        let logsHelp = try await ctl.run("instance", "logs", "--help")
        for option in ["--tail", "--follow", "--previous", "--socket", "--json"] {
            #expect(logsHelp.stdout.contains(option), "instance logs --help lacks \(option)")
        }
        for (shell, marker) in [("bash", "complete"), ("zsh", "#compdef clawctl"), ("fish", "complete -c 'clawctl'")] {
            let script = try await ctl.run("--generate-completion-script", shell)
            #expect(script.code == 0, "\(shell): \(script)")
            #expect(script.stdout.contains(marker) && script.stdout.contains("instance"), "\(shell) completion:\n\(script.stdout.prefix(300))")
        }
    }
}
