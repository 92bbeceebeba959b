import ArgumentParser
import ClawClient
import ClawWire
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
            var status: AdminStatus?
            var health: ClawHealthDTO?
            var unreachable = false
            do {
                let (_, s) = try await api.answer("GET", "/admin/status", as: AdminStatus.self)
                status = s
                health = try await api.answer("GET", "/v1/claw/health", as: ClawHealthDTO.self).1
                checks.append(.init("daemon", .ok, "clawd \(Format.text(s.version)), up " + Format.duration(seconds: s.uptimeSeconds)))
            } catch {
                let (message, code) = ExitCodes.classify(error)
                unreachable = code == ExitCodes.unreachable
                checks.append(.init("daemon", .fail, message))
            }
            if let status {
                checks += Self.remoteChecks(status, health: health)
            }
            checks += DoctorLocal.checks(backend: status?.runtime["backend"])
            if global.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let report = DoctorReport(checks: checks, ok: !checks.contains { $0.level == .fail })
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
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
        static func remoteChecks(_ status: AdminStatus, health: ClawHealthDTO?) -> [DoctorCheck] {
            var checks: [DoctorCheck] = []
            let runtime = status.runtime
            let backend = runtime["backend"] ?? "none"
            if runtime["ok"] == "true" {
                checks.append(.init("runtime", .ok, "\(backend): \(runtime["detail"] ?? "")"))
            } else {
                checks.append(.init("runtime", .fail, "\(backend): \(runtime["detail"] ?? "not working")",
                                    hint: "install podman and runc (apt-get install podman runc), see clawctl doctor's podman checks"))
            }
            let database = status.database
            if let db = health?.checks?["database"], !db.ok {
                checks.append(.init("database", .fail, db.detail, hint: "check the data directory's owner and free space"))
            } else {
                let size = Int64(database["sizeBytes"] ?? "").map(Format.bytes) ?? "?"
                checks.append(.init("database", .ok, "\(database["path"] ?? "?") (\(size))"))
            }
            if let check = isolationCheck(runtime) { checks.append(check) }
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

/// `clawctl doctor --json`.
struct DoctorReport: Encodable {
    var checks: [DoctorCheck]
    var ok: Bool
}

/// One doctor line.
struct DoctorCheck: Encodable {
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

    enum CodingKeys: String, CodingKey { case name, status, detail, hint }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(level.rawValue, forKey: .status)
        try c.encode(detail, forKey: .detail)
        try c.encode(hint, forKey: .hint)
    }
}
