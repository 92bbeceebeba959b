import ArgumentParser
import ClawClient
import Foundation

extension ClawctlCommand {
    struct Doctor: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the installation: socket, daemon, runtime, podman quirks, database, image, systemd unit.",
            discussion: "Each check prints ok, warn or fail with a hint. Exit 0 when nothing failed, 1 when a check "
                + "failed, 4 when the daemon cannot be reached.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            var checks: [DoctorCheck] = []
            let path = global.socketPath
            if let problem = ClawClient.diagnose(socket: path) {
                checks.append(.init("socket", .fail, problem))
            } else {
                checks.append(.init("socket", .ok, path))
            }
            var status: [String: Any]?
            var health: [String: Any]?
            var unreachable = false
            do {
                status = try await api.get("/admin/status").json()
                health = try await api.get("/v1/claw/health").json()
                checks.append(.init("daemon", .ok, "clawd \(Format.text(status?["version"])), up "
                    + Format.duration(seconds: (status?["uptimeSeconds"] as? NSNumber)?.int64Value ?? 0)))
            } catch {
                let (message, code) = ExitCodes.classify(error)
                unreachable = code == ExitCodes.unreachable
                checks.append(.init("daemon", .fail, message))
            }
            if let status {
                checks += Self.remoteChecks(status, health: health)
            }
            checks += DoctorLocal.checks(backend: (status?["runtime"] as? [String: String])?["backend"])
            if global.json {
                let obj: [String: Any] = ["checks": checks.map(\.json), "ok": !checks.contains { $0.level == .fail }]
                let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                let width = checks.map(\.name.count).max() ?? 0
                for c in checks {
                    let level = Terminal.status(c.level.rawValue) + String(repeating: " ", count: 5 - c.level.rawValue.count)
                    var line = "\(level)\(c.name)\(String(repeating: " ", count: width - c.name.count + 2))\(c.detail)"
                    if let hint = c.hint { line += Terminal.paint("  (\(hint))", .dim) }
                    print(line)
                }
            }
            if unreachable { throw ExitCode(ExitCodes.unreachable) }
            if checks.contains(where: { $0.level == .fail }) { throw ExitCode(ExitCodes.failed) }
        }

        /// What the daemon reports about its runtime, database and image.
        static func remoteChecks(_ status: [String: Any], health: [String: Any]?) -> [DoctorCheck] {
            var checks: [DoctorCheck] = []
            let runtime = status["runtime"] as? [String: String] ?? [:]
            let backend = runtime["backend"] ?? "none"
            if runtime["ok"] == "true" {
                checks.append(.init("runtime", .ok, "\(backend): \(runtime["detail"] ?? "")"))
            } else {
                checks.append(.init("runtime", .fail, "\(backend): \(runtime["detail"] ?? "not working")",
                                    hint: "install podman and runc (apt-get install podman runc), see clawctl doctor's podman checks"))
            }
            let checksByName = health?["checks"] as? [String: [String: Any]] ?? [:]
            let database = status["database"] as? [String: String] ?? [:]
            if let db = checksByName["database"], db["ok"] as? Bool == false {
                checks.append(.init("database", .fail, "\(db["detail"] ?? "")", hint: "check the data directory's owner and free space"))
            } else {
                let size = Int64(database["sizeBytes"] ?? "").map(Format.bytes) ?? "?"
                checks.append(.init("database", .ok, "\(database["path"] ?? "?") (\(size))"))
            }
            let image = runtime["image"] ?? "?"
            switch runtime["imagePresent"] {
            case "true": checks.append(.init("image", .ok, image))
            case "false": checks.append(.init("image", .fail, "\(image) is not present at \(backend)",
                                              hint: "build or load it, e.g. scripts/build-image --tag \(image)"))
            default: checks.append(.init("image", .warn, "\(image): presence unknown (no runtime)"))
            }
            return checks
        }
    }
}

/// One doctor line.
struct DoctorCheck {
    enum Level: String { case ok, warn, fail }
    var name: String
    var level: Level
    var detail: String
    var hint: String?
    init(_ name: String, _ level: Level, _ detail: String, hint: String? = nil) {
        self.name = name
        self.level = level
        self.detail = detail
        self.hint = hint
    }
    var json: [String: Any] {
        var o: [String: Any] = ["name": name, "status": level.rawValue, "detail": detail]
        o["hint"] = hint ?? NSNull()
        return o
    }
}
