import ArgumentParser
import ClawClient
import Foundation

/// Options every subcommand takes (before or after the subcommand's name).
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("clawd's Unix socket (default $CLAWD_SOCKET or /run/clawd/clawd.sock).",
                               valueName: "path"))
    var socket: String?

    @Flag(help: "Print the API's JSON answer unchanged.")
    var json = false

    static let defaultSocket = "/run/clawd/clawd.sock"

    var socketPath: String {
        if let socket { return socket }
        if let env = ProcessInfo.processInfo.environment["CLAWD_SOCKET"], !env.isEmpty { return env }
        return Self.defaultSocket
    }

    var api: API { API(client: ClawClient(endpoint: .unix(path: socketPath), http: .failFast)) }
}
