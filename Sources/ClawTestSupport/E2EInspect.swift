import ClawCore
import ClawRuntime
import Foundation

/// Looking at what clawd did from the outside: the podman CLI and the SQLite file itself.
extension E2EInstall {
    public static func containerName(_ instanceID: String) -> String { RuntimeNames.container(instanceID) }
    public static func volumeName(_ instanceID: String) -> String { RuntimeNames.volume(instanceID) }

    /// `podman <args>`; throws with podman's stderr on a non-zero exit.
    @discardableResult
    public func podman(_ args: [String]) async throws -> String {
        let r = try await cli.run(args, timeout: .seconds(120))
        guard r.succeeded else { throw DaemonProcessError("podman \(args.joined(separator: " ")) failed: \(r.diagnosticTail())") }
        return r.stdout
    }

    /// Containers carrying this install's label (and `instance`'s, when given).
    public func containers(instance: String? = nil) async throws -> [ContainerInfo] {
        var labels = [RuntimeNames.installLabel: installID]
        if let instance { labels[RuntimeNames.instanceLabel] = instance }
        return try await runtime.listContainers(labels: labels)
    }

    /// Volumes carrying this install's label (and `instance`'s, when given).
    public func volumes(instance: String? = nil) async throws -> [VolumeInfo] {
        var labels = [RuntimeNames.installLabel: installID]
        if let instance { labels[RuntimeNames.instanceLabel] = instance }
        return try await runtime.listVolumes(labels: labels)
    }

    /// Names as `podman ps -a` and `podman volume ls` print them (everything, not only ours).
    public func podmanNames() async throws -> (containers: Set<String>, volumes: Set<String>) {
        let c = try await podman(["ps", "-a", "--format", "{{.Names}}"])
        let v = try await podman(["volume", "ls", "--format", "{{.Name}}"])
        func lines(_ s: String) -> Set<String> { Set(s.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }) }
        return (lines(c), lines(v))
    }

    /// The host directory of an instance's volume (podman runs as root here).
    public func volumeMountpoint(_ instanceID: String) async throws -> String {
        try await podman(["volume", "inspect", "--format", "{{.Mountpoint}}", Self.volumeName(instanceID)])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The `RuntimeNames.generationLabel` of the instance's container, if it exists.
    public func generation(_ instanceID: String) async throws -> Int? {
        try await runtime.inspectContainer(Self.containerName(instanceID))
            .flatMap { $0.labels[RuntimeNames.generationLabel] }.flatMap { Int($0) }
    }

    /// Rows of `sql` against the daemon's database, via the `sqlite3` CLI (`|`-separated columns).
    public func sql(_ sql: String) async throws -> [[String]] {
        let binary = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/bin/sqlite3"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let binary else { throw DaemonProcessError("sqlite3 is not installed (apt-get install sqlite3)") }
        let r = try await cli.runner.run(binary, ["-cmd", ".timeout 10000", "-separator", "|", databasePath, sql],
                                             timeout: .seconds(30))
        guard r.succeeded else { throw DaemonProcessError("sqlite3 \(sql) failed: \(r.diagnosticTail())") }
        return r.stdout.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Ledger rows for one instance: how many charges and refunds.
    public func ledger(instance id: String) async throws -> (charges: Int, refunds: Int) {
        let rows = try await sql("SELECT kind, COUNT(*) FROM ledger WHERE instance_id = '\(id)' GROUP BY kind")
        var counts: [String: Int] = [:]
        for row in rows where row.count == 2 { counts[row[0]] = Int(row[1]) }
        return (counts["charge"] ?? 0, counts["refund"] ?? 0)
    }

    /// Sum of charges minus refunds of `orgID`, in cents.
    public func netChargedCents(org orgID: String) async throws -> Int {
        let rows = try await sql("SELECT COALESCE(SUM(CASE kind WHEN 'charge' THEN amount_cents WHEN 'refund' THEN -amount_cents "
            + "ELSE 0 END), 0) FROM ledger WHERE org_id = '\(orgID)'")
        return Int(rows.first?.first ?? "") ?? -1
    }

    /// Number of ledger rows of any kind (to prove nothing was written).
    public func ledgerCount() async throws -> Int {
        Int(try await sql("SELECT COUNT(*) FROM ledger").first?.first ?? "") ?? -1
    }
}
