import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand {
    struct Reconcile: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a full reconcile now (runtime converged to the database) and show what changed.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let reply = try await api.call("POST", "/admin/reconcile", timeout: .seconds(300))
            if global.json { return print(reply.text) }
            let changed = try reply.decode(ReconcileDTO.self).changed.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            if changed.allSatisfy({ $0.1 == 0 }) {
                print("reconciled: nothing to change")
                return
            }
            var table = Table("CHANGE", "COUNT")
            for (k, v) in changed where v > 0 { table.add([k, "\(v)"]) }
            table.print()
        }
    }
}
