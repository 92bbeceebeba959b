import ArgumentParser
import ClawCore
import ClawWire
import Foundation

extension ClawctlCommand.ContainerCommand.ProxyCommand {
    struct MappingCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mapping", abstract: "Credential mappings: a name, an upstream URL and the real credential.",
            subcommands: [MappingAdd.self, MappingList.self, MappingRemove.self])
    }
}

extension ClawctlCommand.ContainerCommand.ProxyCommand.MappingCommand {
    struct MappingAdd: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a mapping; prints its id and the placeholder containers use.",
            discussion: """
                The credential is read from --credential-file (a file, or - for stdin; one trailing newline \
                is dropped), never from the command line where other users could see it.
                Example: clawctl container proxy mapping add --name anthropic --upstream https://api.anthropic.com \
                --type api_key --credential-file - < key.txt
                """)
        @Option(help: ArgumentHelp("The mapping's name, [a-z0-9][a-z0-9_-]{0,63}.", valueName: "name")) var name: String
        @Option(help: ArgumentHelp("The real API's base URL (http or https).", valueName: "url")) var upstream: String
        @Option(name: .customLong("type"), help: ArgumentHelp("How the credential is sent: api_key (x-api-key) or bearer.",
                                                              valueName: "api_key|bearer"))
        var credentialType: String
        @Option(help: ArgumentHelp("File holding the credential, or - for stdin.", valueName: "file")) var credentialFile: String
        @Option(name: .customLong("org"), help: ArgumentHelp(
            "Only runs of this org may use the mapping (repeatable; none: every org).", valueName: "org-id"))
        var orgs: [String] = []
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            for org in orgs where !org.hasPrefix("org_") || org.count > 64 {
                throw ValidationError("--org must be an org id (org_…)")
            }
            guard GroupName.isValid(name) else { throw ValidationError("--name must match [a-z0-9][a-z0-9_-]{0,63}") }
            guard let url = URLComponents(string: upstream), let scheme = url.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", url.host?.isEmpty == false,
                  url.user == nil, url.password == nil, url.query == nil, url.fragment == nil
            else {
                throw ValidationError("--upstream must be an http(s) URL with a host, without credentials, query or fragment")
            }
            guard ["api_key", "bearer"].contains(credentialType) else { throw ValidationError("--type must be api_key or bearer") }
            guard !credentialFile.isEmpty else { throw ValidationError("--credential-file must name a file or -") }
        }

        func execute(_ api: API) async throws {
            let credential = try ContainerArgs.readText(credentialFile, what: "credential", maxBytes: 8192)
            guard !credential.isEmpty, !credential.contains(where: { $0.isWhitespace || $0.isNewline }) else {
                throw CLIFailure.usage("the credential must be one non-empty word (no spaces or line breaks)")
            }
            let body = ContainerWire.ProxyMappingRequest(name: name, upstreamUrl: upstream, credentialType: credentialType,
                                                         credential: credential, orgIds: orgs.isEmpty ? nil : orgs)
            let (reply, m) = try await api.answer("POST", API.container("/credential-proxy/mappings"), body: body,
                                                  as: ContainerWire.ProxyMappingCreated.self)
            if global.json { return print(reply.text) }
            var f = Fields()
            f.add("id", m.id)
            f.add("name", m.name)
            f.add("placeholder", m.placeholder)
            f.add("orgs", m.orgIds.isEmpty ? "every org" : m.orgIds.joined(separator: ","))
            f.print()
        }
    }

    struct MappingList: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List mappings (never their credentials).",
            discussion: "--json prints the mappings array of GET /api/v1/container/credential-proxy/status.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (_, s) = try await api.answer("GET", API.container("/credential-proxy/status"), as: ContainerWire.ProxyStatus.self)
            if global.json { return print(String(decoding: try Wire.encode(s.mappings), as: UTF8.self)) }
            var table = Table("ID", "NAME", "TYPE", "UPSTREAM", "ORGS", "PLACEHOLDER", "CREATED")
            for m in s.mappings {
                table.add([m.id, m.name, m.credentialType, m.upstreamUrl, m.orgIds.isEmpty ? "*" : m.orgIds.joined(separator: ","),
                           m.placeholder, Format.time(m.createdAt)])
            }
            table.print()
        }
    }

    struct MappingRemove: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a mapping: its placeholder stops working.")
        @Argument(help: ArgumentHelp("The mapping's id (from mapping list).", valueName: "id")) var id: String
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard !id.isEmpty else { throw ValidationError("ID must not be empty") }
        }

        func execute(_ api: API) async throws {
            try await api.call("DELETE", API.container("/credential-proxy/mappings/\(API.segment(id))"))
            if global.json { return print(String(decoding: try Wire.encode(Removed(id: id)), as: UTF8.self)) }
            print("removed \(id)")
        }
    }
}

/// What `mapping rm --json` prints (the API answers 204 without a body).
struct Removed: Encodable {
    var removed = true
    var id: String
}
