import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand {
    struct Status: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the daemon: version, uptime, runtime, instance counts, next deadline.",
            discussion: "--json prints the answer of GET /admin/status.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let reply = try await api.get("/admin/status")
            if global.json { return print(reply.text) }
            let s = try reply.decode(AdminStatus.self)
            let runtime = s.runtime, database = s.database
            let counts = s.instancesByStatus.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            var f = Fields()
            f.add("version", Format.text(s.version))
            f.add("uptime", Format.duration(seconds: s.uptimeSeconds))
            let runtimeOK = runtime["ok"] == "true"
            f.add("runtime", "\(runtime["backend"] ?? "none") (\(Terminal.status(runtimeOK ? "ok" : "fail")): "
                  + "\(runtime["detail"] ?? "-"))")
            if let isolation = runtime["isolation"] {
                f.add("isolation", "\(isolation) (\(runtime["isolationDetail"] ?? "-"))")
            }
            let size = Int64(database["sizeBytes"] ?? "").map(Format.bytes) ?? "-"
            f.add("database", "\(database["path"] ?? "-") (\(size))")
            f.add("instances", counts.isEmpty ? "none"
                  : counts.map { "\(Terminal.status($0.key)) \($0.value)" }.joined(separator: ", "))
            f.add("timers", "\(s.timersArmed) armed")
            if let next = s.nextDeadline {
                f.add("next deadline", "\(Format.time(next["at"])) \(next["kind"] ?? "?") of \(next["instanceId"] ?? "?")")
            } else {
                f.add("next deadline", "none")
            }
            f.print()
        }
    }
}
