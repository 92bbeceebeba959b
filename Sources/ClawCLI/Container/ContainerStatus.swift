import ArgumentParser
import ClawClient
import Foundation

extension ClawctlCommand.ContainerCommand {
    struct ContainerStatus: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Show the agent-run side: runtime, queue, metrics, credential proxy.",
            discussion: """
                --json prints {"runtime", "queue", "metrics", "credentialProxy"}: the answers of GET \
                /api/v1/container/runtime, /queue/counts, /metrics and /credential-proxy/status, unchanged.
                """)
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            async let runtime = api.get(API.container("/runtime"))
            async let counts = api.get(API.container("/queue/counts"))
            async let metrics = api.get(API.container("/metrics"))
            async let proxy = api.get(API.container("/credential-proxy/status"))
            let (r, q, m, p) = try await (runtime.json(), counts.json(), metrics.json(), proxy.json())
            if global.json {
                return Terminal.printJSON(["runtime": r, "queue": q, "metrics": m, "credentialProxy": p])
            }
            var f = Fields()
            let available = (r["available"] as? Bool) == true
            f.add("runtime", available
                  ? "\(Format.text(r["backend"])) \(Format.text(r["version"])) (\(Terminal.status("ok")))"
                  : "\(Terminal.status("fail")): \(Format.text(r["message"]))")
            if available, let net = r["networking"] as? [String: Any] {
                f.add("host gateway", Format.text(net["hostGateway"]))
            }
            f.add("runs", "\(Format.text(q["active"])) active, \(Format.text(q["waiting"])) waiting groups, "
                  + "\(Format.text(q["pendingTasks"])) tasks and \(Format.text(q["pendingMessages"])) messages queued")
            f.add("max concurrent", Format.text(q["maxConcurrent"]))
            let byStatus = (m["runsByStatus"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }
            f.add("run history", byStatus.isEmpty ? "none"
                  : byStatus.map { "\(Terminal.status($0.key)) \(Format.text($0.value))" }.joined(separator: ", "))
            let memory = (m["memoryBytes"] as? NSNumber)?.int64Value ?? 0
            let cpu = (m["cpuPercent"] as? NSNumber)?.doubleValue ?? 0
            f.add("containers", "\(Format.text(m["containers"])) running, cpu \(String(format: "%.1f", cpu))%, "
                  + "memory \(Format.bytes(memory))")
            let running = (p["running"] as? Bool) == true
            let mappings = (p["mappings"] as? [Any])?.count ?? 0
            f.add("credential proxy", (running
                    ? "\(Terminal.status("running")) on \(Format.text(p["bindHost"])):\(Format.text(p["port"]))"
                    : "stopped (port \(Format.text(p["port"])))")
                  + ", \(mappings) mapping\(mappings == 1 ? "" : "s"), \(Format.text(p["requestsServed"])) requests served")
            f.print()
        }
    }

    struct ContainerMaxConcurrent: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "max-concurrent", abstract: "Show or set how many agent runs may run at once on this host.",
            discussion: "Lowering it never stops a running run; queued runs wait for a free slot.")
        @Argument(help: ArgumentHelp("The new limit, 1-256 (omit to show the current one).", valueName: "n"))
        var value: Int?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let value, !(1...256).contains(value) { throw ValidationError("N must be between 1 and 256") }
        }

        func execute(_ api: API) async throws {
            let path = API.container("/queue/max-concurrent")
            let (reply, answer) = if let value {
                try await api.object("PUT", path, body: ["maxConcurrent": value])
            } else {
                try await api.object("GET", path)
            }
            if global.json { return print(reply.text) }
            print("max concurrent: \(Format.text(answer["maxConcurrent"]))")
        }
    }
}
