import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand {
    struct OrgCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "org", abstract: "Organizations: own instances, API keys and a prepaid balance.",
            subcommands: [OrgCreate.self, OrgList.self, OrgShow.self, OrgCredit.self])
    }
}

extension ClawctlCommand.OrgCommand {
    /// One org as a table (list) or as fields (show/create/credit).
    static func table(_ orgs: [OrgDTO]) -> Table {
        var table = Table("ID", "NAME", "EMAIL", "BALANCE", "CREATED")
        for o in orgs {
            table.add([Format.text(o.id), Format.text(o.name), Format.text(o.email),
                       Format.cents(o.balanceCents), Format.time(o.createdAt)])
        }
        return table
    }

    static func show(_ o: OrgDTO) {
        var f = Fields()
        f.add("id", Format.text(o.id))
        f.add("name", Format.text(o.name))
        f.add("email", Format.text(o.email))
        f.add("balance", "\(Format.cents(o.balanceCents)) (\(o.balanceCents) cents)")
        f.add("created", Format.time(o.createdAt))
        f.print()
    }
}
