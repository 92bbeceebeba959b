import ClawCore
import ClawStore
import Foundation
import GRDB

/// Settings the instance commands need.
public struct InstanceServiceConfig: Sendable {
    public var policy: LifecyclePolicy
    public var image: String
    public var portRange: ClosedRange<Int>
    public init(policy: LifecyclePolicy, image: String, portRange: ClosedRange<Int>) {
        self.policy = policy
        self.image = image
        self.portRange = portRange
    }
}

/// Every change to an instance, written as intent: the lifecycle decides, and the new row, its
/// ledger rows, events and operation commit in ONE transaction before anything touches the
/// runtime. The worker converges the runtime afterwards.
public final class InstanceService: Sendable {
    /// Extra work inside the same transaction (the API stores its idempotent answer there).
    public typealias InTransaction = @Sendable (Database, Instance, OperationRecord?) throws -> Void

    public let store: Store
    public let config: InstanceServiceConfig
    /// Told of every commit, in order, after it committed.
    let subscribers: [any CommitSubscriber]

    public init(store: Store, config: InstanceServiceConfig, subscribers: [any CommitSubscriber]) {
        self.store = store
        self.config = config
        self.subscribers = subscribers
    }

    /// Creates a paid `PENDING` instance: charge, row, port, events, operation in one transaction.
    public func create(orgID: String, subdomain: String, defaultModel: String?, tier: Tier, imConfig: IMConfig?,
                       image: String? = nil, now: Timestamp = .now(), idempotencyKey: String? = nil,
                       inTransaction: InTransaction? = nil) async throws(ClawError) -> (Instance, OperationRecord) {
        let id = Identifier.make(prefix: "c", length: 24)
        let created = try Lifecycle.create(id: id, orgID: orgID, subdomain: subdomain, defaultModel: defaultModel,
                                           hasIMConfig: imConfig != nil, tier: tier, image: image ?? config.image,
                                           now: now, policy: config.policy)
        let imJSON = imConfig?.json
        let config = self.config
        // The port is probed (bind) before the transaction and re-checked inside it: a create
        // that took it meanwhile sends this one round again with the next free port.
        var skipped: Set<Int> = []
        while true {
            let port = try await freePort(skipping: skipped)
            let written = try await store.write { db -> (CommittedChange, OperationRecord)? in
                var outcome = created
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM instances WHERE subdomain = ? AND status NOT IN ('FAILED', 'DELETED')",
                                     arguments: [subdomain]) == true {
                    throw ClawError(.conflict, "subdomain '\(subdomain)' is already taken", param: "subdomain")
                }
                guard let port else { throw Self.noFreePort(config.portRange) }
                guard try !Self.portHeld(db, port) else { return nil }
                outcome.instance.hostPort = port
                try Store.insertInstance(db, outcome.instance, imConfigJSON: imJSON, chargeID: nil)
                let op = try Store.insertOperation(db, orgID: orgID, instanceID: id, kind: OperationKind.create.rawValue,
                                                   now: now, supersede: false)
                let change = try Self.applyEffects(db, outcome, now: now, pricing: config.policy.pricing,
                                                   idempotencyKey: idempotencyKey)
                try inTransaction?(db, change.instance, op)
                return (change, op)
            }
            if let written {
                publish(written.0)
                return (written.0.instance, written.1)
            }
            if let port { skipped.insert(port) }
        }
    }

    /// An API request on an existing instance (start, stop, restart, rebuild, renew, delete).
    public func request(_ command: LifecycleCommand, instanceID: String, orgID: String?, now: Timestamp = .now(),
                        idempotencyKey: String? = nil,
                        inTransaction: InTransaction? = nil) async throws(ClawError) -> (Instance, OperationRecord?) {
        try await mutate(instanceID: instanceID, orgID: orgID, now: now, idempotencyKey: idempotencyKey,
                   inTransaction: inTransaction) { instance, _ throws(ClawError) in
            try Lifecycle.apply(instance, command, now: now, policy: self.config.policy)
        } operationKind: { outcome in
            guard outcome.effects.contains(.wakeWorker) else { return nil }
            return command.operationKind?.rawValue
        }
    }

    /// PATCH: `defaultModel` and/or `imConfig` (`.some(nil)` removes it).
    public func patch(instanceID: String, orgID: String?, defaultModel: String??, imConfig: IMConfig??,
                      now: Timestamp = .now(), inTransaction: InTransaction? = nil) async throws(ClawError) -> (Instance, OperationRecord?) {
        let imJSON: String??
        switch imConfig {
        case .none: imJSON = .none
        case .some(.none): imJSON = .some(nil)
        case .some(.some(let config)): imJSON = .some(config.json)
        }
        return try await mutate(instanceID: instanceID, orgID: orgID, now: now, inTransaction: inTransaction) { instance, db throws(ClawError) in
            let model = defaultModel ?? instance.defaultModel
            let hasIM = imConfig.map { $0 != nil } ?? instance.hasIMConfig
            let outcome = try Lifecycle.apply(instance, .patch(defaultModel: model, hasIMConfig: hasIM), now: now,
                                              policy: self.config.policy)
            if let imJSON {
                do {
                    try db.execute(sql: "UPDATE instances SET im_config_json = ? WHERE id = ?", arguments: [imJSON, instance.id])
                } catch { throw ClawError(.storage, "\(error)") }
            }
            return outcome
        } operationKind: { outcome in
            outcome.effects.contains(.wakeWorker) ? OperationKind.patch.rawValue : nil
        }
    }

    /// A timer or worker report. A report that no longer applies changes nothing (nil).
    /// `finish` closes the instance's open operations in the same transaction.
    @discardableResult
    public func report(_ command: LifecycleCommand, instanceID: String, now: Timestamp = .now(),
                       finish: (succeeded: Bool, error: String?)? = nil) async throws(ClawError) -> Instance? {
        let change: CommittedChange? = try await store.write { db -> CommittedChange? in
            guard let instance = try Store.instance(db, id: instanceID, orgID: nil) else { return nil }
            let outcome: LifecycleOutcome
            do { outcome = try Lifecycle.apply(instance, command, now: now, policy: self.config.policy) } catch { return nil }
            if let finish {
                try Store.finishOperations(db, instanceID: instanceID, succeeded: finish.succeeded, error: finish.error, now: now)
            }
            guard !outcome.isNoOp else { return nil }
            try Store.updateInstance(db, outcome.instance)
            let timer = command == .expire || command == .retention
            if timer {
                _ = try Store.insertOperation(db, orgID: instance.orgID, instanceID: instanceID,
                                              kind: (command == .expire ? OperationKind.expire : .purge).rawValue,
                                              now: now, supersede: true)
            }
            var change = try Self.applyEffects(db, outcome, now: now, pricing: self.config.policy.pricing)
            // A deadline that fired is a moment to look at the org's balance again.
            if timer, let id = try Self.checkLowBalance(db, orgID: instance.orgID, now: now,
                                                        pricing: self.config.policy.pricing) {
                change.eventIDs.append(id)
            }
            return change
        }
        guard let change else { return nil }
        publish(change)
        return change.instance
    }

    /// Closes the instance's open operations (the worker converged, or gave up).
    public func finishOperations(instanceID: String, succeeded: Bool, error: String?, now: Timestamp = .now()) async throws(ClawError) {
        try await store.write { db in try Store.finishOperations(db, instanceID: instanceID, succeeded: succeeded, error: error, now: now) }
    }

    private func mutate(instanceID: String, orgID: String?, now: Timestamp, idempotencyKey: String? = nil,
                        inTransaction: InTransaction?,
                        decide: @escaping @Sendable (Instance, Database) throws(ClawError) -> LifecycleOutcome,
                        operationKind: @escaping @Sendable (LifecycleOutcome) -> String?) async throws(ClawError) -> (Instance, OperationRecord?) {
        let (change, op) = try await store.write { db -> (CommittedChange, OperationRecord?) in
            guard let instance = try Store.instance(db, id: instanceID, orgID: orgID) else {
                throw ClawError(.notFound, "instance \(instanceID) not found")
            }
            let outcome = try decide(instance, db)
            try Store.updateInstance(db, outcome.instance)
            let op = try operationKind(outcome).map {
                try Store.insertOperation(db, orgID: instance.orgID, instanceID: instanceID, kind: $0, now: now, supersede: true)
            }
            let change = try Self.applyEffects(db, outcome, now: now, pricing: self.config.policy.pricing,
                                               idempotencyKey: idempotencyKey)
            try inTransaction?(db, change.instance, op)
            return (change, op)
        }
        publish(change)
        return (change.instance, op)
    }

    func publish(_ change: CommittedChange) {
        for subscriber in subscribers { subscriber.committed(change) }
    }
}
