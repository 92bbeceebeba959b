import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.ContainerCommand {
    struct ProxyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "proxy", abstract: "The credential proxy: containers call it, it adds the real API key.",
            discussion: """
                A container sees only a mapping's placeholder; the proxy swaps it for the real credential. \
                Credentials are never printed, and are read from a file or stdin, never from the command line.
                """,
            subcommands: [ProxyStatus.self, ProxyStart.self, ProxyStop.self, ProxyPort.self, MappingCommand.self])

        static func show(_ s: ContainerWire.ProxyStatus) {
            var f = Fields()
            f.add("running", s.running ? Terminal.status("running") : "no")
            f.add("listen", "\(Format.text(s.bindHost)):\(s.port)")
            f.add("mappings", "\(s.mappings.count)")
            f.add("requests served", "\(s.requestsServed)")
            f.print()
        }

        /// Sends a proxy command and shows the status it answers.
        static func send(_ api: API, _ method: String, _ path: String, body: (any Encodable & Sendable)? = nil,
                         json: Bool) async throws {
            let (reply, s) = if let body {
                try await api.answer(method, API.container(path), body: body, as: ContainerWire.ProxyStatus.self)
            } else {
                try await api.answer(method, API.container(path), as: ContainerWire.ProxyStatus.self)
            }
            if json { return print(reply.text) }
            show(s)
        }
    }
}

extension ClawctlCommand.ContainerCommand.ProxyCommand {
    struct ProxyStatus: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show whether the proxy runs, and where.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            try await ClawctlCommand.ContainerCommand.ProxyCommand.send(api, "GET", "/credential-proxy/status", json: global.json)
        }
    }

    struct ProxyStart: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start the proxy.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            try await ClawctlCommand.ContainerCommand.ProxyCommand.send(api, "POST", "/credential-proxy/start", json: global.json)
        }
    }

    struct ProxyStop: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the proxy.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            try await ClawctlCommand.ContainerCommand.ProxyCommand.send(api, "POST", "/credential-proxy/stop", json: global.json)
        }
    }

    struct ProxyPort: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "port", abstract: "Move the proxy to another port (restarts it if it runs).")
        @Argument(help: ArgumentHelp("The TCP port, 1024-65535.", valueName: "port")) var port: Int
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (1024...65535).contains(port) else { throw ValidationError("PORT must be between 1024 and 65535") }
        }

        func execute(_ api: API) async throws {
            try await ClawctlCommand.ContainerCommand.ProxyCommand.send(
                api, "PUT", "/credential-proxy/port", body: ContainerWire.ProxyPortRequest(port: port), json: global.json)
        }
    }
}
