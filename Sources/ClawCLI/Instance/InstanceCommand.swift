import ArgumentParser
import ClawWire
import Foundation

extension ClawctlCommand {
    struct InstanceCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "instance", abstract: "Bot instances: one container and one volume each, paid per period.",
            discussion: """
                Statuses: PENDING → PROVISIONING → RUNNING; STOPPED (stopReason user, expired or quota); \
                FAILED and DELETED are final. --wait follows the action's operation to its end, showing \
                each status change with the elapsed time, and exits 1 when it fails.
                """,
            subcommands: [
                InstanceCreate.self, InstanceList.self, InstanceShow.self,
                InstanceStart.self, InstanceStop.self, InstanceRestart.self, InstanceRebuild.self, InstanceRenew.self,
                InstanceDelete.self, InstanceWait.self, InstanceLogs.self,
            ])
    }
}

/// `--wait` and its `--timeout`, shared by the instance actions.
struct WaitOptions: ParsableArguments {
    @Flag(help: "Wait until the action has finished, showing progress.") var wait = false
    @Option(help: ArgumentHelp("With --wait: give up after this many seconds (exit 1).", valueName: "seconds"))
    var timeout: Int = 300
}

enum InstanceOutput {
    static func table(_ instances: [ClawInstanceDTO]) -> Table {
        var table = Table("ID", "SUBDOMAIN", "STATUS", "HEALTH", "TIER", "PAID UNTIL", "URL")
        for i in instances {
            var status = i.status
            if let reason = i.stopReason { status += "(\(reason))" }
            table.add([Format.text(i.id), Format.text(i.subdomain), Terminal.status(status),
                       Format.text(i.healthStatus), Format.text(i.tier), Format.time(i.paidUntil), Format.text(i.url)])
        }
        return table
    }

    static func show(_ i: ClawInstanceDTO) {
        show(InstanceFields(id: i.id, subdomain: i.subdomain, status: i.status, stopReason: i.stopReason,
                            health: i.healthStatus, url: i.url, tier: i.tier, model: i.defaultModel,
                            hasIMConfig: i.hasIMConfig, paidUntil: i.paidUntil, deleteAfter: i.deleteAfter,
                            totalPaid: i.totalPaid, rebuildsLeftToday: i.rebuildsLeftToday, createdAt: i.createdAt,
                            operationId: i.operationId, diskBytes: i.diskBytes))
    }

    /// The answer of create and renew: what was charged.
    static func show(_ c: ClawChargeDTO) {
        show(InstanceFields(id: c.id, subdomain: c.subdomain, status: c.status, url: c.url, paidUntil: c.paidUntil,
                            charged: c.chargedAmount, operationId: c.operationId))
    }

    /// The lines of an instance answer; a field the answer lacks prints `-` or no line.
    struct InstanceFields {
        var id: String
        var subdomain: String
        var status: String
        var stopReason: String?
        var health: String?
        var url: String?
        var tier: String?
        var model: String?
        var hasIMConfig = false
        var paidUntil: String
        var deleteAfter: String?
        var totalPaid: Double?
        var charged: Double?
        var rebuildsLeftToday: Int?
        var createdAt: String?
        var operationId: String?
        /// The volume's last measured size (nil: not measured, or an answer without it).
        var diskBytes: Int64?
    }

    static func show(_ i: InstanceFields) {
        var f = Fields()
        f.add("id", Format.text(i.id))
        f.add("subdomain", Format.text(i.subdomain))
        var status = Terminal.status(Format.text(i.status))
        if let reason = i.stopReason { status += " (\(reason))" }
        f.add("status", status)
        f.add("health", Format.text(i.health))
        f.add("url", Format.text(i.url))
        f.add("tier", Format.text(i.tier))
        f.add("model", Format.text(i.model))
        f.add("im config", i.hasIMConfig ? "yes" : "no")
        f.add("paid until", Format.time(i.paidUntil))
        if let after = i.deleteAfter { f.add("delete after", Format.time(after)) }
        f.add("total paid", Format.dollars(i.totalPaid))
        if let charged = i.charged { f.add("charged", Format.dollars(charged)) }
        if let left = i.rebuildsLeftToday { f.add("rebuilds left", "\(left) today") }
        if let disk = i.diskBytes { f.add("disk", Format.bytes(disk)) }
        if let created = i.createdAt { f.add("created", Format.time(created)) }
        if let op = i.operationId { f.add("operation", op) }
        f.print()
    }
}

/// POST one lifecycle action, then print the answer, or follow it with `--wait`.
struct InstanceAction {
    var api: API
    var global: GlobalOptions
    var wait: WaitOptions

    /// `body` is sent as is (nil: no body); create and renew (`charges`) answer what was charged,
    /// the other actions the instance.
    func perform(_ path: String, method: String = "POST", body: some Encodable = EmptyRequest(), sendsBody: Bool = true,
                 charges: Bool = false, org: String? = nil, instanceID: String?) async throws {
        let json = sendsBody ? try Wire.encode(body) : nil
        let reply = try await api.send(method, path, json: json, org: org, timeout: .seconds(30), accept: [])
        let (id, operationID, status): (String, String?, String)
        if charges {
            let charge = try reply.decode(ClawChargeDTO.self)
            guard wait.wait else {
                if global.json { return print(reply.text) }
                return InstanceOutput.show(charge)
            }
            (id, operationID, status) = (charge.id, charge.operationId, charge.status)
        } else {
            let instance = try reply.decode(ClawInstanceDTO.self)
            guard wait.wait else {
                if global.json { return print(reply.text) }
                return InstanceOutput.show(instance)
            }
            (id, operationID, status) = (instance.id, instance.operationId, instance.status)
        }
        let progress = Progress(api: api, instanceID: instanceID ?? id, operationID: operationID,
                                timeout: .seconds(wait.timeout))
        let final = try await progress.run(initialStatus: status)
        if global.json { return print(final.text) }
        InstanceOutput.show(try final.decode(ClawInstanceDTO.self))
    }
}
