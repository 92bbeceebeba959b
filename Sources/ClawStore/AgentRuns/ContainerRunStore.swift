import ClawCore
import Foundation
import GRDB

/// What the daemon must act on after a commit of the container API.
public enum ContainerChange: Sendable, Equatable {
    /// A run entered the queue (new, or re-queued at boot).
    case runQueued(QueuedRun)
    /// A schedule's next run moved (nil: disarm).
    case scheduleArmed(id: String, at: Timestamp?)
    /// Queued runs were deleted (their schedule was paused, changed or deleted): the queue
    /// forgets them.
    case runsRemoved([String])
}

/// Hears of container-API commits that queue a run or move a schedule (given to
/// `ContainerRunStore` at construction). Called on the committing task: must not block.
public protocol ContainerChangeSubscriber: Sendable {
    func containerChanged(_ changes: [ContainerChange])
}

/// Groups, agent runs, schedules and the audit log of the container API, as rows (intent
/// first: a run is `queued` in the database before the queue or the runtime hears of it). The
/// daemon's run executor alone starts containers; it learns of new work as a subscriber.
public final class ContainerRunStore: Sendable {
    public let store: Store
    public let files: ContainerFiles
    /// The zone cron schedules are read in.
    public let timeZone: TimeZone
    /// A run's timeout when the request names none (seconds; 0: no limit).
    public let defaultTimeoutSecs: Int
    /// Told of every commit that queues a run or moves a schedule, after it committed.
    let subscribers: [any ContainerChangeSubscriber]

    public init(store: Store, files: ContainerFiles, timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                defaultTimeoutSecs: Int = 1800, subscribers: [any ContainerChangeSubscriber]) {
        self.store = store
        self.files = files
        self.timeZone = timeZone
        self.defaultTimeoutSecs = defaultTimeoutSecs
        self.subscribers = subscribers
    }

    func publish(_ changes: [ContainerChange]) {
        guard !changes.isEmpty else { return }
        for subscriber in subscribers { subscriber.containerChanged(changes) }
    }

    static func decodeList(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    static func encodeList(_ list: [String]) -> String {
        (try? String(data: JSONEncoder().encode(list), encoding: .utf8)) ?? "[]"
    }

    // MARK: groups

    public func groups(orgID: String?) async throws(ClawError) -> [ContainerGroup] {
        try await store.read { db in
            let rows = orgID == nil
                ? try Row.fetchAll(db, sql: "SELECT * FROM container_groups ORDER BY name")
                : try Row.fetchAll(db, sql: "SELECT * FROM container_groups WHERE org_id = ? ORDER BY name", arguments: [orgID])
            return rows.map(Self.group)
        }
    }

    /// The group when it exists and (unless `orgID` is nil) belongs to `orgID`.
    public func group(name: String, orgID: String?) async throws(ClawError) -> ContainerGroup? {
        try await store.read { db in try Self.group(db, name: name, orgID: orgID) }
    }

    static func group(_ db: Database, name: String, orgID: String?) throws -> ContainerGroup? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM container_groups WHERE name = ?", arguments: [name]) else {
            return nil
        }
        let g = group(row)
        return orgID == nil || g.orgID == orgID ? g : nil
    }

    /// Creates the group's row and its directories (workspace, sessions, IPC).
    public func createGroup(orgID: String, name: String, description: String, isMain: Bool, chatJids: [String],
                            containerConfig: GroupContainerConfig = .init(),
                            now: Timestamp = .now()) async throws(ClawError) -> ContainerGroup {
        try GroupName.validate(name)
        try files.prepareGroup(name)
        let g = ContainerGroup(id: Identifier.make(prefix: "ns_", length: 16), name: name, orgID: orgID,
                               description: description, isMain: isMain, chatJids: chatJids,
                               containerConfig: containerConfig, createdAt: now, updatedAt: now)
        try await store.write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM container_groups WHERE name = ?", arguments: [name]) != nil {
                throw ClawError(.conflict, "a group named '\(name)' already exists", param: "name")
            }
            try db.execute(sql: """
                INSERT INTO container_groups (name, id, org_id, description, is_main, chat_jids_json, container_config_json,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [name, g.id, orgID, description, isMain, Self.encodeList(chatJids), containerConfig.jsonText(),
                                 now.millis, now.millis])
        }
        return g
    }

    /// PUT: replaces the description, chat JIDs and/or container config that are given.
    public func updateGroup(name: String, orgID: String?, description: String?, chatJids: [String]?,
                            containerConfig: GroupContainerConfig? = nil,
                            now: Timestamp = .now()) async throws(ClawError) -> ContainerGroup {
        try await store.write { db in
            guard var g = try Self.group(db, name: name, orgID: orgID) else {
                throw ClawError(.notFound, "group '\(name)' not found")
            }
            if let description { g.description = description }
            if let chatJids { g.chatJids = chatJids }
            if let containerConfig { g.containerConfig = containerConfig }
            g.updatedAt = now
            try db.execute(sql: """
                UPDATE container_groups SET description = ?, chat_jids_json = ?, container_config_json = ?, updated_at = ?
                WHERE name = ?
                """, arguments: [g.description, Self.encodeList(g.chatJids), g.containerConfig.jsonText(), now.millis, name])
            return g
        }
    }

    /// Deletes the row (the workspace stays on disk for the operator); refused while a run of
    /// the group is running. Its queued runs fail and its schedules are removed with it.
    public func deleteGroup(name: String, orgID: String?, now: Timestamp = .now()) async throws(ClawError) -> [String] {
        let (dropped, schedules) = try await store.write { db -> ([String], [String]) in
            guard try Self.group(db, name: name, orgID: orgID) != nil else {
                throw ClawError(.notFound, "group '\(name)' not found")
            }
            if try Row.fetchOne(db, sql: "SELECT 1 FROM container_runs WHERE group_name = ? AND status = 'running'",
                                arguments: [name]) != nil {
                throw ClawError(.conflict, "group '\(name)' has an active run; wait for it to finish")
            }
            let queued = try String.fetchAll(db, sql: "SELECT id FROM container_runs WHERE group_name = ? AND status = 'queued'",
                                             arguments: [name])
            try db.execute(sql: """
                UPDATE container_runs SET status = 'failed', error = 'the group was deleted', finished_at = ?
                WHERE group_name = ? AND status = 'queued'
                """, arguments: [now.millis, name])
            for id in queued { try Self.runMoved(db, id: id, to: .failed, error: "the group was deleted", now: now) }
            let schedules = try String.fetchAll(db, sql: "SELECT id FROM container_schedules WHERE group_name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM container_schedules WHERE group_name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM container_groups WHERE name = ?", arguments: [name])
            return (queued, schedules)
        }
        publish(schedules.map { .scheduleArmed(id: $0, at: nil) })
        return dropped
    }
}
