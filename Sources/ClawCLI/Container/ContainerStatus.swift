import ArgumentParser
import ClawClient
import ClawWire
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
            async let runtime = api.answer("GET", API.container("/runtime"), as: ContainerWire.RuntimeStatus.self)
            async let counts = api.answer("GET", API.container("/queue/counts"), as: ContainerWire.QueueCounts.self)
            async let metrics = api.answer("GET", API.container("/metrics"), as: ContainerWire.Metrics.self)
            async let proxy = api.answer("GET", API.container("/credential-proxy/status"), as: ContainerWire.ProxyStatus.self)
            let (r, q, m, p) = try await (runtime.1, counts.1, metrics.1, proxy.1)
            if global.json {
                return print(String(decoding: try Wire.encode(Overview(runtime: r, queue: q, metrics: m, credentialProxy: p)),
                                    as: UTF8.self))
            }
            var f = Fields()
            f.add("runtime", r.available
                  ? "\(Format.text(r.backend)) \(Format.text(r.version)) (\(Terminal.status("ok")))"
                  : "\(Terminal.status("fail")): \(Format.text(r.message))")
            if r.available { f.add("host gateway", Format.text(r.networking.hostGateway)) }
            f.add("runs", "\(q.active) active, \(q.waiting) waiting groups, "
                  + "\(q.pendingTasks) tasks and \(q.pendingMessages) messages queued")
            f.add("max concurrent", "\(q.maxConcurrent)")
            let byStatus = m.runsByStatus.sorted { $0.key < $1.key }
            f.add("run history", byStatus.isEmpty ? "none"
                  : byStatus.map { "\(Terminal.status($0.key)) \($0.value)" }.joined(separator: ", "))
            f.add("containers", "\(m.containers) running, cpu \(String(format: "%.1f", m.cpuPercent))%, "
                  + "memory \(Format.bytes(m.memoryBytes))")
            let mappings = p.mappings.count
            f.add("credential proxy", (p.running
                    ? "\(Terminal.status("running")) on \(Format.text(p.bindHost)):\(p.port)"
                    : "stopped (port \(p.port))")
                  + ", \(mappings) mapping\(mappings == 1 ? "" : "s"), \(p.requestsServed) requests served")
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
                try await api.answer("PUT", path, body: ContainerWire.MaxConcurrent(maxConcurrent: value),
                                     as: ContainerWire.MaxConcurrent.self)
            } else {
                try await api.answer("GET", path, as: ContainerWire.MaxConcurrent.self)
            }
            if global.json { return print(reply.text) }
            print("max concurrent: \(answer.maxConcurrent)")
        }
    }
}

/// `container status --json`: the four answers, unchanged, under one object.
struct Overview: Encodable {
    var runtime: ContainerWire.RuntimeStatus
    var queue: ContainerWire.QueueCounts
    var metrics: ContainerWire.Metrics
    var credentialProxy: ContainerWire.ProxyStatus
}
