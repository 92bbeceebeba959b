import ClawClient
import ClawTestSupport
import Foundation
import Testing

@Suite("clawd as a real process")
struct DaemonProcessTests {
    @Test("READY=1 after both listeners are up; health on TCP and socket; SIGTERM → STOPPING=1, exit 0 within 5 s, socket gone")
    func readyHealthAndGracefulStop() async throws {
        let daemon = try DaemonProcess()
        try await daemon.waitReady()

        let tcp = try await daemon.tcp.get("/v1/claw/health")
        #expect(tcp.status == 200)
        let body = try tcp.json()
        #expect(body["status"] as? String == "ok", "runtime or database unhealthy: \(tcp.text)")
        let stamp = try #require(body["timestamp"] as? String)
        #expect(stamp.hasSuffix("Z") && stamp.count == 24, "timestamp \(stamp) is not ISO-8601 UTC with millis")

        let viaSocket = try await daemon.admin.get("/api/v1/health")
        #expect(viaSocket.status == 200)
        let data = try #require(try viaSocket.json()["data"] as? [String: Any])
        #expect(data["status"] as? String == "ok")

        var st = stat()
        #expect(lstat(daemon.socketPath, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o660, "socket mode is \(String(st.st_mode & 0o777, radix: 8))")
        #expect(daemon.notify.lines.contains { $0.hasPrefix("STATUS=") })

        let stoppedAt = ContinuousClock.now
        daemon.signal(SIGTERM)
        let code = await daemon.waitExit(timeout: .seconds(5))
        #expect(code == 0, "exit \(String(describing: code)) after SIGTERM; stderr:\n\(daemon.stderr)")
        #expect(ContinuousClock.now - stoppedAt < .seconds(5))
        #expect(daemon.notify.lines.contains("STOPPING=1"))
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath), "socket file left behind")
    }

    @Test("a port already in use stops clawd with one clear line and a non-zero exit")
    func portInUse() async throws {
        let first = try DaemonProcess()
        try await first.waitReady()
        defer { first.signal(SIGKILL) }
        let dir = try TestPaths.makeTempDir("p")
        let second = Process()
        second.executableURL = URL(fileURLWithPath: TestPaths.binDir + "/clawd")
        second.arguments = ["serve", "--data-dir", dir + "/data", "--socket", dir + "/s.sock",
                            "--listen", "127.0.0.1:\(first.port)", "--config", TestPaths.repoRoot + "/etc/clawd.yaml"]
        // As `DaemonProcess` does: no host firewall rules from a daemon nobody cleans up after.
        second.environment = ProcessInfo.processInfo.environment.merging(["CLAWD_NETWORK_ISOLATION": "false"]) { _, new in new }
        let result = try await ProcessResultCapture.run(second)
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot listen on 127.0.0.1:\(first.port): address already in use"),
                "stderr was:\n\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/s.sock"), "socket left behind after failed start")
    }

    @Test("a stale socket file from a killed daemon is replaced")
    func staleSocketReplaced() async throws {
        let first = try DaemonProcess()
        try await first.waitReady()
        first.signal(SIGKILL)
        _ = await first.waitExit(timeout: .seconds(5))
        #expect(FileManager.default.fileExists(atPath: first.socketPath), "SIGKILL should leave the socket file")
        let second = try DaemonProcess(dir: first.dir)
        defer { second.signal(SIGKILL) }
        try await second.waitReady()
        #expect(try await second.admin.get("/v1/claw/health").status == 200)
    }

    @Test("WATCHDOG=1 pings arrive at half of WATCHDOG_USEC")
    func watchdogPings() async throws {
        // A 2 s watchdog: the daemon says it pings every second, and ten more pings take 10 s at
        // that pace, 20 s at the full interval. Pings are due on a fixed schedule, so a late
        // wake-up does not add up; only the last ping's lateness counts against the 15 s bound.
        let daemon = try DaemonProcess(environment: ["WATCHDOG_USEC": "2000000"])
        defer { daemon.signal(SIGKILL) }
        try await daemon.waitReady()
        #expect(await daemon.notify.waitFor(line: "WATCHDOG=1", timeout: .seconds(30)))
        let announced = daemon.stderr.split(separator: "\n").first { $0.contains("watchdog on") }
        #expect(announced?.contains("1.0 seconds") == true, "interval not announced as 1 s: \(announced ?? "none")")
        let first = ContinuousClock.now
        let seen = daemon.notify.lines.filter { $0 == "WATCHDOG=1" }.count
        #expect(await daemon.notify.waitFor(line: "WATCHDOG=1", count: seen + 10, timeout: .seconds(60)))
        let elapsed = ContinuousClock.now - first
        #expect(elapsed < .seconds(15), "ten pings took \(elapsed) with a 2 s watchdog: not at half the interval")
    }

    @Test("/metrics answers in Prometheus text format and counts requests")
    func metrics() async throws {
        let daemon = try DaemonProcess()
        defer { daemon.signal(SIGKILL) }
        try await daemon.waitReady()
        _ = try await daemon.tcp.get("/v1/claw/health")
        let reply = try await daemon.tcp.get("/metrics")
        #expect(reply.status == 200)
        #expect(reply.header("content-type")?.hasPrefix("text/plain") == true)
        #expect(reply.text.contains("# TYPE"))
        #expect(reply.text.contains("/v1/claw/health"), "request metrics missing:\n\(reply.text.prefix(2000))")
    }

    @Test("first start with --demo creates org demo with $100 and prints a key once; a restart does not")
    func demoBootstrap() async throws {
        let daemon = try DaemonProcess(arguments: ["--demo"])
        try await daemon.waitReady()
        #expect(daemon.stdout.contains("org 'demo'"))
        #expect(daemon.stdout.contains("$100.00"))
        let key = daemon.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("claw_") }
        #expect(key?.count == 5 + 64, "no key line in:\n\(daemon.stdout)")
        #expect(daemon.stdout.contains("curl"))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitExit(timeout: .seconds(5)) == 0)

        let again = try DaemonProcess(arguments: ["--demo"], dir: daemon.dir)
        defer { again.signal(SIGKILL) }
        try await again.waitReady()
        #expect(!again.stdout.contains("claw_"), "the demo key was printed twice")
    }
}

