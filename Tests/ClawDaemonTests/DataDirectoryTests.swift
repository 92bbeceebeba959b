import ClawCore
@testable import ClawDaemon
import ClawTestSupport
import Foundation
import Testing

@Suite("data directory modes")
struct DataDirectoryTests {
    func refusal(_ dir: DataDirectory) -> ClawError? {
        do { try dir.check(); return nil } catch { return error }
    }

    @Test("created 0700 under umask 022; 0750 and a symlink to a private directory pass; 0755 or an open secret file is refused with the fix")
    func modes() throws {
        let old = umask(0o022)
        defer { umask(old) }
        let root = try TestPaths.makeTempDir("dd")
        let data = DataDirectory(path: root + "/a/data")
        try data.prepare()
        #expect(DataDirectory.mode(data.path).map { $0 & 0o777 } == 0o700)

        chmod(data.path, 0o750)
        #expect(refusal(data) == nil)
        symlink(data.path, root + "/link")
        #expect(refusal(DataDirectory(path: root + "/link")) == nil, "a symlink's own mode (0777) is not the directory's")

        chmod(data.path, 0o755)
        let open = refusal(data)
        #expect(open?.code == .config)
        #expect(open?.message.contains("chmod 700 \(data.path)") == true, "\(String(describing: open))")

        chmod(data.path, 0o700)
        try FileManager.default.createDirectory(atPath: data.path + "/backups/i1", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        FileManager.default.createFile(atPath: data.path + "/backups/i1/1.tar", contents: Data("x".utf8),
                                       attributes: [.posixPermissions: 0o604])
        let file = refusal(data)
        #expect(file?.message.contains("\(data.path)/backups/i1/1.tar is readable by other users") == true,
                "\(String(describing: file))")
        chmod(data.path + "/backups/i1/1.tar", 0o600)
        FileManager.default.createFile(atPath: data.path + "/groups-note", contents: nil, attributes: [.posixPermissions: 0o644])
        #expect(refusal(data) == nil, "only secret files are checked; the directory's mode keeps the rest private")
    }
}
