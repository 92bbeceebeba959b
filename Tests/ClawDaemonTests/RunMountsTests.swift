import ClawCore
@testable import ClawStore
import Foundation
import Testing
@testable import ClawDaemon

/// A run's extra mounts against a real directory tree and the allowlist of the moment: allowed
/// ones become binds under /workspace/extra, refused ones are skipped, each decision audited.
@Suite("Agent run extra mounts")
struct RunMountsTests {
    /// <tmp>/root/{data,.ssh,odd:name}, <tmp>/elsewhere.
    static func tree() throws -> String {
        let base = MountSecurity.realPath(NSTemporaryDirectory())! + "/clawd-runmounts-\(UUID().uuidString.prefix(8))"
        for dir in ["root/data", "root/.ssh", "root/odd:name", "elsewhere"] {
            try FileManager.default.createDirectory(atPath: base + "/" + dir, withIntermediateDirectories: true)
        }
        return base
    }

    static func group(isMain: Bool, _ mounts: [MountRequest]) -> ContainerGroup {
        ContainerGroup(id: "ns_1", name: isMain ? "main" : "team", orgID: "org_1", description: "", isMain: isMain,
                       chatJids: [], containerConfig: GroupContainerConfig(additionalMounts: mounts),
                       createdAt: .now(), updatedAt: .now())
    }

    @Test("allowed, blocked, outside, missing and ':' paths; rw only for a main group; every decision audited")
    func decisions() throws {
        let base = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let list = MountAllowlist(allowedRoots: [.init(path: base + "/root", allowReadWrite: true)], nonMainReadOnly: true)
        let mounts = [
            MountRequest(hostPath: base + "/root/data", containerPath: "data", readOnly: false),
            MountRequest(hostPath: base + "/root/.ssh", containerPath: "keys"),
            MountRequest(hostPath: base + "/elsewhere"),
            MountRequest(hostPath: base + "/root/missing"),
            MountRequest(hostPath: base + "/root/odd:name", containerPath: "odd"),
        ]
        let team = RunMounts.decide(Self.group(isMain: false, mounts), runID: "run_x", allowlist: .success(list))
        #expect(team.decisions.map(\.allowed) == [true, false, false, false, false])
        #expect(team.decisions[0].readOnly, "nonMainReadOnly makes a non-main group's mount read-only")
        #expect(team.decisions[0].containerPath == "/workspace/extra/data")
        #expect(team.audit.count == 5)
        #expect(team.audit.allSatisfy { $0.actor == "run:run_x" && $0.action == "mount.run" && $0.orgID == "org_1" })
        #expect(team.audit.map(\.outcome) == ["allowed", "refused", "refused", "refused", "refused"])
        #expect(team.audit[0].target == "\(base)/root/data -> /workspace/extra/data")
        #expect(team.audit[2].target == "\(base)/elsewhere -> /workspace/extra/elsewhere")
        #expect(team.audit[0].detail?.hasPrefix("ro: ") == true, "\(team.audit[0].detail ?? "")")
        #expect(team.audit[1].detail?.contains(".ssh") == true)
        #expect(team.audit[3].detail?.contains("does not exist") == true)
        #expect(team.audit[4].detail?.contains("':' or ','") == true)

        let main = RunMounts.decide(Self.group(isMain: true, mounts), runID: "run_y", allowlist: .success(list))
        #expect(main.decisions[0].allowed && !main.decisions[0].readOnly)
        #expect(main.audit[0].detail?.hasPrefix("rw: ") == true)

        // The spec carries only the allowed one, with its mode.
        var spec = AgentContainerSpec(name: "n", image: "i", installID: "x", group: "main", runID: "run_y", workspace: "/w",
                                      global: nil, ipc: "/i", gateway: nil, proxyPort: 1)
        spec.extraMounts = main.decisions
        spec.session = "/s"
        let made = spec.make()
        #expect(made.binds.filter { $0.containerPath.hasPrefix("/workspace/extra") } ==
            [BindMount(hostPath: base + "/root/data", containerPath: "/workspace/extra/data", readOnly: false)])
        #expect(made.binds.contains(BindMount(hostPath: "/s", containerPath: "/workspace/session", readOnly: false)))
        #expect(made.environment["CLAWD_SESSION_DIR"] == "/workspace/session")
    }

    @Test("no allowlist, or one that cannot be read: every mount refused with the reason, none mounted")
    func noAllowlist() {
        let g = Self.group(isMain: true, [MountRequest(hostPath: "/tmp")])
        let none = RunMounts.decide(g, runID: "r", allowlist: .success(nil))
        #expect(none.decisions.map(\.allowed) == [false])
        #expect(none.audit.first?.detail?.contains("no mount allowlist") == true)
        let broken = RunMounts.decide(g, runID: "r", allowlist: .failure(ClawError(.invalidArgument, "not JSON")))
        #expect(broken.audit.first?.outcome == "refused")
        #expect(broken.audit.first?.detail?.contains("not JSON") == true)
        #expect(RunMounts.decide(Self.group(isMain: true, []), runID: "r", allowlist: .success(nil)).audit.isEmpty)
    }
}
