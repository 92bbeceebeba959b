import ArgumentParser
import Foundation

extension ClawctlCommand {
    struct KeyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key", abstract: "API keys of an org for the HTTP API (Authorization: Bearer <key>).",
            subcommands: [KeyCreate.self, KeyList.self, KeyRevoke.self])
    }
}
