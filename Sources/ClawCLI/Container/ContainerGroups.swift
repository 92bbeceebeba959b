import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.ContainerCommand {
    struct ContainerGroups: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "groups", abstract: "List the groups (namespaces) agent runs belong to.",
            discussion: "--json prints the answer of GET /api/v1/container/namespaces.")
        @OptionGroup var orgOption: ContainerOrgOption
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, groups) = try await api.answer("GET", API.container("/namespaces"), org: orgOption.org,
                                                       as: [ContainerWire.Namespace].self)
            if global.json { return print(reply.text) }
            var table = Table("NAME", "MAIN", "CHATS", "DESCRIPTION", "CREATED")
            for g in groups {
                table.add([g.name, g.isMain ? "yes" : "no", g.chatJids.isEmpty ? "-" : g.chatJids.joined(separator: ","),
                           RunOutput.short(g.description), Format.time(g.createdAt)])
            }
            table.print()
        }
    }
}
