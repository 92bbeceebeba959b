import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand {
    struct ConsoleLink: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "console",
            abstract: "Print a one-time link that opens the web console as the host admin (valid 5 minutes, once).")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let reply = try await api.call("POST", "/admin/console/link")
            if global.json { return print(reply.text) }
            let link = try reply.decode(ConsoleLinkDTO.self)
            print(link.url)
            print("valid once, until \(Format.time(link.expiresAt))")
        }
    }
}
