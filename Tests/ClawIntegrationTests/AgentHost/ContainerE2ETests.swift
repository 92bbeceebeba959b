import AsyncHTTPClient
import ClawClient
import ClawCore
import ClawRuntime
import ClawTestSupport
import ClawWire
import Foundation
import NIOCore
import Testing
@testable import ClawDaemon

/// The container API's host side against the built clawd and REAL podman: runtime facts, the
/// agent image built through the API, the credential proxy used from inside an agent
/// container, IPC follow-ups consumed by a running agent, mount allowlist persistence.
@Suite("Container API against real podman", .serialized)
struct ContainerE2ETests {
    static func podman() async throws -> any ContainerRuntime {
        try await RuntimeDetector.detect(mode: "podman", binary: nil, environment: ProcessInfo.processInfo.environment)
    }

    static func name(_ purpose: String) -> String {
        "clawdtest-\(purpose)-\(UUID().uuidString.lowercased().prefix(8))"
    }

    /// Creates an agent container for `group` and removes it when `body` ends.
    static func withAgent<T: Sendable>(_ runtime: any ContainerRuntime, _ spec: AgentContainerSpec,
                                       _ body: @Sendable (String) async throws -> T) async throws -> T {
        _ = try await runtime.createContainer(spec.make())
        return try await withCleanup({ try await body(spec.name) },
                                     cleanup: { try? await runtime.removeContainer(spec.name, force: true) })
    }

    static func spec(_ d: ContainerDaemon, group: String, ipc: String, gateway: String?,
                     env: [String: String] = [:]) throws -> AgentContainerSpec {
        let workspace = try TestPaths.makeTempDir("ws")
        return AgentContainerSpec(name: name("agent"), image: ContainerDaemon.agentImage, installID: d.installID,
                                  group: group, runID: "r" + String(UUID().uuidString.prefix(8)).lowercased(),
                                  workspace: workspace, global: nil, ipc: ipc, gateway: gateway,
                                  proxyPort: d.proxyPort, environment: env)
    }

    @Test("GET /runtime reports podman, its version and the gateway podman itself reports")
    func runtimeFacts() async throws {
        let d = try await ContainerDaemon.start()
        defer { Task { await d.stop() } }
        let r = try await d.json("GET", "/runtime")
        #expect(r["available"] as? Bool == true)
        #expect(r["backend"] as? String == "podman")
        #expect((r["version"] as? String)?.isEmpty == false)
        let podman = try await Self.podman()
        let gateway = try #require(try await podman.hostGateway())
        let networking = try #require(r["networking"] as? [String: Any])
        #expect(networking["hostGateway"] as? String == gateway)
        #expect(networking["extraRunArgs"] as? [String] == ["--add-host", "host.containers.internal:\(gateway)"])
        // The error shape of this dialect, and auth on TCP.
        let missing = try await d.send("GET", "/nope")
        #expect(missing.status == 404)
        #expect(try missing.json()["code"] as? String == "not_found")
        #expect(try missing.json()["error"] is String)
        let tcp = try await d.daemon.tcp.request("GET", "/api/v1/container/runtime")
        #expect(tcp.status == 401)
        #expect(try tcp.json()["code"] as? String == "unauthenticated")
    }

