import ArgumentParser
import Foundation

extension ClawctlCommand {
    struct InstanceCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "instance", abstract: "Bot instances: one container and one volume each, paid per period.",
            discussion: """
                Statuses: PENDING → PROVISIONING → RUNNING; STOPPED (stopReason user or expired); \
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
    static func table(_ instances: [[String: Any]]) -> Table {
        var table = Table("ID", "SUBDOMAIN", "STATUS", "HEALTH", "TIER", "PAID UNTIL", "URL")
        for i in instances {
            var status = Format.text(i["status"])
            if let reason = i["stopReason"] as? String { status += "(\(reason))" }
            table.add([Format.text(i["id"]), Format.text(i["subdomain"]), Terminal.status(status),
                       Format.text(i["healthStatus"]), Format.text(i["tier"]), Format.time(i["paidUntil"]),
                       Format.text(i["url"])])
        }
        return table
    }

    static func show(_ i: [String: Any]) {
        var f = Fields()
        f.add("id", Format.text(i["id"]))
        f.add("subdomain", Format.text(i["subdomain"]))
        var status = Terminal.status(Format.text(i["status"]))
        if let reason = i["stopReason"] as? String { status += " (\(reason))" }
        f.add("status", status)
        f.add("health", Format.text(i["healthStatus"]))
        f.add("url", Format.text(i["url"]))
        f.add("tier", Format.text(i["tier"]))
        f.add("model", Format.text(i["defaultModel"]))
        f.add("im config", (i["hasIMConfig"] as? Bool) == true ? "yes" : "no")
        f.add("paid until", Format.time(i["paidUntil"]))
        if i["deleteAfter"] is String { f.add("delete after", Format.time(i["deleteAfter"])) }
        f.add("total paid", Format.dollars(i["totalPaid"]))
        if let charged = i["chargedAmount"] { f.add("charged", Format.dollars(charged)) }
        if let left = i["rebuildsLeftToday"] { f.add("rebuilds left", Format.text(left) + " today") }
        if i["createdAt"] != nil { f.add("created", Format.time(i["createdAt"])) }
        if let op = i["operationId"] as? String { f.add("operation", op) }
        f.print()
    }
}

/// POST one lifecycle action, then print the answer, or follow it with `--wait`.
struct InstanceAction {
    var api: API
    var global: GlobalOptions
    var wait: WaitOptions

    func perform(_ path: String, method: String = "POST", body: [String: Any]? = [:], org: String? = nil,
                 instanceID: String?) async throws {
        let (reply, answer) = try await api.object(method, path, body: body, org: org)
        guard wait.wait else {
            if global.json { return print(reply.text) }
            return InstanceOutput.show(answer)
        }
        let id = instanceID ?? (answer["id"] as? String ?? "")
        let progress = Progress(api: api, instanceID: id, operationID: answer["operationId"] as? String,
                                timeout: .seconds(wait.timeout))
        let final = try await progress.run(initialStatus: answer["status"] as? String)
        if global.json { return print(final.text) }
        InstanceOutput.show(try final.json())
    }
}