@Suite("clawd health when the runtime is broken")
struct DegradedHealthTests {
    @Test("a runtime binary that fails makes health 'degraded' (still 200) with a checks object")
    func degraded() async throws {
        let dir = try TestPaths.makeTempDir("rt")
        let fake = dir + "/podman"
        try "#!/bin/sh\necho 'Error: simulated runtime failure' >&2\nexit 125\n".write(toFile: fake, atomically: true, encoding: .utf8)
        chmod(fake, 0o755)
        let daemon = try DaemonProcess(arguments: ["--runtime", "podman", "--runtime-binary", fake])
        defer { daemon.signal(SIGKILL) }
        try await daemon.waitReady()
        let reply = try await daemon.tcp.get("/v1/claw/health")
        #expect(reply.status == 200)
        let body = try reply.json()
        #expect(body["status"] as? String == "degraded")
        let checks = try #require(body["checks"] as? [String: [String: Any]])
        #expect(checks["runtime"]?["ok"] as? Bool == false)
        #expect((checks["runtime"]?["detail"] as? String)?.contains("simulated runtime failure") == true,
                "runtime's own message lost: \(reply.text)")
        #expect(checks["database"]?["ok"] as? Bool == true)
    }
}

@Suite("clawd shutdown with open streams")
struct ShutdownWithStreamsTests {
    @Test("an open /v1/events stream does not hold up SIGTERM: exit 0 well before the shutdown timeout")
    func sseDoesNotBlockShutdown() async throws {
        let daemon = try DaemonProcess()
        try await daemon.waitReady()
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-sN", "--unix-socket", daemon.socketPath, "http://clawd/v1/events"]
        let out = Pipe()
        curl.standardOutput = out
        try curl.run()
        defer { if curl.isRunning { curl.terminate() } }
        // The stream is open once its first comment arrives.
        let first = out.fileHandleForReading.availableData
        #expect(String(decoding: first, as: UTF8.self).contains(": subscribed"))
        let t0 = ContinuousClock.now
        daemon.signal(SIGTERM)
        let code = await daemon.waitExit(timeout: .seconds(8))
        #expect(code == 0, "exit \(String(describing: code)); stderr:\n\(daemon.stderr)")
        #expect(ContinuousClock.now - t0 < .seconds(5), "shutdown took \(ContinuousClock.now - t0)")
    }
}
