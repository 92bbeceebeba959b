import ClawCore
import ClawRuntime
import ClawTestSupport
import Foundation
import Testing

/// Group extra mounts, sessions (group / isolated) and IPC task files read while a run is active,
/// against the built clawd and REAL podman.
@Suite("Agent run mounts, sessions and live IPC against real podman", .serialized)
struct ContainerRunsSessionE2ETests {
    init() async throws { try await RunsDaemon.ensureImage() }

    /// The `mount.run` audit entries of one run.
    static func mountAudit(_ d: RunsDaemon, run: String) async throws -> [[String: Any]] {
        try await d.list("/audit-log?limit=1000").filter {
            $0["action"] as? String == "mount.run" && $0["actor"] as? String == "run:\(run)"
        }
    }

    @Test("extra mounts: checked at each run start against the allowlist of that moment; refused ones skipped; ro for non-main; audited")
    func extraMounts() async throws {
        try await RunsDaemon.with { d in
            let host = MountSecurity.realPath(d.dir)! + "/host"
            for dir in ["shared", ".ssh", "../elsewhere"] {
                try FileManager.default.createDirectory(atPath: host + "/" + dir, withIntermediateDirectories: true)
            }
            try "hi".write(toFile: host + "/shared/hello.txt", atomically: true, encoding: .utf8)
            let elsewhere = MountSecurity.realPath(d.dir)! + "/elsewhere"
            let mounts: [[String: Any]] = [
                ["hostPath": host + "/shared", "containerPath": "shared", "readOnly": false],
                ["hostPath": host + "/.ssh", "containerPath": "keys"],
                ["hostPath": elsewhere, "containerPath": "out"],
            ]
            let team = try await d.object("POST", "/namespaces", ["name": "team", "containerConfig": ["additionalMounts": mounts]],
                                          expect: 201)
            #expect(((team["containerConfig"] as? [String: Any])?["additionalMounts"] as? [Any])?.count == 3)
            _ = try await d.object("POST", "/namespaces", [
                "name": "boss", "isMain": true, "containerConfig": ["additionalMounts": [mounts[0]]],
            ], expect: 201)
            _ = try await d.object("PUT", "/mount/allowlist", [
                "allowedRoots": [["path": host, "allowReadWrite": true]], "nonMainReadOnly": true,
            ])

            let probe = "ls /workspace/extra; cat /workspace/extra/shared/hello.txt; echo; "
                + "touch /workspace/extra/shared/w-$CLAWD_GROUP 2>/dev/null && echo rw || echo ro"
            let t1 = try await d.submit("team", probe, timeout: 120)
            let b1 = try await d.submit("boss", probe, timeout: 120)
            let first = try await d.waitFinal([t1, b1])
            #expect(first[t1]?["status"] as? String == "succeeded", "\(first[t1] ?? [:])")
            #expect(first[t1]?["output"] as? String == "shared\nhi\nro")
            #expect(first[b1]?["output"] as? String == "shared\nhi\nrw")
            #expect(!FileManager.default.fileExists(atPath: host + "/shared/w-team"))
            #expect(FileManager.default.fileExists(atPath: host + "/shared/w-boss"))

            let teamAudit = try await Self.mountAudit(d, run: t1).reversed().map { $0 }
            #expect(teamAudit.count == 3)
            #expect(teamAudit.map { $0["outcome"] as? String } == ["allowed", "refused", "refused"])
            #expect(teamAudit.first?["target"] as? String == "\(host)/shared -> /workspace/extra/shared")
            #expect((teamAudit.first?["detail"] as? String)?.hasPrefix("ro:") == true, "\(teamAudit)")
            #expect((teamAudit[1]["detail"] as? String)?.contains(".ssh") == true)
            #expect((teamAudit[2]["detail"] as? String)?.contains("not under any allowed root") == true)
            let bossAudit = try await Self.mountAudit(d, run: b1)
            #expect(bossAudit.count == 1)
            #expect((bossAudit.first?["detail"] as? String)?.hasPrefix("rw:") == true)

            // The allowlist changes; the next run follows it (and still runs).
            _ = try await d.object("PUT", "/mount/allowlist", ["allowedRoots": [String]()])
            let t2 = try await d.submit("team", "ls -A /workspace/extra 2>/dev/null | wc -l", timeout: 120)
            let second = try #require(try await d.waitFinal([t2])[t2])
            #expect(second["status"] as? String == "succeeded")
            #expect((second["output"] as? String)?.trimmingCharacters(in: .whitespaces) == "0")
            let audit2 = try await Self.mountAudit(d, run: t2)
            #expect(audit2.count == 3)
            #expect(audit2.allSatisfy { $0["outcome"] as? String == "refused" })
        }
    }