    @Test("image build through the API gives a runnable image; a broken Containerfile gives success:false with output")
    func imageBuild() async throws {
        let podman = try await Self.podman()
        let tag = "localhost/clawdtest-agent-\(UUID().uuidString.lowercased().prefix(8)):latest"
        let d = try await ContainerDaemon.start()
        var built = false
        try await withCleanup({
            let before = try await d.json("GET", "/image/status?imageTag=\(tag)")
            #expect(before["exists"] as? Bool == false)
            let started = try await d.json("POST", "/image/build", ["imageTag": tag], expect: 202)
            #expect(started["status"] as? String == "running")
            let id = try #require(started["buildId"] as? String)
            #expect(started["operationId"] as? String == id)
            let done = try await d.json("GET", "/image/builds/\(id)?wait=true")
            #expect(done["success"] as? Bool == true, "\(done["output"] ?? "")")
            // The build is an operation too, finished with it.
            let op = try await d.daemon.admin.request("GET", "/v1/operations/\(id)/wait?timeout=30", json: nil, timeout: .seconds(40))
            let opBody = try op.json()
            #expect(op.status == 200 && opBody["status"] as? String == "succeeded" && opBody["kind"] as? String == "image.build")
            #expect((done["output"] as? String)?.isEmpty == false)
            let after = try await d.json("GET", "/image/status?imageTag=\(tag)")
            #expect(after["exists"] as? Bool == true)
            #expect((after["sizeBytes"] as? Int ?? 0) > 0)
            // Runnable: the runner answers its prompt between the markers.
            let name = Self.name("built")
            _ = try await podman.createContainer(ContainerSpec(name: name, image: tag).with { $0.interactive = true })
            let run = try await { () async throws -> AttachedRun in
                defer { Task { try? await podman.removeContainer(name, force: true) } }
                return try await podman.runAttached(name, stdin: Data("ping".utf8), timeout: .seconds(60))
            }()
            #expect(run.exitCode == 0)
            #expect(run.stdout.contains("---NANOCLAW_OUTPUT_START---\nreceived: ping\n---NANOCLAW_OUTPUT_END---"))
            #expect(try await d.send("GET", "/image/builds/nope").status == 404)
            #expect(try await d.send("POST", "/image/build", ["imageTag": "-bad"]).status == 400)
            built = true
        }, cleanup: {
            if !built { try? await podman.removeImage(tag) }
            await d.stop()
        })
        // The image of the good build must be gone before the broken build, or the last check
        // below could not tell "left behind by the broken build" from "not yet removed".
        try await eventually("the good build's image is removed", timeout: .seconds(60)) {
            try? await podman.removeImage(tag)
            return try await podman.inspectImage(tag) == nil ? true : nil
        }

        let broken = try TestPaths.makeTempDir("broken")
        try "FROM scratch\nRUN [\"/bin/does-not-exist\"]\n".write(toFile: broken + "/Containerfile", atomically: true,
                                                                   encoding: .utf8)
        let b = try await ContainerDaemon.start(context: broken, extra: ["CLAWD_AGENT_IMAGE_BUSYBOX": ""])
        defer { Task { await b.stop() } }
        let started = try await b.json("POST", "/image/build", ["imageTag": tag], expect: 202)
        let done = try await b.json("GET", "/image/builds/\(started["buildId"] as! String)?wait=true")
        #expect(done["success"] as? Bool == false)
        #expect(done["status"] as? String == "failed")
        #expect((done["output"] as? String ?? "").contains("does-not-exist"), "\(done)")
        #expect(try await podman.inspectImage(tag) == nil)
    }

