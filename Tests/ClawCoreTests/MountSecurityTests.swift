import ClawCore
import Foundation
import Testing

/// The mount rules against a real directory tree (realpath and symlinks are the point).
@Suite("Mount security table")
struct MountSecurityTests {
    /// <tmp>/allowed/{project,.ssh,keys/id_rsa,escape -> <tmp>/outside}, <tmp>/outside/secret.
    final class Tree {
        let base: String
        init() throws {
            let fm = FileManager.default
            base = MountSecurity.realPath(fm.temporaryDirectory.path)! + "/clawd-mount-\(UUID().uuidString.prefix(8))"
            for dir in ["allowed/project/sub", "allowed/.ssh", "allowed/keys", "allowed/rw", "outside"] {
                try fm.createDirectory(atPath: base + "/" + dir, withIntermediateDirectories: true)
            }
            fm.createFile(atPath: base + "/allowed/keys/id_rsa", contents: Data("k".utf8))
            fm.createFile(atPath: base + "/outside/secret", contents: Data("s".utf8))
            try fm.createSymbolicLink(atPath: base + "/allowed/escape", withDestinationPath: base + "/outside")
            try fm.createSymbolicLink(atPath: base + "/allowed/inner", withDestinationPath: base + "/allowed/project")
        }
        deinit { try? FileManager.default.removeItem(atPath: base) }

        var allowlist: MountAllowlist {
            MountAllowlist(allowedRoots: [
                .init(path: base + "/allowed", allowReadWrite: false),
                .init(path: base + "/allowed/rw", allowReadWrite: true),
                .init(path: base + "/does-not-exist", allowReadWrite: true),
            ], blockedPatterns: ["forbidden"], nonMainReadOnly: true)
        }

