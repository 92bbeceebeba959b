import ArgumentParser
import ClawCore
import ClawWire
import Foundation

extension ClawctlCommand.ContainerCommand {
    struct ContainerAuditLog: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "audit", abstract: "The container API's audit log: changes, mount decisions, refusals.",
            discussion: """
                --since takes an ISO-8601 time with a zone (2026-03-10T00:00:00Z) or an age such as 30m, \
                12h or 7d. --json prints the answer of GET /api/v1/container/audit-log.
                """)
        @OptionGroup var orgOption: ContainerOrgOption
        @Option(help: ArgumentHelp("Only entries at or after this time.", valueName: "time|age")) var since: String?
        @Option(help: ArgumentHelp("At most this many entries, 1-1000 (default 100).", valueName: "n")) var limit: Int?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try ContainerArgs.limit(limit, max: 1000)
            if let since, Self.sinceTime(since, now: .now()) == nil {
                throw ValidationError("--since must be an ISO-8601 time with a zone or an age such as 30m, 12h, 7d")
            }
        }

        /// An ISO-8601 time, or `now` minus an age `<n>s|m|h|d`.
        static func sinceTime(_ text: String, now: Timestamp) -> Timestamp? {
            if let t = Timestamp(iso8601: text) { return t }
            guard let unit = text.last, let n = Int64(text.dropLast()), n >= 0, n <= 100 * 365 * 86_400 else { return nil }
            let seconds: Int64? = switch unit {
            case "s": n
            case "m": n * 60
            case "h": n * 3600
            case "d": n * 86_400
            default: nil
            }
            return seconds.map { now.adding(seconds: -$0) }
        }

        func execute(_ api: API) async throws {
            let sinceISO = since.flatMap { Self.sinceTime($0, now: .now()) }.map(\.iso8601)
            let path = API.container("/audit-log") + API.query([("since", sinceISO), ("limit", limit.map(String.init))])
            let (reply, entries) = try await api.answer("GET", path, org: orgOption.org, as: [ContainerWire.AuditLogEntry].self)
            if global.json { return print(reply.text) }
            var table = Table("AT", "ACTOR", "ACTION", "TARGET", "OUTCOME", "DETAIL")
            for e in entries {
                let outcome = Format.text(e.outcome)
                let painted = ["ok", "allowed"].contains(outcome) ? Terminal.paint(outcome, .green)
                    : ["refused", "denied", "forbidden"].contains(outcome) ? Terminal.paint(outcome, .red) : outcome
                table.add([Format.time(e.at), Format.text(e.actor), Format.text(e.action), Format.text(e.target),
                           painted, RunOutput.short(e.detail)])
            }
            table.print()
        }
    }
}
