import ClawCore
import Foundation
import GRDB

extension Store {
    public static func instance(_ row: Row) -> Instance { instance(row, InstanceColumns(row)) }

    /// Many rows of one query: the column positions are looked up once, not per row and field
    /// (GRDB's by-name lookup lowercases names on every call; it dominated a 1,000-row list).
    static func instances(_ rows: [Row]) -> [Instance] {
        guard let first = rows.first else { return [] }
        let columns = InstanceColumns(first)
        return rows.map { instance($0, columns) }
    }

    static func instance(_ row: Row, _ c: InstanceColumns) -> Instance {
        Instance(
            id: row[c.id], orgID: row[c.orgID], subdomain: row[c.subdomain], defaultModel: row[c.defaultModel],
            hasIMConfig: !row.hasNull(atIndex: c.imConfig), tier: Tier(rawValue: row[c.tier]) ?? .default,
            status: InstanceStatus(rawValue: row[c.status]) ?? .failed,
            stopReason: (row[c.stopReason] as String?).flatMap(StopReason.init(rawValue:)),
            healthStatus: HealthStatus(rawValue: row[c.healthStatus]) ?? .unknown,
            desired: Desired(rawValue: row[c.desired]) ?? .absent, generation: row[c.generation], image: row[c.image],
            hostPort: row[c.hostPort], paidUntil: Timestamp(millis: row[c.paidUntil]),
            deleteAfter: (row[c.deleteAfter] as Int64?).map { Timestamp(millis: $0) },
            createdAt: Timestamp(millis: row[c.createdAt]), updatedAt: Timestamp(millis: row[c.updatedAt]),
            provisionAttempts: row[c.provisionAttempts], rebuildDay: row[c.rebuildDay] ?? "",
            rebuildsOnDay: row[c.rebuildsOnDay], totalPaid: Cents(row[c.totalPaid]), diskBytes: row[c.diskBytes],
            diskMeasuredAt: (row[c.diskMeasuredAt] as Int64?).map { Timestamp(millis: $0) })
    }

    /// The instance, when it exists and (unless `orgID` is nil, the admin) belongs to `orgID`.
    /// Another org's instance is nil, exactly like a missing one.
    public func instance(id: String, orgID: String?) async throws(ClawError) -> Instance? {
        try await read { db in try Self.instance(db, id: id, orgID: orgID) }
    }

    public static func instance(_ db: Database, id: String, orgID: String?) throws -> Instance? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM instances WHERE id = ?", arguments: [id]) else { return nil }
        let instance = Self.instance(row)
        if let orgID, instance.orgID != orgID { return nil }
        return instance
    }

    /// Newest first; all orgs when `orgID` is nil.
    public func listInstances(orgID: String?, status: InstanceStatus? = nil) async throws(ClawError) -> [Instance] {
        try await read { db in try Self.listInstances(db, orgID: orgID, status: status) }
    }

    /// The counter that every change to `orgID`'s instances bumps (all orgs' when nil), by
    /// trigger in the writing transaction: equal counters mean an equal list.
    public func instanceListVersion(orgID: String?) async throws(ClawError) -> Int64 {
        try await read { db in try Self.instanceListVersion(db, orgID: orgID) }
    }

    /// The list and the counter it belongs to, from one snapshot.
    public func versionedInstances(orgID: String?) async throws(ClawError) -> (version: Int64, instances: [Instance]) {
        try await read { db in (try Self.instanceListVersion(db, orgID: orgID), try Self.listInstances(db, orgID: orgID, status: nil)) }
    }

    static func instanceListVersion(_ db: Database, orgID: String?) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT version FROM instance_list_versions WHERE org_id = ?",
                           arguments: [orgID ?? "*"]) ?? 0
    }

    static func listInstances(_ db: Database, orgID: String?, status: InstanceStatus?) throws -> [Instance] {
        var sql = "SELECT * FROM instances WHERE 1"
        var args: [any DatabaseValueConvertible] = []
        if let orgID { sql += " AND org_id = ?"; args.append(orgID) }
        if let status { sql += " AND status = ?"; args.append(status.rawValue) }
        sql += " ORDER BY created_at DESC, num DESC"
        // A cursor decodes straight from the statement, without copying each row first.
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
        var out: [Instance] = []
        var columns: InstanceColumns?
        while let row = try cursor.next() {
            let c = columns ?? InstanceColumns(row)
            columns = c
            out.append(Self.instance(row, c))
        }
        return out
    }

    /// Non-terminal instances, plus terminal ones whose runtime objects may still exist.
    public func instancesToConverge() async throws(ClawError) -> [Instance] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM instances WHERE status NOT IN ('FAILED', 'DELETED') OR desired != 'absent' OR updated_at > ?",
                             arguments: [Timestamp.now().millis - 86_400_000]).map(Self.instance)
        }
    }

    /// Ids of every instance row (any status), for orphan detection.
    public func allInstanceIDs() async throws(ClawError) -> Set<String> {
        try await read { db in Set(try String.fetchAll(db, sql: "SELECT id FROM instances")) }
    }

    public func countByStatus() async throws(ClawError) -> [String: Int] {
        try await read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM instances GROUP BY status") {
                out[row["status"]] = row["n"]
            }
            return out
        }
    }

    /// The stored IM config (a secret: never returned by the API).
    public func imConfig(instanceID: String) async throws(ClawError) -> IMConfig? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT im_config_json FROM instances WHERE id = ?", arguments: [instanceID])
                .map(IMConfig.init(json:))
        }
    }

    public static func insertInstance(_ db: Database, _ i: Instance, imConfigJSON: String?, chargeID: Int64?) throws {
        try db.execute(sql: """
            INSERT INTO instances(id, org_id, subdomain, default_model, im_config_json, tier, status, stop_reason,
                health_status, desired, generation, image, host_port, paid_until, delete_after, provision_attempts,
                rebuild_day, rebuilds_on_day, total_paid_cents, charge_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                i.id, i.orgID, i.subdomain, i.defaultModel, imConfigJSON, i.tier.rawValue, i.status.rawValue,
                i.stopReason?.rawValue, i.healthStatus.rawValue, i.desired.rawValue, i.generation, i.image, i.hostPort,
                i.paidUntil.millis, i.deleteAfter?.millis, i.provisionAttempts, i.rebuildDay, i.rebuildsOnDay,
                i.totalPaid.value, chargeID, i.createdAt.millis, i.updatedAt.millis,
            ])
    }

    /// Writes every mutable column of `i` (inside the caller's transaction).
    public static func updateInstance(_ db: Database, _ i: Instance) throws {
        try db.execute(sql: """
            UPDATE instances SET default_model = ?, tier = ?, status = ?, stop_reason = ?, health_status = ?, desired = ?,
                generation = ?, image = ?, host_port = ?, paid_until = ?, delete_after = ?, provision_attempts = ?,
                rebuild_day = ?, rebuilds_on_day = ?, total_paid_cents = ?, updated_at = ?
            WHERE id = ?
            """, arguments: [
                i.defaultModel, i.tier.rawValue, i.status.rawValue, i.stopReason?.rawValue, i.healthStatus.rawValue,
                i.desired.rawValue, i.generation, i.image, i.hostPort, i.paidUntil.millis, i.deleteAfter?.millis,
                i.provisionAttempts, i.rebuildDay, i.rebuildsOnDay, i.totalPaid.value, i.updatedAt.millis, i.id,
            ])
    }
}
