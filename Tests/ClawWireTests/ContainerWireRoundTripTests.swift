import ClawCore
import ClawWire
import Foundation
import Testing

/// What clawd encodes, clawctl decodes into the same value; answers list unset fields as null.
@Suite("Container wire models: encode → decode round-trips")
struct ContainerWireRoundTripTests {
    static func roundTrip<T: Codable & Equatable>(_ value: T) throws -> String {
        let data = try Wire.encode(value)
        #expect(try Wire.decode(T.self, from: data) == value)
        return String(decoding: data, as: UTF8.self)
    }

    @Test("requests: what clawctl sends, the server decodes unchanged")
    func requests() throws {
        func request<T: ContainerWire.CheckedRequest & Equatable>(_ value: T) throws {
            #expect(try ContainerWire.request(T.self, from: try Wire.encode(value)) == value)
        }
        try request(ContainerWire.ImageBuildRequest(imageTag: "clawd-agent:1"))
        try request(ContainerWire.MountValidateRequest(hostPath: "/srv/a", containerPath: "a", readOnly: false, group: "g"))
        try request(MountAllowlist(allowedRoots: [.init(path: "/srv", allowReadWrite: true, description: "d")],
                                   blockedPatterns: ["cache"], nonMainReadOnly: false))
        try request(ContainerWire.ProxyPortRequest(port: 3002))
        try request(ContainerWire.ProxyMappingRequest(name: "a", upstreamUrl: "https://x", credentialType: "bearer",
                                                      credential: "k", orgIds: ["org_a"]))
        try request(ContainerWire.GroupRequest(group: "g"))
        try request(ContainerWire.FollowUpRequest(group: "g", text: "line\nline"))
        try request(ContainerWire.NamespaceCreateRequest(
            name: "g", description: "d", isMain: true, chatJids: ["j"],
            containerConfig: GroupContainerConfig(additionalMounts: [MountRequest(hostPath: "/srv/a", containerPath: "a")])))
        try request(ContainerWire.NamespaceUpdateRequest(description: "d"))
        try request(ContainerWire.MergeInstructionsRequest(name: "g"))
        try request(ContainerWire.InstructionsRequest(content: "# hi\n"))
        try request(ContainerWire.MaxConcurrent(maxConcurrent: 4))
        try request(ContainerWire.RunRequest(group: "g", prompt: "p", timeoutSecs: 30, kind: "task"))
        try request(ContainerWire.ScheduleRequest(name: "n", group: "g", prompt: "p",
                                                  schedule: .init(type: "interval", value: .number(60000)),
                                                  containerConfig: .init(timeoutSecs: 10), contextMode: "isolated", enabled: true))
    }

    @Test("runtime, image, mount and proxy answers")
    func answers() throws {
        let runtime = try Self.roundTrip(ContainerWire.RuntimeStatus(available: false, backend: nil, version: nil,
                                                                     networking: .init(), message: "none"))
        #expect(runtime == #"{"available":false,"backend":null,"message":"none","networking":{"extraRunArgs":[],"hostGateway":null},"version":null}"#)
        _ = try Self.roundTrip(ContainerWire.ImageBuild(buildId: "b", imageTag: "t", status: "running", success: nil, output: "",
                                                        message: "m", startedAt: "s", finishedAt: nil))
        let image = try Self.roundTrip(ContainerWire.ImageStatus(exists: false, imageTag: "t", message: "m"))
        #expect(image.contains(#""sizeBytes":null"#) && image.contains(#""id":null"#))
        let decision = try Self.roundTrip(MountDecision.refused("no"))
        #expect(decision == #"{"allowed":false,"canonicalHostPath":null,"containerPath":null,"message":"no","readOnly":true}"#)
        let list = try Self.roundTrip(ContainerWire.Allowlist(MountAllowlist(allowedRoots: [.init(path: "/srv")])))
        #expect(list.contains(#"{"allowReadWrite":false,"description":null,"path":"/srv"}"#) && list.contains(#""configured":true"#))
        #expect(try Self.roundTrip(ContainerWire.Allowlist(nil)).contains(#""configured":false"#))
        _ = try Self.roundTrip(ContainerWire.ProxyStatus(
            running: true, port: 3001, bindHost: nil,
            mappings: [.init(id: "cm", name: "a", upstreamUrl: "https://x", credentialType: "bearer", placeholder: "p",
                             createdAt: "t", orgIds: [])], requestsServed: 2))
        _ = try Self.roundTrip(ContainerWire.ProxyMappingCreated(id: "cm", name: "a", placeholder: "p", orgIds: ["org_a"]))
        _ = try Self.roundTrip(ContainerWire.IPCDirectories(group: "g", path: "/p", created: true))
        #expect(try Self.roundTrip(ContainerWire.FollowUpDelivered(file: "/f")) == #"{"delivered":true,"file":"/f"}"#)
        #expect(try Self.roundTrip(ContainerWire.Closed()) == #"{"closed":true}"#)
    }

