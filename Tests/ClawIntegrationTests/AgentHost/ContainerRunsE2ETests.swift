import ClawClient
import ClawCore
import ClawRuntime
import ClawTestSupport
import Foundation
import Synchronization
import Testing

/// A clawd whose agent image runs its prompt as a shell script (results between the NanoClaw
/// markers), talking to REAL podman; requests go over the admin socket acting for one org.
struct RunsDaemon {
    static let agentImage = "localhost/clawd-test-shell-agent:latest"
    let daemon: DaemonProcess
    let dir: String
    let install: String
    let org: String

    static func podman() async throws -> any ContainerRuntime {
        try await RuntimeDetector.detect(mode: "podman", binary: nil, environment: ProcessInfo.processInfo.environment)
    }

    /// Builds the shell agent on top of the test image (offline: the base is local).
    static func ensureImage() async throws {
        let podman = try await podman()
        let base = ProcessInfo.processInfo.environment["CLAWD_TEST_IMAGE"] ?? "localhost/clawd-demo:latest"
        let context = try TestPaths.makeTempDir("agentctx")
        try """
            #!/bin/sh
            prompt=$(cat)
            echo "---NANOCLAW_OUTPUT_START---"
            eval "$prompt"
            rc=$?
            echo "---NANOCLAW_OUTPUT_END---"
            exit $rc
            """.write(toFile: context + "/agent.sh", atomically: true, encoding: .utf8)
        try "FROM \(base)\nCOPY agent.sh /agent.sh\nENTRYPOINT [\"/bin/sh\", \"/agent.sh\"]\n"
            .write(toFile: context + "/Containerfile", atomically: true, encoding: .utf8)
        try await podman.buildImage(tag: agentImage, contextDirectory: context, containerfile: context + "/Containerfile")
    }

    /// A started clawd for `body`, cleaned up (stopped, agent containers removed) however it ends;
    /// `body` may replace it with a restarted one (`d = try await RunsDaemon.start(dir: d.dir, …)`).
    static func with(env: [String: String] = [:], _ body: (inout RunsDaemon) async throws -> Void) async throws {
        var d = try await start(env: env)
        try await withCleanup({ try await body(&d) }, cleanup: { await d.cleanup() })
    }

    /// The daemon's database file (for a test that changes what a stopped clawd will find).
    var databasePath: String { dir + "/data/clawd.sqlite" }

    /// Starts clawd (again, when `dir`/`install`/`org` come from an earlier start).
    static func start(dir: String? = nil, install: String? = nil, org: String? = nil,
                      env: [String: String] = [:]) async throws -> RunsDaemon {
        let dir = try dir ?? TestPaths.makeTempDir("runs")
        let install = install ?? "rtest-" + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(8))
        var environment = [
            "CLAWD_AGENT_IMAGE": agentImage, "CLAWD_CREDENTIAL_PROXY_AUTOSTART": "false",
            "CLAWD_CREDENTIAL_PROXY_PORT": "\(try TestPaths.freePort())", "CLAWD_CONTAINER_STOP_GRACE_SECONDS": "1",
            "CLAWD_MOUNT_ALLOWLIST": dir + "/mount-allowlist.json", "CLAWD_NETWORK_ISOLATION": "true",
        ]
        for (k, v) in env { environment[k] = v }
        let daemon = try DaemonProcess(arguments: ["--install-id", install], environment: environment, dir: dir)
        try await daemon.waitReady()
        var orgID = org
        if orgID == nil {
            let created = try await daemon.admin.post("/admin/orgs", ["name": "runs-\(install)"])
            orgID = try created.json()["id"] as? String
        }
        return RunsDaemon(daemon: daemon, dir: dir, install: install, org: try #require(orgID))
    }

    func send(_ method: String, _ path: String, _ body: Any? = nil) async throws -> ClawClient.Reply {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await daemon.admin.request(method, "/api/v1/container" + path, headers: [("X-Clawd-Org", org)], json: data)
    }

    func object(_ method: String, _ path: String, _ body: Any? = nil, expect: Int = 200) async throws -> [String: Any] {
        let r = try await send(method, path, body)
        guard r.status == expect else { throw DaemonProcessError("\(method) \(path) → \(r.status) \(r.text)") }
        return try r.json()
    }

    func list(_ path: String) async throws -> [[String: Any]] {
        let r = try await send("GET", path)
        guard r.status == 200 else { throw DaemonProcessError("GET \(path) → \(r.status) \(r.text)") }
        return try JSONSerialization.jsonObject(with: Data(r.text.utf8)) as? [[String: Any]] ?? []
    }

    func group(_ name: String) async throws {
        _ = try await object("POST", "/namespaces", ["name": name], expect: 201)
    }

    func submit(_ group: String, _ prompt: String, kind: String = "message", timeout: Int? = nil) async throws -> String {
        var body: [String: Any] = ["group": group, "prompt": prompt, "kind": kind]
        if let timeout { body["timeoutSecs"] = timeout }
        return try #require(try await object("POST", "/runs", body, expect: 202)["runId"] as? String)
    }

    func run(_ id: String) async throws -> [String: Any] { try await object("GET", "/runs/\(id)") }

    /// Waits until every run has a final status; answers them by id.
    func waitFinal(_ ids: [String], timeout: Duration = .seconds(120)) async throws -> [String: [String: Any]] {
        try await eventually("runs final", timeout: timeout) {
            var out: [String: [String: Any]] = [:]
            for id in ids {
                let r = try await run(id)
                guard ["succeeded", "failed", "timeout"].contains(r["status"] as? String ?? "") else { return nil }
                out[id] = r
            }
            return out
        }
    }

    /// Agent containers of this install the runtime reports (running only when asked).
    func agentContainers(runningOnly: Bool = false) async throws -> [ContainerInfo] {
        let all = try await Self.podman().listContainers(labels: [RuntimeNames.agentInstallLabel: install])
        return runningOnly ? all.filter { $0.state == .running } : all
    }

    func stop() async {
        daemon.signal(SIGTERM)
        _ = await daemon.waitExit(timeout: .seconds(30))
    }

    /// Stops clawd and removes whatever agent container is left (the test asserts before this).
    func cleanup() async {
        await stop()
        if let podman = try? await Self.podman() {
            for c in (try? await podman.listContainers(labels: [RuntimeNames.agentInstallLabel: install])) ?? [] {
                try? await podman.removeContainer(c.id, force: true)
            }
            _ = await TestNetworks.cleanup(runtime: podman, installID: install)
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    var startedAt: Timestamp? { (self["startedAt"] as? String).flatMap { Timestamp(iso8601: $0) } }
    var finishedAt: Timestamp? { (self["finishedAt"] as? String).flatMap { Timestamp(iso8601: $0) } }
}
