import ArgumentParser
import Foundation

extension ClawctlCommand.ContainerCommand {
    struct ContainerGroups: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "groups", abstract: "List the groups (namespaces) agent runs belong to.",
            discussion: "--json prints the answer of GET /api/v1/container/namespaces.")
        @OptionGroup var orgOption: ContainerOrgOption
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, groups) = try await api.array(API.container("/namespaces"), org: orgOption.org)
            if global.json { return print(reply.text) }
            var table = Table("NAME", "MAIN", "CHATS", "DESCRIPTION", "CREATED")
            for g in groups {
                let chats = (g["chatJids"] as? [String]) ?? []
                table.add([Format.text(g["name"]), (g["isMain"] as? Bool) == true ? "yes" : "no",
                           chats.isEmpty ? "-" : chats.joined(separator: ","), RunOutput.short(g["description"]),
                           Format.time(g["createdAt"])])
            }
            table.print()
        }
    }
}
