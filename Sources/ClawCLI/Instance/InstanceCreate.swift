import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.InstanceCommand {
    struct InstanceCreate: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create an instance for an org and charge its first period.",
            discussion: "With --wait, waits until the instance is RUNNING (or FAILED: exit 1) and prints it.")
        @Option(help: "The org that owns and pays for it.") var org: String
        @Option(help: "3-32 chars of [a-z0-9-], unique among live instances.") var subdomain: String
        @Option(help: "Default model, e.g. claude-opus-4-6.") var model: String?
        @Option(help: "budget, balanced (default) or pro.") var tier: String?
        @Option(help: ArgumentHelp("The instance's image instead of the configured one (admin only).", valueName: "image"))
        var image: String?
        @OptionGroup var wait: WaitOptions
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let body = CreateInstanceRequest(subdomain: subdomain, defaultModel: model, tier: tier, image: image)
            try await InstanceAction(api: api, global: global, wait: wait)
                .perform("/v1/claw/instances", body: body, charges: true, org: org, instanceID: nil)
        }
    }
}
