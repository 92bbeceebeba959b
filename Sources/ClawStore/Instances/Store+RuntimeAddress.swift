import ClawCore
import GRDB

extension Store {
    /// Records the container's address as the engine observed it (nil: not running). Writes only
    /// when it changed, so a converged worker does not touch the row.
    public func setRuntimeAddress(instanceID: String, address: String?) async throws(ClawError) {
        let unchanged = try await read { db in
            try Bool.fetchOne(db, sql: "SELECT runtime_address IS ? FROM instances WHERE id = ?",
                              arguments: [address, instanceID]) ?? true
        }
        guard !unchanged else { return }
        try await write { db in
            try db.execute(sql: "UPDATE instances SET runtime_address = ? WHERE id = ? AND runtime_address IS NOT ?",
                           arguments: [address, instanceID, address])
        }
    }

    /// The address last recorded by `setRuntimeAddress`.
    public func runtimeAddress(instanceID: String) async throws(ClawError) -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT runtime_address FROM instances WHERE id = ?", arguments: [instanceID])
        }
    }
}
