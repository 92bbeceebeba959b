import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.InstanceCommand {
    struct InstanceRenew: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "renew", abstract: "Pay one more period from the owner's balance (restarts an expired instance).")
        @Argument(help: "The instance's id.") var id: String
        @Option(help: "The paying org (default: the instance's owner).") var org: String?
        @Option(help: "Switch to this tier for the new period: budget, balanced or pro.") var tier: String?
        @OptionGroup var wait: WaitOptions
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            var payer = org
            if payer == nil { payer = try await api.owner(ofInstance: id) }
            try await InstanceAction(api: api, global: global, wait: wait)
                .perform("/v1/claw/instances/\(API.segment(id))/renew", body: RenewInstanceRequest(tier: tier), charges: true,
                         org: payer, instanceID: id)
        }
    }
}
