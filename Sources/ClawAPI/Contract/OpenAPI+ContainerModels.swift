import ClawCore
import ClawWire

extension OpenAPI {
    typealias CW = ContainerWire

    static let groupLinks: [String: Link] = [
        "get": .id("GET /api/v1/container/namespaces/{name}", from: "name", parameter: "name"),
        "instructions": .id("GET /api/v1/container/namespaces/{name}/instructions", from: "name", parameter: "name"),
        "queue": .id("GET /api/v1/container/queue/groups/{group}", from: "name", parameter: "group"),
        "delete": .id("DELETE /api/v1/container/namespaces/{name}", from: "name", parameter: "name"),
    ]

    static let scheduleLinks: [String: Link] = [
        "get": .id("GET /api/v1/container/schedules/{id}"), "logs": .id("GET /api/v1/container/schedules/{id}/logs"),
        "delete": .id("DELETE /api/v1/container/schedules/{id}"),
    ]

    static let containerModels: [String: Models] = [
        "GET /api/v1/container/namespaces": Models(ok([CW.Namespace].self)),
        "POST /api/v1/container/namespaces": Models(request: CW.NamespaceCreateRequest.self, status("201", CW.Namespace.self),
                                                    links: groupLinks),
        "POST /api/v1/container/namespaces/merge-instructions": Models(request: CW.MergeInstructionsRequest.self,
                                                                       ok(CW.MergedInstructions.self)),
        "GET /api/v1/container/namespaces/{name}": Models(ok(CW.Namespace.self)),
        "PUT /api/v1/container/namespaces/{name}": Models(request: CW.NamespaceUpdateRequest.self, ok(CW.Namespace.self)),
        "DELETE /api/v1/container/namespaces/{name}": Models(["204": .none]),
        "GET /api/v1/container/namespaces/{name}/instructions": Models(ok(CW.Instructions.self)),
        "PUT /api/v1/container/namespaces/{name}/instructions": Models(request: CW.InstructionsRequest.self,
                                                                       ok(CW.Instructions.self)),
        "GET /api/v1/container/queue/groups": Models(ok([CW.QueueGroup].self)),
        "GET /api/v1/container/queue/groups/{group}": Models(ok(CW.QueueGroup.self)),
        "GET /api/v1/container/queue/counts": Models(ok(CW.QueueCounts.self)),
        "GET /api/v1/container/queue/max-concurrent": Models(ok(CW.MaxConcurrent.self)),
        "PUT /api/v1/container/queue/max-concurrent": Models(request: CW.MaxConcurrent.self, ok(CW.MaxConcurrent.self)),
        "POST /api/v1/container/runs": Models(request: CW.RunRequest.self, status("202", CW.RunStarted.self),
                                              answerHeaders: ["Location": true], links: ["get": .id("GET /api/v1/container/runs/{id}", from: "runId")]),
        "GET /api/v1/container/runs/{id}": Models(ok(CW.Run.self)),
        "GET /api/v1/container/schedules": Models(ok([CW.Schedule].self)),
        "POST /api/v1/container/schedules": Models(request: CW.ScheduleRequest.self, status("201", CW.Schedule.self),
                                                   links: scheduleLinks),
        "GET /api/v1/container/schedules/{id}": Models(ok(CW.Schedule.self)),
        "PUT /api/v1/container/schedules/{id}": Models(request: CW.ScheduleRequest.self, ok(CW.Schedule.self)),
        "DELETE /api/v1/container/schedules/{id}": Models(["204": .none]),
        "GET /api/v1/container/schedules/{id}/logs": Models(ok([CW.ScheduleLogEntry].self)),
        "GET /api/v1/container/audit-log": Models(ok([CW.AuditLogEntry].self), query: [.string("since")]),
        "GET /api/v1/container/run-history": Models(ok([CW.Run].self), query: [.string("group")]),
        "GET /api/v1/container/metrics": Models(ok(CW.Metrics.self)),
        "GET /api/v1/container/analytics": Models(ok(CW.Analytics.self)),
        "GET /api/v1/container/runtime": Models(ok(CW.RuntimeStatus.self)),
        "POST /api/v1/container/image/build": Models(request: CW.ImageBuildRequest.self, status("202", CW.ImageBuild.self),
                                                     answerHeaders: ["Location": true]),
        "GET /api/v1/container/image/builds/{buildId}": Models(ok(CW.ImageBuild.self), query: [.boolean("wait")]),
        "GET /api/v1/container/image/status": Models(ok(CW.ImageStatus.self), query: [.string("imageTag")]),
        "POST /api/v1/container/mount/validate": Models(request: CW.MountValidateRequest.self, ok(MountDecision.self)),
        "GET /api/v1/container/mount/allowlist": Models(ok(CW.Allowlist.self)),
        "PUT /api/v1/container/mount/allowlist": Models(request: MountAllowlist.self, ok(CW.Allowlist.self)),
        "GET /api/v1/container/credential-proxy/status": Models(ok(CW.ProxyStatus.self)),
        "POST /api/v1/container/credential-proxy/start": Models(request: EmptyRequest.self, ok(CW.ProxyStatus.self)),
        "POST /api/v1/container/credential-proxy/stop": Models(request: EmptyRequest.self, ok(CW.ProxyStatus.self)),
        "PUT /api/v1/container/credential-proxy/port": Models(request: CW.ProxyPortRequest.self, ok(CW.ProxyStatus.self)),
        "POST /api/v1/container/credential-proxy/mappings": Models(request: CW.ProxyMappingRequest.self,
                                                                   status("201", CW.ProxyMappingCreated.self)),
        "DELETE /api/v1/container/credential-proxy/mappings/{id}": Models(["204": .none]),
        "POST /api/v1/container/ipc/directories": Models(request: CW.GroupRequest.self, ok(CW.IPCDirectories.self)),
        "POST /api/v1/container/ipc/follow-up": Models(request: CW.FollowUpRequest.self, ok(CW.FollowUpDelivered.self)),
        "POST /api/v1/container/ipc/close": Models(request: CW.GroupRequest.self, ok(CW.Closed.self)),
    ]

