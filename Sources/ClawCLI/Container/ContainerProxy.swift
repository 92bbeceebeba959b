import ArgumentParser
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

        static func show(_ s: [String: Any]) {
            var f = Fields()
            let running = (s["running"] as? Bool) == true
            f.add("running", running ? Terminal.status("running") : "no")
            f.add("listen", "\(Format.text(s["bindHost"])):\(Format.text(s["port"]))")
            f.add("mappings", "\((s["mappings"] as? [Any])?.count ?? 0)")
            f.add("requests served", Format.text(s["requestsServed"]))
            f.print()
        }
    }
}

extension ClawctlCommand.ContainerCommand.ProxyCommand {
    struct ProxyStatus: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show whether the proxy runs, and where.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, s) = try await api.object("GET", API.container("/credential-proxy/status"))
            if global.json { return print(reply.text) }
            ClawctlCommand.ContainerCommand.ProxyCommand.show(s)
        }
    }

    struct ProxyStart: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start the proxy.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, s) = try await api.object("POST", API.container("/credential-proxy/start"))
            if global.json { return print(reply.text) }
            ClawctlCommand.ContainerCommand.ProxyCommand.show(s)
        }
    }

    struct ProxyStop: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the proxy.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, s) = try await api.object("POST", API.container("/credential-proxy/stop"))
            if global.json { return print(reply.text) }
            ClawctlCommand.ContainerCommand.ProxyCommand.show(s)
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
            let (reply, s) = try await api.object("PUT", API.container("/credential-proxy/port"), body: ["port": port])
            if global.json { return print(reply.text) }
            ClawctlCommand.ContainerCommand.ProxyCommand.show(s)
        }
    }
}
