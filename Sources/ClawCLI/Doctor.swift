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
                checks += DoctorCheck.daemonChecks(status, database: health?.checks?["database"])
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
    }
}

/// `clawctl doctor --json`.
struct DoctorReport: Encodable {
    var checks: [DoctorCheck]
    var ok: Bool
}
