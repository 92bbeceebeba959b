import ClawCore
import ClawStore
import Synchronization

/// A worker's write that changes an instance's status, its money or its operations.
enum PendingWrite: Sendable, CustomStringConvertible {
    /// `InstanceService.report`, closing the open operations in the same transaction when `finish` is set.
    case report(LifecycleCommand, finish: (succeeded: Bool, error: String?)? = nil)
    /// Closes the open operations if the row still equals `seen`.
    case finishOperations(ifUnchanged: Instance, succeeded: Bool, error: String?)
    case markOperationsRunning
    /// Closes a restore (its operation failed when `error` is set); until it commits the worker
    /// would find the restore open and run it again.
    case finishRestore(operationID: String, backup: BackupRecord, error: String?)
    /// Records a failed backup; until it commits the worker would find the backup pending and
    /// take it again and again (e.g. on a full disk, where the failure itself cannot be written).
    case failBackup(BackupRecord, error: String)

    var description: String {
        switch self {
        case .report(let command, _): "report \(command)"
        case .finishOperations(_, let succeeded, _): "finish operations (\(succeeded ? "succeeded" : "failed"))"
        case .markOperationsRunning: "mark operations running"
        case .finishRestore(let operationID, _, let error): "finish restore \(operationID) (\(error == nil ? "succeeded" : "failed"))"
        case .failBackup(let backup, _): "fail backup \(backup.id)"
        }
    }
}

/// Writes that failed, per instance, in the order they were meant to commit. A worker tries
/// them again before it plans anything (the row still says what it said before the failure),
/// woken with `Backoff.writeRetryDelay` rather than at the next resync.
final class PendingWrites: Sendable {
    private struct Entry {
        var writes: [PendingWrite] = []
        var failures = 0
    }

    private let state = Mutex<[String: Entry]>([:])

    /// Keeps `write` behind the instance's other pending ones; returns the wait before the retry.
    func keep(_ write: PendingWrite, instanceID: String) -> Duration {
        state.withLock { s in
            s[instanceID, default: Entry()].writes.append(write)
            s[instanceID]!.failures += 1
            return Backoff.writeRetryDelay(failure: s[instanceID]!.failures)
        }
    }

    /// Takes the instance's pending writes out, oldest first.
    func take(instanceID: String) -> [PendingWrite] {
        state.withLock { s in
            guard let writes = s[instanceID]?.writes, !writes.isEmpty else { return [] }
            s[instanceID]!.writes = []
            return writes
        }
    }

    /// Puts back what is still to do after a retry failed; returns the wait before the next one.
    func putBack(_ writes: [PendingWrite], instanceID: String) -> Duration {
        state.withLock { s in
            s[instanceID, default: Entry()].writes.insert(contentsOf: writes, at: 0)
            s[instanceID]!.failures += 1
            return Backoff.writeRetryDelay(failure: s[instanceID]!.failures)
        }
    }

    /// Every pending write of the instance committed: the backoff starts over.
    func cleared(instanceID: String) {
        state.withLock { s in
            if s[instanceID]?.writes.isEmpty == true { s[instanceID] = nil }
        }
    }

    func count(instanceID: String) -> Int { state.withLock { $0[instanceID]?.writes.count ?? 0 } }
}