    @Test("credential proxy: an agent container's placeholder reaches the upstream as the real key; the container never sees it; streams; 502 when down")
    func credentialProxy() async throws {
        let podman = try await Self.podman()
        let gateway = try #require(try await podman.hostGateway())
        let d = try await ContainerDaemon.start()
        defer { Task { await d.stop() } }
        let realKey = "sk-real-" + Identifier.make(prefix: "", length: 24)
        try await withUpstream { upstream in
            let created = try await d.json("POST", "/credential-proxy/mappings", [
                "name": "anthropic", "upstreamUrl": "http://127.0.0.1:\(upstream.port)", "credentialType": "api_key",
                "credential": realKey,
            ], expect: 201)
            let placeholder = try #require(created["placeholder"] as? String)
            #expect(!placeholder.contains(realKey))
            let status = try await d.send("GET", "/credential-proxy/status")
            #expect(!status.text.contains(realKey))
            #expect(try status.json()["running"] as? Bool == true)
            #expect(try status.json()["bindHost"] as? String == gateway)

            // From inside a real agent container.
            let ipc = try TestPaths.makeTempDir("ipc")
            let spec = try Self.spec(d, group: "proxy", ipc: ipc, gateway: gateway, env: ["ANTHROPIC_API_KEY": placeholder])
            let output = try await Self.withAgent(podman, spec) { name in
                let run = try await podman.runAttached(name, stdin: Data("fetch anthropic/v1/echo".utf8),
                                                       timeout: .seconds(60))
                let inspect = try await RuntimeTestBackend.podman.commandLine().run(["container", "inspect", name]).stdout
                #expect(!inspect.contains(realKey))
                #expect(inspect.contains(placeholder))
                return run.stdout
            }
            #expect(output.contains(#"fetched: {"got":"key"}"#), "\(output)")
            let seen = upstream.seen.withLock { $0 }
            #expect(seen.last?["x-api-key"] == realKey)
            #expect(seen.last?["path"] == "/v1/echo")

            // The container's environment and files never hold the key.
            let envSpec = try Self.spec(d, group: "proxy", ipc: ipc, gateway: gateway, env: ["ANTHROPIC_API_KEY": placeholder])
            let env = try await Self.withAgent(podman, envSpec) { name in
                try await podman.runAttached(name, stdin: Data("env".utf8), timeout: .seconds(60)).stdout
            }
            #expect(env.contains(placeholder) && env.contains("CLAWD_PROXY_URL=http://host.containers.internal:\(d.proxyPort)"))
            #expect(!env.contains(realKey))
            var grep = envSpec.make()
            grep.name = Self.name("grep")
            grep.entrypoint = "/bin/sh"
            // Every file the image and the mounts give it (not /proc or /sys, which never end).
            grep.command = ["-c", "grep -rls \"$0\" /bin /etc /workspace /tmp /runner.sh 2>/dev/null; echo done",
                            String(realKey.dropFirst(3))]
            grep.interactive = false
            _ = try await podman.createContainer(grep)
            let files = try await withCleanup({ try await podman.runAttached(grep.name, stdin: nil, timeout: .seconds(120)) },
                                              cleanup: { try? await podman.removeContainer(grep.name, force: true) })
            #expect(files.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "done", "\(files.stdout)")

            // At rest: a 0600 file; never in the daemon's logs.
            let file = d.dir + "/data/credential-proxy/mappings.json"
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(!d.daemon.stderr.contains(realKey) && !d.daemon.stdout.contains(realKey))

            // The host reaches the gateway address only while podman's bridge exists, i.e. while
            // some container runs on it: keep one running for the host-side checks below.
            var keeper = envSpec.make()
            keeper.name = Self.name("keeper")
            keeper.entrypoint = "/bin/sleep"
            keeper.command = ["300"]
            keeper.interactive = false
            let keeperName = keeper.name
            _ = try await podman.createContainer(keeper)
            defer { Task { try? await podman.removeContainer(keeperName, force: true) } }
            try await podman.startContainer(keeperName)

            // Streaming: chunk 1 arrives while the upstream still holds chunk 2.
            var request = HTTPClientRequest(url: "http://\(gateway):\(d.proxyPort)/anthropic/v1/stream")
            request.headers.add(name: "x-api-key", value: placeholder)
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
            #expect(response.status.code == 200)
            var chunks: [String] = []
            for try await buffer in response.body {
                chunks.append(String(buffer: buffer))
                if chunks.joined().contains("chunk-1"), !chunks.joined().contains("chunk-2") {
                    upstream.release.continuation.yield()
                }
            }
            #expect(chunks.joined() == "data: chunk-1\n\ndata: chunk-2\n\n")
            #expect(chunks.count >= 2)

            // Upstream down → 502.
            let deadPort = try TestPaths.freePort()
            _ = try await d.json("POST", "/credential-proxy/mappings", [
                "name": "dead", "upstreamUrl": "http://127.0.0.1:\(deadPort)", "credentialType": "bearer",
                "credential": realKey,
            ], expect: 201)
            let down = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://\(gateway):\(d.proxyPort)/dead/v1/x"), timeout: .seconds(60))
            #expect(down.status.code == 502)
            let downBody = String(buffer: try await down.body.collect(upTo: 1 << 16))
            #expect(!downBody.contains(realKey))
        }
        // stop / start / port
        let stopped = try await d.json("POST", "/credential-proxy/stop")
        #expect(stopped["running"] as? Bool == false)
        let newPort = try TestPaths.freePort()
        let moved = try await d.json("PUT", "/credential-proxy/port", ["port": newPort])
        #expect(moved["port"] as? Int == newPort && moved["running"] as? Bool == false)
        let started = try await d.json("POST", "/credential-proxy/start")
        #expect(started["running"] as? Bool == true)
        #expect(try await d.send("DELETE", "/credential-proxy/mappings/nope").status == 404)
        #expect(try await d.send("POST", "/credential-proxy/mappings", ["name": "x", "upstreamUrl": "ftp://a",
                                                                          "credentialType": "api_key", "credential": "k"]).status == 400)
    }

    @Test("IPC: follow-ups appear atomically and are consumed by a running agent; _close ends it; traversal refused")
    func ipc() async throws {
        let podman = try await Self.podman()
        let d = try await ContainerDaemon.start()
        defer { Task { await d.stop() } }
        let group = "ipcgroup"
        let made = try await d.json("POST", "/ipc/directories", ["group": group])
        let path = try #require(made["path"] as? String)
        #expect(made["created"] as? Bool == true)
        #expect(try await d.json("POST", "/ipc/directories", ["group": group])["created"] as? Bool == false)
        for sub in ["input", "messages", "tasks"] {
            #expect(FileManager.default.fileExists(atPath: path + "/" + sub))
        }
        // No active run yet: 409.
        let early = try await d.send("POST", "/ipc/follow-up", ["group": group, "text": "too early"])
        #expect(early.status == 409)
        #expect(try early.json()["code"] as? String == "conflict")

        for bad in ["..", "../x", "a/b", "-x", "a\u{0}b", "", "UPPER", String(repeating: "a", count: 65)] {
            for route in ["/ipc/directories", "/ipc/follow-up", "/ipc/close"] {
                let r = try await d.send("POST", route, ["group": bad, "text": "t"])
                #expect(r.status == 400, "\(route) \(bad.debugDescription) → \(r.status)")
                #expect(try r.json()["code"] as? String == "invalid_argument")
            }
        }
        let ipcRoot = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: ipcRoot) == [group])

        let spec = try Self.spec(d, group: group, ipc: path, gateway: nil)
        let result = try await Self.withAgent(podman, spec) { name in
            try await withThrowingTaskGroup(of: AttachedRun?.self) { tasks in
                tasks.addTask { try await podman.runAttached(name, stdin: Data("first".utf8), timeout: .seconds(120)) }
                tasks.addTask {
                    try await eventually("agent running", timeout: .seconds(60)) {
                        try await podman.inspectContainer(name)?.state == .running ? true : nil
                    }
                    let sent = try await d.json("POST", "/ipc/follow-up", ["group": group, "text": "second \"quoted\""])
                    #expect(sent["delivered"] as? Bool == true)
                    let file = try #require(sent["file"] as? String)
                    #expect(file.hasPrefix(path + "/input/") && file.hasSuffix(".json"))
                    // Consumed (deleted) by the agent's 500 ms poll.
                    try await eventually("follow-up consumed", timeout: .seconds(60)) {
                        FileManager.default.fileExists(atPath: file) ? nil : true
                    }
                    #expect(try FileManager.default.contentsOfDirectory(atPath: path + "/input").isEmpty)
                    let closed = try await d.json("POST", "/ipc/close", ["group": group])
                    #expect(closed["closed"] as? Bool == true)
                    return nil
                }
                var run: AttachedRun?
                for try await value in tasks { if let value { run = value } }
                return run!
            }
        }
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("received: first"))
        #expect(result.stdout.contains("received: second \"quoted\""), "\(result.stdout)")
        #expect(result.stderr.contains("_close received"))
        #expect(!FileManager.default.fileExists(atPath: path + "/input/_close"))
    }

    @Test("mount allowlist: persisted atomically, a bad one refused with the reason and the old one kept")
    func mountAllowlist() async throws {
        let d = try await ContainerDaemon.start()
        defer { Task { await d.stop() } }
        let root = MountSecurity.realPath(try TestPaths.makeTempDir("root"))!
        try FileManager.default.createDirectory(atPath: root + "/project", withIntermediateDirectories: true)
        let outside = MountSecurity.realPath(try TestPaths.makeTempDir("out"))!
        try FileManager.default.createSymbolicLink(atPath: root + "/escape", withDestinationPath: outside)

        let none = try await d.json("POST", "/mount/validate", ["hostPath": root + "/project", "containerPath": "p"])
        #expect(none["allowed"] as? Bool == false)
        let put = try await d.json("PUT", "/mount/allowlist", [
            "allowedRoots": [root, ["path": "/srv/none", "allowReadWrite": true]], "nonMainReadOnly": true,
        ])
        #expect((put["allowedRoots"] as? [[String: Any]])?.first?["allowReadWrite"] as? Bool == false)
        let bad = try await d.send("PUT", "/mount/allowlist", ["allowedRoots": ["relative"]])
        #expect(bad.status == 400)
        #expect(try bad.json()["error"] as? String ?? "" != "")
        let kept = try await d.json("GET", "/mount/allowlist")
        #expect((kept["allowedRoots"] as? [[String: Any]])?.count == 2)
        #expect(kept["configured"] as? Bool == true)
        let file = d.dir + "/mount-allowlist.json"
        #expect(try Wire.decode(MountAllowlist.self, from: Data(contentsOf: URL(fileURLWithPath: file))).allowedRoots.first?.path == root)

        let ok = try await d.json("POST", "/mount/validate", ["hostPath": root + "/project", "containerPath": "p",
                                                             "readOnly": false, "group": "main"])
        #expect(ok["allowed"] as? Bool == true)
        #expect(ok["readOnly"] as? Bool == true)
        #expect(ok["canonicalHostPath"] as? String == root + "/project")
        let escape = try await d.json("POST", "/mount/validate", ["hostPath": root + "/escape", "containerPath": "e"])
        #expect(escape["allowed"] as? Bool == false)
        #expect((escape["message"] as? String ?? "").contains("not under any allowed root"))
        #expect(try await d.send("POST", "/mount/validate", ["containerPath": "x"]).status == 400)
    }
}

extension ContainerSpec {
    func with(_ change: (inout ContainerSpec) -> Void) -> ContainerSpec {
        var copy = self
        change(&copy)
        return copy
    }
}
