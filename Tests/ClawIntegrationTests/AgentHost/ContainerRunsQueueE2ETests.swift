import ClawCore
import ClawRuntime
import ClawTestSupport
import Foundation
import Synchronization
import Testing

/// Agent runs against the built clawd and REAL podman: the host cap sampled from the runtime,
/// FIFO with tasks first, timeouts, schedules, a daemon killed with runs in flight.
@Suite("Agent runs against real podman", .serialized)
struct ContainerRunsQueueE2ETests {
    init() async throws { try await RunsDaemon.ensureImage() }

    @Test("8 groups with maxConcurrent 3: never more than 3 agent containers, all complete, FIFO with tasks first")
    func concurrencyCap() async throws {
        try await RunsDaemon.with { d in
            let cap = try await d.object("PUT", "/queue/max-concurrent", ["maxConcurrent": 3])
            #expect(cap["maxConcurrent"] as? Int == 3)
            for i in 0..<8 { try await d.group("g\(i)") }
            // The first three hold the slots and free them ~2 s apart; the five after them each
            // run longer than that gap, so every freed slot starts exactly one waiting run.
            var ids: [String] = []
            for (i, seconds) in [2, 4, 6].enumerated() {
                ids.append(try await d.submit("g\(i)", "sleep \(seconds); echo m\(i)"))
            }
            for i in 3..<6 { ids.append(try await d.submit("g\(i)", "sleep 7; echo m\(i)")) }
            for i in 6..<8 { ids.append(try await d.submit("g\(i)", "sleep 7; echo t\(i)", kind: "task")) }
            let counts = try await d.object("GET", "/queue/counts")
            #expect(counts["active"] as? Int == 3)
            #expect(counts["pendingTasks"] as? Int == 2)
            #expect(counts["pendingMessages"] as? Int == 3)

            let peak = Mutex(0)
            let done = Atomic<Bool>(false)
            async let sampler: Void = {
                while !done.load(ordering: .relaxed) {
                    if let n = try? await d.agentContainers(runningOnly: true).count { peak.withLock { $0 = max($0, n) } }
                    try? await Task.sleep(for: .milliseconds(150))
                }
            }()
            let runs = try await d.waitFinal(ids, timeout: .seconds(180))
            done.store(true, ordering: .relaxed)
            await sampler

            let observed = peak.withLock { $0 }
            #expect(observed <= 3, "runtime showed \(observed) agent containers at once")
            #expect(observed >= 2, "the runs never overlapped (peak \(observed))")
            for (i, id) in ids.enumerated() {
                #expect(runs[id]?["status"] as? String == "succeeded", "\(runs[id] ?? [:])")
                #expect(runs[id]?["output"] as? String == (i >= 6 ? "t\(i)" : "m\(i)"))
            }
            // From the recorded timings too: at no instant more than 3 runs.
            let spans = ids.compactMap { id in runs[id].flatMap { r in r.startedAt.flatMap { s in r.finishedAt.map { (s, $0) } } } }
            #expect(spans.count == 8)
            for (s, _) in spans {
                #expect(spans.filter { $0.0 <= s && s < $0.1 }.count <= 3)
            }
            // Start order: the three first, then the tasks, then the messages in arrival order.
            let order = ids.sorted { runs[$0]!.startedAt! < runs[$1]!.startedAt! }
            #expect(Set(order.prefix(3)) == Set(ids.prefix(3)))
            #expect(Array(order.dropFirst(3)) == [ids[6], ids[7], ids[3], ids[4], ids[5]])
            #expect(try await d.agentContainers().isEmpty)
        }
    }

    @Test("a run silent past its timeout is stopped and recorded timeout; one that keeps printing is not")
    func timeouts() async throws {
        try await RunsDaemon.with { d in
            try await d.group("quiet")
            try await d.group("chatty")
            let quiet = try await d.submit("quiet", "echo started; sleep 60; echo never", timeout: 5)
            // Runs twice its timeout, printing every second. Silence counts from the container's
            // start, so however long a loaded host takes to create it, only a gap between lines can
            // stop it; a timeout on total run time would stop it at 6 s.
            let chatty = try await d.submit("chatty", "i=0; while [ $i -lt 12 ]; do echo tick$i; sleep 1; i=$((i+1)); done",
                                            timeout: 6)
            let runs = try await d.waitFinal([quiet, chatty], timeout: .seconds(180))
            let q = try #require(runs[quiet]), c = try #require(runs[chatty])
            #expect(q["status"] as? String == "timeout")
            #expect((q["output"] as? String)?.contains("started") == true)
            #expect((q["output"] as? String)?.contains("never") == false)
            #expect((q["durationMs"] as? Int ?? 0) < 50_000)
            #expect(c["status"] as? String == "succeeded")
            #expect(c["output"] as? String == (0..<12).map { "tick\($0)" }.joined(separator: "\n"))
            #expect((c["durationMs"] as? Int ?? 0) >= 11_000)
            let failing = try await d.submit("quiet", "echo oops; exit 3", kind: "task")
            let f = try #require(try await d.waitFinal([failing])[failing])
            #expect(f["status"] as? String == "failed")
            #expect((f["error"] as? String)?.contains("exited with 3") == true)
            // A run schedules for its own group by writing into its IPC tasks/ directory.
            let task = #"{"type":"schedule_task","prompt":"echo later","schedule_type":"interval","schedule_value":3600000}"#
            let writer = try await d.submit("chatty", "echo '\(task)' > /workspace/ipc/tasks/t1.json")
            #expect(try await d.waitFinal([writer])[writer]?["status"] as? String == "succeeded")
            let schedules = try await d.list("/schedules")
            #expect(schedules.map { $0["group"] as? String } == ["chatty"])
            #expect(schedules.first?["status"] as? String == "active")
            #expect(try await d.agentContainers().isEmpty)
        }
    }
}
