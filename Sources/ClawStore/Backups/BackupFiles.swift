import ClawCore
import Crypto
import Foundation

/// The archive files of backups: their checksum and the checks made before a restore.
public enum BackupFiles {
    /// Hex SHA-256 and size of the file at `path`, read in 1 MiB chunks.
    public static func sha256(_ path: String) throws(ClawError) -> (hex: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ClawError(.notFound, "backup file \(path) is missing")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
                size += Int64(chunk.count)
            }
        } catch {
            throw ClawError(.storage, "cannot read backup file \(path): \(error)")
        }
        return (Identifier.hex(hasher.finalize()), size)
    }

    /// The cheap check a restore request makes: the file is there with the recorded size.
    public static func checkPresent(_ path: String, size: Int64, backupID: Int64) throws(ClawError) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let actual = (attributes?[.size] as? NSNumber)?.int64Value else {
            throw ClawError(.conflict, "the archive of backup \(backupID) is missing; nothing was restored")
        }
        guard actual == size else {
            throw ClawError(.conflict, "the archive of backup \(backupID) is damaged (\(actual) bytes, "
                            + "\(size) recorded); nothing was restored")
        }
    }

    /// The full check before the volume is touched: the archive's SHA-256 is the recorded one.
    public static func verify(_ path: String, sha256 expected: String, backupID: Int64) throws(ClawError) {
        let actual: String
        do {
            actual = try sha256(path).hex
        } catch where error.code == .notFound {
            throw ClawError(.conflict, "the archive of backup \(backupID) is missing; the volume was not touched")
        }
        guard actual == expected else {
            throw ClawError(.conflict, "the archive of backup \(backupID) failed its checksum (sha256 \(actual), "
                            + "recorded \(expected)): it was changed or damaged; the volume was not touched")
        }
    }
}
