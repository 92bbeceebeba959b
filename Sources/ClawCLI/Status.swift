import ArgumentParser
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
            let s = try reply.json()
            let runtime = s["runtime"] as? [String: String] ?? [:]
            let database = s["database"] as? [String: String] ?? [:]
            let counts = (s["instancesByStatus"] as? [String: Any] ?? [:])
                .compactMap { k, v in (v as? NSNumber).map { (k, $0.intValue) } }
                .filter { $0.1 > 0 }.sorted { $0.0 < $1.0 }
            var f = Fields()
            f.add("version", Format.text(s["version"]))
            f.add("uptime", Format.duration(seconds: (s["uptimeSeconds"] as? NSNumber)?.int64Value ?? 0))
            let runtimeOK = runtime["ok"] == "true"
            f.add("runtime", "\(runtime["backend"] ?? "none") (\(Terminal.status(runtimeOK ? "ok" : "fail")): "
                  + "\(runtime["detail"] ?? "-"))")
            let size = Int64(database["sizeBytes"] ?? "").map(Format.bytes) ?? "-"
            f.add("database", "\(database["path"] ?? "-") (\(size))")
            f.add("instances", counts.isEmpty ? "none"
                  : counts.map { "\(Terminal.status($0.0)) \($0.1)" }.joined(separator: ", "))
            f.add("timers", "\(Format.text(s["timersArmed"])) armed")
            if let next = s["nextDeadline"] as? [String: String] {
                f.add("next deadline", "\(Format.time(next["at"])) \(next["kind"] ?? "?") of \(next["instanceId"] ?? "?")")
            } else {
                f.add("next deadline", "none")
            }
            f.print()
        }
    }
}