    @Test("namespace, run, schedule and monitoring answers")
    func runAnswers() throws {
        _ = try Self.roundTrip(ContainerWire.Namespace(
            id: "grp", name: "g", description: "", isMain: false, chatJids: [],
            containerConfig: GroupContainerConfig(additionalMounts: [MountRequest(hostPath: "/a")]), createdAt: "c", updatedAt: "u"))
        _ = try Self.roundTrip(ContainerWire.MergedInstructions(merged: "m", sources: ["global", "g"]))
        let run = try Self.roundTrip(ContainerWire.Run(
            runId: "r", group: "g", kind: "message", status: "queued", output: nil, error: nil, attempt: 0, scheduleId: nil,
            timeoutSecs: 0, contextMode: "group", createdAt: "c", startedAt: nil, finishedAt: nil, durationMs: nil))
        for field in ["output", "error", "scheduleId", "startedAt", "finishedAt", "durationMs"] {
            #expect(run.contains("\"\(field)\":null"), "\(field)")
        }
        let schedule = try Self.roundTrip(ContainerWire.Schedule(
            id: "s", name: "n", group: "g", prompt: "p", schedule: .init(.interval(milliseconds: 60000)),
            containerConfig: .init(timeoutSecs: 0), contextMode: "group", enabled: true, status: "active", nextRun: nil,
            lastRun: nil, lastResult: nil, createdAt: "c", updatedAt: "u"))
        #expect(schedule.contains(#""schedule":{"type":"interval","value":60000}"#) && schedule.contains(#""lastRun":null"#))
        _ = try Self.roundTrip(ContainerWire.ScheduleLogEntry(runId: "r", runAt: "t", durationMs: 5, status: "success",
                                                              result: nil, error: nil))
        _ = try Self.roundTrip(ContainerWire.AuditLogEntry(id: 1, at: "t", actor: "admin", action: "a", target: "x",
                                                           outcome: "ok", detail: nil))
        _ = try Self.roundTrip(ContainerWire.Metrics(activeRuns: 1, queuedRuns: 2, maxConcurrent: 3, instances: ["RUNNING": 1],
                                                     containers: 1, cpuPercent: 12.5, memoryBytes: 1 << 20,
                                                     runsByStatus: ["succeeded": 4]))
        let now = Timestamp.now()
        let days = RunAnalytics.days([.init(at: now, group: "g", status: .succeeded, durationMs: 100)], days: 2, now: now)
        let analytics = try Self.roundTrip(ContainerWire.Analytics(days: 2, daily: days.map(ContainerWire.AnalyticsDay.init)))
        #expect(analytics.contains(#""p50DurationMs":null"#) && analytics.contains(#""byGroup":{"g":{"#))
        #expect(try Self.roundTrip(ContainerWire.RunStarted(runId: "r", status: "queued")) == #"{"runId":"r","status":"queued"}"#)
    }
}
