import ClawClient
import ClawCore
import ClawTestSupport
import Foundation
import Testing

extension E2E {
    @Suite("orphan cleanup is scoped to clawd's own install label")
    struct Orphans {
        @Test("a container and a volume with our install label but an unknown instance are removed after the grace; another install's and an unlabelled container are never touched, also across a restart")
        func orphansAfterGrace() async throws {
            try await E2EInstall.with { install in
                let grace = 10
                try await install.start(environment: ["CLAWD_ORPHAN_GRACE_SECONDS": "\(grace)"])
                let tag = E2E.suffix()
                let ours = "clawdtest-orphan-\(tag)"
                let ourVolume = "clawdtest-orphanvol-\(tag)"
                let otherInstall = "clawdtest-other-\(tag)"
                let unlabelled = "clawdtest-nolabel-\(tag)"
                for name in [ours, otherInstall, unlabelled] { install.recordForeign(container: name) }
                install.recordForeign(volume: ourVolume)

                let image = E2EInstall.image
                let createdAt = ContinuousClock.now
                try await install.podman(["create", "--name", ours, "--label", "\(RuntimeNames.installLabel)=\(install.installID)",
                                          "--label", "\(RuntimeNames.instanceLabel)=inst_unknown\(tag)", image])
                try await install.podman(["volume", "create", "--label", "\(RuntimeNames.installLabel)=\(install.installID)",
                                          "--label", "\(RuntimeNames.instanceLabel)=inst_unknown\(tag)", ourVolume])
                try await install.podman(["create", "--name", otherInstall, "--label", "\(RuntimeNames.installLabel)=other-\(tag)",
                                          "--label", "\(RuntimeNames.instanceLabel)=inst_unknown\(tag)", image])
                try await install.podman(["create", "--name", unlabelled, image])

                // Inside the grace: seen, waiting, not removed.
                let early = try await install.daemon.admin.post("/admin/reconcile", [:])
                #expect(early.status == 200, "\(early.text)")
                if ContinuousClock.now - createdAt < .seconds(grace - 2) {
                    let changed = try early.json()["changed"] as? [String: Any]
                    #expect((changed?["orphansWaiting"] as? Int ?? 0) >= 1, "\(early.text)")
                    #expect(try await Self.exists(install, ours), "the orphan was removed inside the grace")
                }

                // After the grace, a reconcile removes ours (container and volume).
                try await eventually("our orphan container and volume removed", timeout: .seconds(90)) {
                    let r = try await install.daemon.admin.post("/admin/reconcile", [:])
                    guard r.status == 200 else { throw DaemonProcessError("reconcile → \(r.status) \(r.text)") }
                    let gone = try await !Self.exists(install, ours)
                    let volumeGone = try await !install.runtime.volumeExists(name: ourVolume)
                    return gone && volumeGone ? true : nil
                }
                #expect(ContinuousClock.now - createdAt >= .seconds(grace - 1), "removed before the grace had passed")
                #expect(try await Self.exists(install, otherInstall), "another install's container was removed")
                #expect(try await Self.exists(install, unlabelled), "an unlabelled container was removed")

                // A restart with no grace at all (boot reconcile) still leaves them alone.
                try await install.start(environment: ["CLAWD_ORPHAN_GRACE_SECONDS": "0"])
                #expect(try await install.daemon.admin.post("/admin/reconcile", [:]).status == 200)
                #expect(try await Self.exists(install, otherInstall), "another install's container was removed after restart")
                #expect(try await Self.exists(install, unlabelled), "an unlabelled container was removed after restart")
            }
        }

        static func exists(_ install: E2EInstall, _ name: String) async throws -> Bool {
            try await install.runtime.inspectContainer(name) != nil
        }
    }
}
