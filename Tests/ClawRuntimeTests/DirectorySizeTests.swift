import ClawCore
import ClawTestSupport
import Foundation
import Testing

@testable import ClawRuntime

@Suite("a volume's size: file sizes under its mountpoint, symlinks not followed")
struct DirectorySizeTests {
    @Test("regular files at any depth count; a symlink counts as itself, never its target")
    func sizes() throws {
        let root = try TestPaths.makeTempDir("dirsize")
        let outside = try TestPaths.makeTempDir("dirsize-out")
        defer {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: outside)
        }
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
        #expect(fm.createFile(atPath: root + "/one", contents: Data(count: 1000)))
        #expect(fm.createFile(atPath: root + "/a/b/two", contents: Data(count: 24)))
        #expect(try DirectorySize.bytes(under: root) == 1024)
        // A large file and a directory outside the volume, linked from inside it.
        #expect(fm.createFile(atPath: outside + "/big", contents: Data(count: 1 << 20)))
        try fm.createSymbolicLink(atPath: root + "/a/link-file", withDestinationPath: outside + "/big")
        try fm.createSymbolicLink(atPath: root + "/link-dir", withDestinationPath: outside)
        let links = Int64((outside + "/big").utf8.count + outside.utf8.count)
        #expect(try DirectorySize.bytes(under: root) == 1024 + links)
    }

    @Test("an unreadable or missing mountpoint is an error naming the path")
    func missing() {
        #expect(throws: ClawError.self) { try DirectorySize.bytes(under: "/nonexistent/clawd-volume/_data") }
    }
}
