import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand {
    struct Events: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Show stored events (lifecycle, billing), and with --follow new ones as they happen.",
            discussion: "--json prints one event object per line (the SSE data).")
        @Option(help: "Only this org's events.") var org: String?
        @Option(help: ArgumentHelp("Only events after this event id.", valueName: "event-id")) var since: Int64?
        @Flag(name: .shortAndLong, help: "Keep running and print new events (Ctrl-C ends).") var follow = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let since, since < 0 { throw ValidationError("--since must be a non-negative event id") }
        }

        func execute(_ api: API) async throws {
            var headers: [(String, String)] = []
            if let org { headers.append(("X-Clawd-Org", org)) }
            let path = "/v1/events?since=\(since ?? 0)&follow=\(follow)"
            let reply = try await api.client.stream(path, headers: headers)
            guard reply.status == 200 else { throw API.failure(try await reply.collect()) }
            for try await line in reply.lines where line.hasPrefix("data: ") {
                let data = Data(line.dropFirst(6).utf8)
                if global.json {
                    Terminal.write(String(decoding: data, as: UTF8.self) + "\n")
                } else if let e = try? Wire.decode(EventDTO.self, from: data) {
                    Terminal.write(Self.human(e) + "\n")
                }
            }
        }

        /// `#12  2026-03-10 00:00:00Z  instance.running  cabc…  {"k":"v"}`
        static func human(_ e: EventDTO) -> String {
            let id = "#\(e.id)".padding(toLength: 7, withPad: " ", startingAt: 0)
            let type = Format.text(e.type).padding(toLength: 20, withPad: " ", startingAt: 0)
            var line = "\(id) \(Format.time(e.at))  \(Terminal.paint(type, .blue)) \(Format.text(e.instanceId))"
            if let data = e.data.object, !data.isEmpty {
                line += "  " + Terminal.json(e.data)
            }
            return line
        }
    }
}
