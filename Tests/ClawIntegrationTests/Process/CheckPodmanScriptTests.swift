import ClawTestSupport
import Foundation
import Testing

/// scripts/check-podman (run by scripts/setup) against podman wrappers that behave like podman
/// on a fresh Debian host: a warning on stderr must never be taken for a value.
@Suite("scripts/check-podman reads values from stdout only")
struct CheckPodmanScriptTests {
    static let cniWarning = #"time="2026-01-01T00:00:00Z" level=warning msg="Error validating CNI config file /etc/cni/net.d/87-podman-bridge.conflist: [failed to find plugin \"bridge\" in path [/usr/lib/cni]]""#

    /// Runs scripts/check-podman with PODMAN pointing at a wrapper whose body is `script`.
    static func check(wrapper script: String) async throws -> ProcessResultCapture {
        let dir = try TestPaths.makeTempDir("podw")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let wrapper = dir + "/podman"
        try ("#!/bin/sh\n" + script).write(toFile: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestPaths.repoRoot + "/scripts/check-podman")
        var env = ProcessInfo.processInfo.environment
        env["PODMAN"] = wrapper
        p.environment = env
        return try await ProcessResultCapture.run(p, timeout: .seconds(60))
    }

    static func requirePodman() throws -> String {
        let path = "/usr/bin/podman"
        try #require(FileManager.default.isExecutableFile(atPath: path), "podman missing: run scripts/setup")
        return path
    }

    @Test("a CNI warning on stderr before every answer: the real podman still checks out as runc + netavark")
    func warningOnStderrIsIgnored() async throws {
        let podman = try Self.requirePodman()
        let r = try await Self.check(wrapper: "echo '\(Self.cniWarning)' >&2\nexec \(podman) \"$@\"\n")
        #expect(r.status == 0, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        #expect(r.stdout.contains("uses runc and netavark"), "\(r.stdout)")
    }

    @Test("a wrong runtime is named exactly, not mixed with the warning")
    func wrongRuntimeIsNamed() async throws {
        let r = try await Self.check(wrapper: "echo '\(Self.cniWarning)' >&2\necho crun\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("OCI runtime 'crun', not runc"), "\(r.stderr)")
        #expect(!r.stderr.contains("level=warning"), "\(r.stderr)")
    }

    @Test("a CNI backend is refused")
    func cniBackendIsRefused() async throws {
        let script = """
            case "$*" in *NetworkBackend*) echo cni ;; *) echo runc ;; esac
            """
        let r = try await Self.check(wrapper: script + "\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("network backend 'cni', not netavark"), "\(r.stderr)")
    }

    @Test("a failing podman: its stderr is the error message")
    func failureCarriesStderr() async throws {
        let r = try await Self.check(wrapper: "echo 'cannot open storage: permission denied' >&2\nexit 125\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("cannot open storage: permission denied"), "\(r.stderr)")
    }
}
