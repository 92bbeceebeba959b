import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.InstanceCommand {
    struct InstanceList: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List instances, newest first (every org's unless --org).")
        @Option(help: "Only this org's instances.") var org: String?
        @Option(help: "Only instances with this status (e.g. RUNNING).") var status: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            let all = ["PENDING", "PROVISIONING", "RUNNING", "STOPPED", "FAILED", "DELETED"]
            if let status, !all.contains(status.uppercased()) {
                throw ValidationError("--status must be one of \(all.joined(separator: ", "))")
            }
        }

        func execute(_ api: API) async throws {
            let (reply, list) = try await api.answer("GET", "/v1/claw/instances", org: org, as: ClawInstanceListDTO.self)
            var instances = list.instances
            if let status {
                instances = instances.filter { $0.status == status.uppercased() }
                if global.json {
                    return Terminal.printJSON(ClawInstanceListDTO(instances: instances))
                }
            }
            if global.json { return print(reply.text) }
            InstanceOutput.table(instances).print()
        }
    }
}
