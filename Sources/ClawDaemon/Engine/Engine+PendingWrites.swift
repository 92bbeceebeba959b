import ClawCore

/// No status or money write of a worker is dropped: one that fails is logged with its instance
/// and error, kept, and tried again by the instance's worker after `Backoff.writeRetryDelay`.
extension Engine {
    /// Commits `write`; on failure keeps it for a retry and answers nil.
    @discardableResult
    func record(_ write: PendingWrite, instanceID id: String) async -> WriteResult? {
        do {
            return try await perform(write, instanceID: id)
        } catch {
            let delay = pendingWrites.keep(write, instanceID: id)
            logger.error("write failed, retrying", metadata: [
                "instance": "\(id)", "write": "\(write)", "error": "\(error)", "retry_in_ms": "\(delay.milliseconds)",
            ])
            wake(id, at: .now + delay)
            return nil
        }
    }

    /// Commits the instance's kept writes, oldest first. False when one still fails: the rest
    /// stay kept, a retry is scheduled, and the worker must not plan on the row meanwhile.
    func commitPendingWrites(instanceID id: String) async -> Bool {
        var writes = pendingWrites.take(instanceID: id)
        guard !writes.isEmpty else { return true }
        while let write = writes.first {
            do {
                try await perform(write, instanceID: id)
            } catch {
                let delay = pendingWrites.putBack(writes, instanceID: id)
                logger.error("write failed again, retrying", metadata: [
                    "instance": "\(id)", "write": "\(write)", "error": "\(error)", "retry_in_ms": "\(delay.milliseconds)",
                ])
                wake(id, at: .now + delay)
                return false
            }
            logger.notice("write committed on retry", metadata: ["instance": "\(id)", "write": "\(write)"])
            writes.removeFirst()
        }
        pendingWrites.cleared(instanceID: id)
        return true
    }

    @discardableResult
    private func perform(_ write: PendingWrite, instanceID id: String) async throws -> WriteResult {
        switch write {
        case .report(let command, let finish):
            return .reported(try await instances.report(command, instanceID: id, finish: finish))
        case .finishOperations(let seen, let succeeded, let error):
            return .finished(try await store.finishOperations(ifUnchanged: seen, succeeded: succeeded, error: error))
        case .markOperationsRunning:
            try await store.markOperationsRunning(instanceID: id)
            return .finished(true)
        case .finishRestore(let operationID, let backup, let error):
            guard let backups else { throw ClawError(.internal, "a restore to finish, but no backups are configured") }
            try await backups.service.finishRestore(operationID: operationID, backup: backup, error: error)
            return .finished(true)
        case .failBackup(let backup, let error):
            guard let backups else { throw ClawError(.internal, "a backup to fail, but no backups are configured") }
            try await backups.service.fail(backup, error: error)
            return .finished(true)
        }
    }
}

/// What a committed write answered.
enum WriteResult: Sendable {
    /// The row after a report; nil when the report no longer applied.
    case reported(Instance?)
    /// Whether the operations were closed (false: the row changed meanwhile).
    case finished(Bool)

    var instance: Instance? {
        if case .reported(let instance) = self { instance } else { nil }
    }

    var finished: Bool {
        if case .finished(let done) = self { done } else { false }
    }
}
