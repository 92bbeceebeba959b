import ClawClient
import ClawCore
import ClawRuntime
import ClawTestSupport
import ClawWire
import Foundation
import Testing

/// Two orgs, each with a running instance, against the built clawd and REAL podman and docker:
/// org A's container cannot open a TCP connection to B's container, to the credential proxy or
/// to clawd's API (listening on every address here, so only the firewall stands in the way),
/// while an agent run reaches the proxy with its token. The same after a restart (which puts
/// back firewall rules removed while clawd was down) and after an orphan cleanup (the network of
/// an org without instances goes, the one in use stays).
@Suite("Tenant isolation against real podman and docker", .serialized)
struct TenantIsolationE2ETests {
    /// Whether an HTTP request from inside `container` to `host:port` got an answer (every
    /// attempt bounded: busybox `nc -w` for the connect, `timeout` for the whole).
    static func reaches(_ cli: RuntimeCommandLine, from container: String, _ host: String, _ port: Int) async throws -> Bool {
        let script = "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | timeout 8 nc -w 3 \(host) \(port) 2>/dev/null | head -c 12"
        let r = try await cli.run(["exec", container, "/bin/sh", "-c", script], timeout: .seconds(30))
        return r.stdout.contains("HTTP/")
    }

    static func address(_ cli: RuntimeCommandLine, _ container: String) async throws -> String {
        try await cli.output(["inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The shell agent (runs its prompt as a script) built on `backend` from the local test image.
    static func shellAgent(_ backend: RuntimeTestBackend) async throws -> String {
        let tag = "localhost/clawd-test-net-agent:latest"
        let base = try await RuntimeTestImage.ensure(on: backend)
        let context = try TestPaths.makeTempDir("netagent")
        try "#!/bin/sh\nprompt=$(cat)\necho \"---NANOCLAW_OUTPUT_START---\"\neval \"$prompt\"\necho \"---NANOCLAW_OUTPUT_END---\"\n"
            .write(toFile: context + "/agent.sh", atomically: true, encoding: .utf8)
        try "FROM \(base)\nCOPY agent.sh /agent.sh\nENTRYPOINT [\"/bin/sh\", \"/agent.sh\"]\n"
            .write(toFile: context + "/Containerfile", atomically: true, encoding: .utf8)
        try await backend.makeRuntime().buildImage(tag: tag, contextDirectory: context, containerfile: context + "/Containerfile")
        return tag
    }

    @Test("A's container reaches neither B's container, the proxy nor clawd's API; a run reaches the proxy with its token; across a restart and an orphan cleanup",
          arguments: RuntimeTestBackend.all)
    func isolation(backend: RuntimeTestBackend) async throws {
        let agent = try await Self.shellAgent(backend)
        try await E2EInstall.with(on: backend) { install in
            let cli = install.cli
            let proxyPort = try TestPaths.freePort()
            let env = [
                "CLAWD_CREDENTIAL_PROXY_PORT": "\(proxyPort)", "CLAWD_CREDENTIAL_PROXY_AUTOSTART": "true",
                "CLAWD_AGENT_IMAGE": agent, "CLAWD_ORPHAN_GRACE_SECONDS": "0",
                "CLAWD_MOUNT_ALLOWLIST": install.dir + "/mount-allowlist.json",
            ]
            try await install.start(environment: env, listenHost: "0.0.0.0")
            let orgA = try await install.makeOrg("net-a", creditCents: 100_000)
            let orgB = try await install.makeOrg("net-b", creditCents: 100_000)
            func running(_ org: E2EOrg, _ subdomain: String) async throws -> String {
                let r = try await install.claw(org).create(subdomain)
                guard r.status == 201 || r.status == 202 else { throw DaemonProcessError("create → \(r.status) \(r.text)") }
                let id = try #require(try r.json()["id"] as? String, "\(r.text)")
                try await install.claw(org).waitStatus(id, "RUNNING")
                return id
            }
            let a = RuntimeNames.container(try await running(orgA, "neta\(UUID().uuidString.prefix(6).lowercased())"))
            let bID = try await running(orgB, "netb\(UUID().uuidString.prefix(6).lowercased())")
            let b = RuntimeNames.container(bID)

            // Each on its org's own network.
            let nets = try await install.runtime.listNetworks(labels: [RuntimeNames.installLabel: install.installID])
            #expect(Set(nets.map(\.name)).isSuperset(of: [RuntimeNames.orgNetwork(orgA.id), RuntimeNames.orgNetwork(orgB.id)]))
            let agents = try #require(try await install.runtime.inspectNetwork(name: RuntimeNames.agentsNetwork))
            let agentsGateway = try #require(agents.ipv4?.gateway)
            let aGateway = try #require(nets.first { $0.name == RuntimeNames.orgNetwork(orgA.id) }?.ipv4?.gateway)
            let status = try await install.daemon.admin.get("/api/v1/container/credential-proxy/status")
            #expect(try status.json()["bindHost"] as? String == agentsGateway, "\(status.text)")
            let admin = try await install.daemon.admin.get("/admin/status").decode(AdminStatus.self)
            #expect(admin.runtime["isolation"] == "on", "\(admin.runtime)")

            func checkIsolated(_ when: String) async throws {
                let aIP = try await Self.address(cli, a), bIP = try await Self.address(cli, b)
                // The probe works: A reaches itself, the host reaches clawd on A's gateway.
                #expect(try await Self.reaches(cli, from: a, aIP, 18789), "\(when): A to itself")
                let host = try await ClawClient(endpoint: .tcp(host: aGateway, port: install.daemon.port))
                    .request("GET", "/v1/claw/health")
                #expect(host.status == 200)
                #expect(try await !Self.reaches(cli, from: a, bIP, 18789), "\(when): A reached B")
                #expect(try await !Self.reaches(cli, from: a, agentsGateway, proxyPort), "\(when): A reached the proxy")
                #expect(try await !Self.reaches(cli, from: a, aGateway, proxyPort), "\(when): A reached the proxy via its gateway")
                #expect(try await !Self.reaches(cli, from: a, aGateway, install.daemon.port), "\(when): A reached clawd's API")
                #expect(try await !Self.reaches(cli, from: b, Self.address(cli, a), 18789), "\(when): B reached A")
            }
            func checkRun(_ when: String) async throws {
                let admin = install.daemon.admin
                let headers = [("X-Clawd-Org", orgA.id)]
                let group = "net\(UUID().uuidString.prefix(6).lowercased())"
                _ = try await admin.request("POST", "/api/v1/container/namespaces", headers: headers,
                                            json: try Wire.encode(JSONValue.object(["name": .string(group)])))
                let prompt = #"wget -q -O - "$CLAWD_PROXY_URL/nothing" 2>&1; echo; wget -q -O - "http://host.containers.internal:\#(proxyPort)/nothing" 2>&1; echo done"#
                let submitted = try await admin.request("POST", "/api/v1/container/runs", headers: headers, json: try Wire.encode(
                    JSONValue.object(["group": .string(group), "prompt": .string(prompt), "kind": .string("message"),
                                      "timeoutSecs": .int(120)])))
                #expect(submitted.status == 202, "\(submitted.text)")
                let runID = try #require(try submitted.json()["runId"] as? String)
                let run = try await eventually("\(when): run final", timeout: .seconds(120)) { () -> [String: Any]? in
                    let r = try await admin.request("GET", "/api/v1/container/runs/\(runID)", headers: headers).json()
                    return ["succeeded", "failed", "timeout"].contains(r["status"] as? String ?? "") ? r : nil
                }
                let output = run["output"] as? String ?? ""
                // With its token the run reaches the proxy ("no mapping", 404); without, 403.
                #expect(output.contains("404"), "\(when): \(run)")
                #expect(output.contains("403"), "\(when): \(run)")
            }
            try await checkIsolated("first start")
            try await checkRun("first start")

            // Restart: this install's rules removed while clawd is down come back at startup.
            install.daemon.signal(SIGTERM)
            _ = await install.daemon.waitExit(timeout: .seconds(30))
            try await IPTablesFirewall().prune(prefix: FirewallRules.tagPrefix(install: install.installID), keep: [])
            try await install.start(environment: env, listenHost: "0.0.0.0")
            try await eventually("A running again", timeout: .seconds(60)) {
                try await cli.output(["inspect", "--format", "{{.State.Running}}", a]).contains("true") ? true : nil
            }
            try await checkIsolated("after restart")
            try await checkRun("after restart")

            // Orphan cleanup: B's org has no instance left, so its network goes; A's stays.
            let deleted = try await install.claw(orgB).send("DELETE", "/v1/claw/instances/\(bID)")
            #expect(deleted.status < 300, "\(deleted.text)")
            try await install.claw(orgB).waitStatus(bID, "DELETED")
            try await eventually("B's network removed", timeout: .seconds(60)) { () -> Bool? in
                _ = try await install.daemon.admin.post("/admin/reconcile", EmptyRequest())
                return try await install.runtime.inspectNetwork(name: RuntimeNames.orgNetwork(orgB.id)) == nil ? true : nil
            }
            #expect(try await install.runtime.inspectNetwork(name: RuntimeNames.orgNetwork(orgA.id)) != nil)
            #expect(try await !Self.reaches(cli, from: a, agentsGateway, proxyPort), "after cleanup: A reached the proxy")
            #expect(try await !Self.reaches(cli, from: a, aGateway, install.daemon.port), "after cleanup: A reached clawd")
            try await checkRun("after cleanup")
        }
    }
}
