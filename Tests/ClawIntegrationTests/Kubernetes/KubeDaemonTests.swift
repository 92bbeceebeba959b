import ClawAPI
import ClawClient
import ClawKubernetes
import ClawTestSupport
import Foundation
import Testing

/// The built `clawd` with `runtime: kubernetes` against kmock's emulator: the composition
/// (`Daemon.build` wiring the cluster backend and the leader Lease) as production runs it.
@Suite("clawd with runtime: kubernetes (kmock emulator)", .serialized)
struct KubeDaemonTests {
    static func environment(_ emulator: KubeEmulator, kubeconfig: String, install: String) -> [String: String] {
        ["CLAWD_RUNTIME": "kubernetes", "CLAWD_KUBECONFIG": kubeconfig, "CLAWD_KUBERNETES_NAMESPACE": emulator.namespace,
         "CLAWD_INSTALL_ID": install]
    }

    @Test("clawd takes the leader lease and reports kubernetes; a second replica waits, not serving, until the first dies")
    func leaderLease() async throws {
        try await KubeEmulator.with { emulator in
            let kubeconfig = try emulator.writeKubeconfig()
            let suffix = String(UUID().uuidString.lowercased().prefix(6))
            let first = try DaemonProcess(environment: Self.environment(emulator, kubeconfig: kubeconfig, install: "ka\(suffix)"))
            defer { first.signal(SIGKILL) }
            try await first.waitReady(timeout: .seconds(60))
            let status = try await first.admin.get("/admin/status").decode(AdminStatus.self)
            #expect(status.runtime["backend"] == "kubernetes", "\(status.runtime)")
            #expect(status.runtime["ok"] == "true", "\(status.runtime)")

            let second = try DaemonProcess(environment: Self.environment(emulator, kubeconfig: kubeconfig, install: "kb\(suffix)"))
            defer { second.signal(SIGKILL) }
            try await eventually("the second replica waits for the lease", timeout: .seconds(30)) {
                (second.stdout + second.stderr).contains("waiting for the leader lease held by") ? true : nil
            }
            try await Task.sleep(for: .seconds(3))
            #expect(!FileManager.default.fileExists(atPath: second.socketPath), "the waiting replica serves")
            #expect(second.process.isRunning)

            first.signal(SIGKILL)
            _ = await first.waitExit(timeout: .seconds(10))
            // The lease lasts 15 s after the last renewal; then the second takes over and serves.
            try await second.waitReady(timeout: .seconds(90))
            let holder = try await second.admin.get("/admin/status").decode(AdminStatus.self)
            #expect(holder.runtime["backend"] == "kubernetes")
        }
    }
}
