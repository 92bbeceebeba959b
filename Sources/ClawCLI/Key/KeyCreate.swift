import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand.KeyCommand {
    struct KeyCreate: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create an API key; the secret is printed once and never again.")
        @Argument(help: "The org's id.") var orgID: String
        @Option(help: "A name to recognise the key by.") var name: String?
        @Option(help: "Key prefix, 1-16 chars of [a-z0-9_] starting with a letter or digit, e.g. oc_live_ (default claw).") var prefix: String?
        @Option(help: ArgumentHelp("Expiry, ISO-8601 with a zone, e.g. 2026-12-31T00:00:00Z.", valueName: "iso8601"))
        var expires: String?
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let body = CreateKeyRequest(name: name, prefix: prefix, expiresAt: expires)
            let (reply, key) = try await api.answer("POST", "/admin/orgs/\(API.segment(orgID))/keys", body: body,
                                                    as: KeyDTO.self)
            if global.json { return print(reply.text) }
            var f = Fields()
            f.add("id", Format.text(key.id))
            f.add("name", Format.text(key.name))
            f.add("expires", key.expiresAt.map { Format.time($0) } ?? "never")
            f.add("key", Format.text(key.key))
            f.print()
            Terminal.standardError("The key is shown only now: store it safely.")
        }
    }
}
