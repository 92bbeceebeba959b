import GRDB

/// Positions of the `instances` columns in a fetched row, found by name once per query.
struct InstanceColumns {
    let id, orgID, subdomain, defaultModel, imConfig, tier, status, stopReason, healthStatus, desired: Int
    let generation, image, hostPort, paidUntil, deleteAfter, createdAt, updatedAt: Int
    let provisionAttempts, rebuildDay, rebuildsOnDay, totalPaid: Int
    let diskBytes, diskMeasuredAt: Int

    init(_ row: Row) {
        var at: [String: Int] = [:]
        for (i, name) in row.columnNames.enumerated() where at[name] == nil { at[name] = i }
        func p(_ name: String) -> Int {
            guard let i = at[name] else { preconditionFailure("instances row without column \(name)") }
            return i
        }
        id = p("id"); orgID = p("org_id"); subdomain = p("subdomain"); defaultModel = p("default_model")
        imConfig = p("im_config_json"); tier = p("tier"); status = p("status"); stopReason = p("stop_reason")
        healthStatus = p("health_status"); desired = p("desired"); generation = p("generation"); image = p("image")
        hostPort = p("host_port"); paidUntil = p("paid_until"); deleteAfter = p("delete_after")
        createdAt = p("created_at"); updatedAt = p("updated_at"); provisionAttempts = p("provision_attempts")
        rebuildDay = p("rebuild_day"); rebuildsOnDay = p("rebuilds_on_day"); totalPaid = p("total_paid_cents")
        diskBytes = p("disk_bytes"); diskMeasuredAt = p("disk_measured_at")
    }
}