    static let credentials: [any Decodable.Type] = [ChannelWire.BotTokenRequest.self, ChannelWire.SlackRequest.self,
                                                     ChannelWire.WhatsAppRequest.self]

    static let channelModels: [String: Models] = [
        "GET /api/v1/channels": Models(ok([ChannelWire.Channel].self)),
        "GET /api/v1/channels/{name}": Models(ok(ChannelWire.Channel.self)),
        "POST /api/v1/channels/messages": Models(request: ChannelWire.SendRequest.self, status("202", ChannelWire.SendAccepted.self)),
        "GET /api/v1/channels/chats": Models(ok([ChannelWire.Chat].self)),
        "GET /api/v1/channels/chats/{jid}/messages": Models(ok([ChannelWire.Message].self), query: [.integer("limit"), .string("before")]),
        "GET /api/v1/channels/sender-allowlist": Models(ok(SenderAllowlist.self)),
        "PUT /api/v1/channels/sender-allowlist": Models(request: SenderAllowlist.self, ok(SenderAllowlist.self)),
        "POST /api/v1/channels/{name}/connect": Models(oneOf: credentials, ok(ChannelWire.Channel.self)),
        "POST /api/v1/channels/{name}/disconnect": Models(ok(ChannelWire.Disconnected.self)),
        "POST /api/v1/channels/{name}/validate": Models(oneOf: credentials, ok(ChannelWire.Validated.self)),
        "GET /api/v1/channels/whatsapp/webhook": Models(["200": .text("text/plain")],
                                                        query: [.string("hub.mode"), .string("hub.verify_token"),
                                                                .string("hub.challenge")]),
        "POST /api/v1/channels/whatsapp/webhook": Models(request: JSONValue.self, ok(ChannelWire.Validated.self),
                                                         headers: ["X-Hub-Signature-256"]),
    ]
}