    @Test("sessions: two group-mode runs share history; an isolated schedule run sees none and leaves nothing behind")
    func sessions() async throws {
        try await RunsDaemon.with(env: ["CLAWD_AGENT_IMAGE": ContainerDaemon.agentImage]) { d in
            try await d.group("chat")
            // The agent runner waits for follow-ups after its prompt; `_close` (sent first) ends it.
            func run(_ prompt: String) async throws -> [String: Any] {
                _ = try await d.object("POST", "/ipc/close", ["group": "chat"])
                let id = try await d.submit("chat", prompt, timeout: 120)
                return try #require(try await d.waitFinal([id])[id])
            }
            let hello = try await run("hello")
            #expect(hello["output"] as? String == "received: hello", "\(hello)")
            #expect(hello["contextMode"] as? String == "group")
            let second = try await run("history")
            #expect(second["output"] as? String == "history 1", "\(second)")
            let sessions = d.dir + "/data/sessions/chat"
            #expect(try String(contentsOfFile: sessions + "/history", encoding: .utf8) == "hello\nhistory\n")

            _ = try await d.object("POST", "/ipc/close", ["group": "chat"])
            let at = Timestamp(millis: Timestamp.now().millis + 1500).iso8601
            let s = try await d.object("POST", "/schedules", [
                "name": "iso", "group": "chat", "prompt": "history", "schedule": ["type": "once", "value": at],
                "containerConfig": ["timeoutSecs": 120], "contextMode": "isolated",
            ], expect: 201)
            let sid = try #require(s["id"] as? String)
            let log = try await eventually("isolated run logged", timeout: .seconds(120)) { () -> [String: Any]? in
                try await d.list("/schedules/\(sid)/logs").first
            }
            #expect(log["status"] as? String == "success", "\(log)")
            #expect(log["result"] as? String == "history 0", "\(log)")
            let isoRun = try await d.run(try #require(log["runId"] as? String))
            #expect(isoRun["contextMode"] as? String == "isolated")
            let runSessions = d.dir + "/data/run-sessions"
            let left = (try? FileManager.default.contentsOfDirectory(atPath: runSessions)) ?? []
            #expect(left.isEmpty, "isolated sessions left: \(left)")
            #expect(try String(contentsOfFile: sessions + "/history", encoding: .utf8) == "hello\nhistory\n")

            let third = try await run("history")
            #expect(third["output"] as? String == "history 2", "\(third)")
        }
    }

    @Test("a task file written by a running agent creates its schedule while the run is still active")
    func liveIPCTasks() async throws {
        try await RunsDaemon.with { d in
            try await d.group("live")
            let task = #"{"type":"schedule_task","name":"from-agent","prompt":"later","schedule_type":"once","schedule_value":"2099-01-01T00:00:00Z"}"#
            let prompt = "t=/workspace/ipc/tasks; printf '%s' '\(task)' > $t/.a.tmp && mv $t/.a.tmp $t/a.json; "
                + "i=0; while [ ! -e /workspace/group/stop ] && [ $i -lt 1500 ]; do sleep 0.2; i=$((i+1)); done; echo done"
            let id = try await d.submit("live", prompt, timeout: 600)
            let schedule = try await eventually("schedule from the running agent", timeout: .seconds(120)) { () -> [String: Any]? in
                try await d.list("/schedules").first { $0["name"] as? String == "from-agent" }
            }
            #expect(schedule["group"] as? String == "live")
            #expect(schedule["status"] as? String == "active")
            let during = try await d.run(id)
            #expect(during["status"] as? String == "running", "the run ended before the schedule appeared: \(during)")
            let applied = try await d.list("/audit-log?limit=1000").filter { $0["action"] as? String == "ipc-task" }
            #expect(applied.first?["outcome"] as? String == "applied")

            FileManager.default.createFile(atPath: d.dir + "/data/groups/live/stop", contents: Data())
            let final = try #require(try await d.waitFinal([id])[id])
            #expect(final["status"] as? String == "succeeded", "\(final)")
            #expect(final["output"] as? String == "done")
            #expect(try await d.list("/schedules").filter { $0["name"] as? String == "from-agent" }.count == 1)
        }
    }
}
