import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.ContainerCommand {
    struct ContainerRuns: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "runs", abstract: "Agent run history, newest first.",
            discussion: "--json prints the answer of GET /api/v1/container/run-history.")
        @OptionGroup var orgOption: ContainerOrgOption
        @Option(help: ArgumentHelp("Only this group's runs.", valueName: "group")) var group: String?
        @Option(help: ArgumentHelp("At most this many runs, 1-500 (default 50).", valueName: "n")) var limit: Int?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let group { try ContainerArgs.group(group) }
            try ContainerArgs.limit(limit, max: 500)
        }

        func execute(_ api: API) async throws {
            let path = API.container("/run-history") + API.query([("group", group), ("limit", limit.map(String.init))])
            let (reply, runs) = try await api.answer("GET", path, org: orgOption.org, as: [ContainerWire.Run].self)
            if global.json { return print(reply.text) }
            RunOutput.table(runs).print()
        }
    }
}

enum RunOutput {
    static func table(_ runs: [ContainerWire.Run]) -> Table {
        var table = Table("RUN", "GROUP", "KIND", "STATUS", "CREATED", "DURATION", "ERROR")
        for r in runs {
            table.add([Format.text(r.runId), Format.text(r.group), Format.text(r.kind), Terminal.status(Format.text(r.status)),
                       Format.time(r.createdAt), r.durationMs.map(seconds) ?? "-", short(r.error)])
        }
        return table
    }

    static func seconds(_ ms: Int64) -> String { String(format: "%.1fs", Double(ms) / 1000) }

    /// The first line of a value, at most 60 characters.
    static func short(_ value: String?) -> String {
        let line = Format.text(value).split(separator: "\n").first.map(String.init) ?? "-"
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }

    static func show(_ r: ContainerWire.Run) {
        var f = Fields()
        f.add("run", Format.text(r.runId))
        f.add("group", Format.text(r.group))
        f.add("kind", Format.text(r.kind))
        f.add("status", Terminal.status(Format.text(r.status)))
        f.add("attempt", "\(r.attempt)")
        f.add("created", Format.time(r.createdAt))
        f.add("started", Format.time(r.startedAt))
        f.add("finished", Format.time(r.finishedAt))
        if let ms = r.durationMs { f.add("duration", seconds(ms)) }
        if let error = r.error { f.add("error", Format.text(error)) }
        f.print()
        if let output = r.output, !output.isEmpty {
            print("")
            print(output)
        }
    }
}