        func check(_ host: String, _ container: String? = nil, readOnly: Bool = true, main: Bool = false,
                   list: MountAllowlist? = nil) -> MountDecision {
            MountSecurity.validate(MountRequest(hostPath: host.hasPrefix("/") || host.hasPrefix("~") ? host : base + "/" + host,
                                                containerPath: container, readOnly: readOnly),
                                   allowlist: list ?? allowlist, isMain: main, home: base)
        }
    }

    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let host: String
        let container: String?
        let readOnly: Bool
        let main: Bool
        let allowed: Bool
        let effectiveReadOnly: Bool
        let reason: String
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "allowed path under a read-only root", host: "allowed/project", container: "proj", readOnly: true,
            main: false, allowed: true, effectiveReadOnly: true, reason: "allowed under root"),
        Row(name: "nested allowed path, default container name", host: "allowed/project/sub", container: nil,
            readOnly: true, main: true, allowed: true, effectiveReadOnly: true, reason: "allowed"),
        Row(name: "symlink inside the root to inside the root", host: "allowed/inner", container: "in", readOnly: true,
            main: false, allowed: true, effectiveReadOnly: true, reason: "allowed"),
        Row(name: "blocked component .ssh", host: "allowed/.ssh", container: "s", readOnly: true, main: true,
            allowed: false, effectiveReadOnly: true, reason: "blocked pattern '.ssh'"),
        Row(name: "blocked component id_rsa", host: "allowed/keys/id_rsa", container: "k", readOnly: true, main: true,
            allowed: false, effectiveReadOnly: true, reason: "blocked pattern 'id_rsa'"),
        Row(name: "symlink escaping the allowed root", host: "allowed/escape", container: "e", readOnly: true,
            main: true, allowed: false, effectiveReadOnly: true, reason: "not under any allowed root"),
        Row(name: "file behind an escaping symlink", host: "allowed/escape/secret", container: "e", readOnly: true,
            main: true, allowed: false, effectiveReadOnly: true, reason: "not under any allowed root"),
        Row(name: "'..' in the host path", host: "allowed/project/../../outside", container: "x", readOnly: true,
            main: true, allowed: false, effectiveReadOnly: true, reason: "must not contain '..'"),
        Row(name: "'..' in the container path", host: "allowed/project", container: "../etc", readOnly: true,
            main: true, allowed: false, effectiveReadOnly: true, reason: "must not contain '..'"),
        Row(name: "absolute container path", host: "allowed/project", container: "/etc", readOnly: true,
            main: true, allowed: false, effectiveReadOnly: true, reason: "must be relative"),
        Row(name: "':' in the container path", host: "allowed/project", container: "a:rw", readOnly: true,
            main: true, allowed: false, effectiveReadOnly: true, reason: "must not contain ':'"),
        Row(name: "missing host path", host: "allowed/nope", container: "n", readOnly: true, main: true,
            allowed: false, effectiveReadOnly: true, reason: "does not exist"),
        Row(name: "path outside every root", host: "outside", container: "o", readOnly: true, main: true,
            allowed: false, effectiveReadOnly: true, reason: "not under any allowed root"),
        Row(name: "read-write denied by the root", host: "allowed/project", container: "p", readOnly: false,
            main: true, allowed: true, effectiveReadOnly: true, reason: "does not allow read-write"),
        Row(name: "read-write denied by nonMainReadOnly", host: "allowed/rw", container: "w", readOnly: false,
            main: false, allowed: true, effectiveReadOnly: true, reason: "nonMainReadOnly"),
        Row(name: "read-write granted to main under a rw root", host: "allowed/rw", container: "w", readOnly: false,
            main: true, allowed: true, effectiveReadOnly: false, reason: "allowed"),
        Row(name: "configured pattern merged with the built-in ones", host: "allowed/project", container: "p",
            readOnly: true, main: true, allowed: true, effectiveReadOnly: true, reason: "allowed"),
        Row(name: "~ is expanded before checking", host: "~/allowed/project", container: "h", readOnly: true,
            main: true, allowed: true, effectiveReadOnly: true, reason: "allowed"),
    ]

    @Test("each row decides as the table says", arguments: rows)
    func table(row: Row) throws {
        let tree = try Tree()
        let d = tree.check(row.host, row.container, readOnly: row.readOnly, main: row.main)
        #expect(d.allowed == row.allowed, "\(d.message)")
        #expect(d.readOnly == row.effectiveReadOnly, "\(d.message)")
        #expect(d.message.contains(row.reason), "\(d.message)")
        if d.allowed {
            #expect(d.containerPath?.hasPrefix("/workspace/extra/") == true)
            #expect(d.canonicalHostPath?.hasPrefix(tree.base + "/allowed") == true)
        }
    }

    @Test("no allowlist refuses every mount")
    func denyByDefault() throws {
        let tree = try Tree()
        let d = MountSecurity.validate(MountRequest(hostPath: tree.base + "/allowed/project"), allowlist: nil,
                                       isMain: true, home: tree.base)
        #expect(!d.allowed)
        #expect(d.message.contains("no mount allowlist"))
    }

    @Test("a root that does not exist allows nothing, even its own path")
    func missingRoot() throws {
        let tree = try Tree()
        let list = MountAllowlist(allowedRoots: [.init(path: tree.base + "/ghost", allowReadWrite: true)])
        try FileManager.default.createDirectory(atPath: tree.base + "/ghost-not", withIntermediateDirectories: true)
        let d = tree.check("ghost-not", "g", main: true, list: list)
        #expect(!d.allowed)
        #expect(d.message.contains("not under any allowed root"))
        let gone = tree.check("ghost", "g", main: true, list: list)
        #expect(!gone.allowed && gone.message.contains("does not exist"))
    }

    @Test("configured blocked patterns add to the built-in ones; a component containing a pattern matches")
    func mergedPatterns() throws {
        let tree = try Tree()
        try FileManager.default.createDirectory(atPath: tree.base + "/allowed/my-forbidden-dir",
                                                withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: tree.base + "/allowed/prod.env.d", withIntermediateDirectories: true)
        #expect(tree.check("allowed/my-forbidden-dir", "f", main: true).message.contains("'forbidden'"))
        #expect(tree.check("allowed/prod.env.d", "f", main: true).message.contains("'.env'"))
        #expect(tree.allowlist.effectiveBlockedPatterns.starts(with: MountAllowlist.builtInBlockedPatterns))
    }

    @Test("a prefix that is not a path boundary is not containment")
    func boundary() {
        #expect(MountSecurity.isWithin("/data/project", root: "/data"))
        #expect(!MountSecurity.isWithin("/database", root: "/data"))
        #expect(MountSecurity.isWithin("/data", root: "/data"))
    }

    @Test("allowlist documents: plain strings are read-only roots; bad values are refused with the field")
    func parsing() throws {
        func parse(_ text: String) throws -> MountAllowlist {
            let list = try JSONDecoder().decode(MountAllowlist.self, from: Data(text.utf8))
            try list.validate()
            return list
        }
        let good = try parse(#"""
            {"allowedRoots": ["/srv/a", {"path": "/srv/b", "allowReadWrite": true, "description": "b"}],
             "blockedPatterns": ["x"], "nonMainReadOnly": false}
            """#)
        #expect(good.allowedRoots == [.init(path: "/srv/a"), .init(path: "/srv/b", allowReadWrite: true, description: "b")])
        #expect(good.blockedPatterns == ["x"] && !good.nonMainReadOnly)
        #expect(try parse(String(decoding: try good.fileData(), as: UTF8.self)) == good)
        let bad: [(String, String)] = [
            (#"{"allowedRoots": ["relative/path"]}"#, "allowedRoots[0]"),
            (#"{"allowedRoots": ["/srv/../etc"]}"#, "allowedRoots[0]"),
            (#"{"allowedRoots": [5]}"#, "allowedRoots[0]"),
            (#"{"allowedRoots": [], "blockedPatterns": ["a/b"]}"#, "blockedPatterns"),
            (#"{"allowedRoots": [], "extra": 1}"#, "extra"),
            (#"{"allowedRoots": [{"path": "/a", "rw": true}]}"#, "allowedRoots[0].rw"),
        ]
        for (text, param) in bad {
            #expect(throws: ClawError.self) { try parse(text) }
            do { _ = try parse(text) } catch let e as ClawError {
                #expect(e.param == param, "\(text): \(e)")
            }
        }
    }
}
