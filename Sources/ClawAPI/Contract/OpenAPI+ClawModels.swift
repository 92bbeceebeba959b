import ClawCore
import ClawWire

extension OpenAPI {
    static let clawModels: [String: Models] = [
        "GET /v1/claw/health": Models(ok(ClawHealthDTO.self)),
        "GET /v1/claw/instances": Models(ok(ClawInstanceListDTO.self)),
        "POST /v1/claw/instances": Models(request: CreateInstanceRequest.self, status("201", ClawChargeDTO.self),
                                          answerHeaders: location, links: instanceLinks),
        "GET /v1/claw/instances/{id}": Models(ok(ClawInstanceDTO.self)),
        "PATCH /v1/claw/instances/{id}": Models(request: PatchInstanceRequest.self, ok(ClawInstanceDTO.self)),
        "DELETE /v1/claw/instances/{id}": Models(ok(ClawInstanceDTO.self), answerHeaders: location),
        "POST /v1/claw/instances/{id}/rebuild": Models(request: EmptyRequest.self, status("202", ClawInstanceDTO.self),
                                                     answerHeaders: location),
        "POST /v1/claw/instances/{id}/renew": Models(request: RenewInstanceRequest.self, ok(ClawChargeDTO.self),
                                                     answerHeaders: location),
        "POST /v1/claw/instances/{id}/start": Models(request: EmptyRequest.self, status("202", ClawInstanceDTO.self),
                                                     answerHeaders: location),
        "POST /v1/claw/instances/{id}/stop": Models(request: EmptyRequest.self, status("202", ClawInstanceDTO.self),
                                                     answerHeaders: location),
        "POST /v1/claw/instances/{id}/restart": Models(request: EmptyRequest.self, status("202", ClawInstanceDTO.self),
                                                     answerHeaders: location),
        "GET /v1/claw/instances/{id}/wait": Models(["200": .json(ClawInstanceDTO.self), "408": .json(ClawInstanceDTO.self)],
                                                   query: [.string("status", InstanceStatus.allCases.map(\.rawValue)),
                                                           .string("timeout")]),
        "GET /v1/claw/instances/{id}/logs": Models(["200": .text("text/plain")],
                                                   query: [.boolean("follow"), .boolean("previous")]),
        "GET /v1/claw/ledger": Models(ok(ClawLedgerPageDTO.self)),
    ]

    /// `Location: /v1/operations/<id>` when the answer started an operation.
    static let location = ["Location": false]

    /// From a created instance to what a client does with it next.
    static let instanceLinks: [String: Link] = [
        "get": .id("GET /v1/claw/instances/{id}"), "patch": .id("PATCH /v1/claw/instances/{id}"),
        "wait": .id("GET /v1/claw/instances/{id}/wait"), "stop": .id("POST /v1/claw/instances/{id}/stop"),
        "restart": .id("POST /v1/claw/instances/{id}/restart"), "logs": .id("GET /v1/claw/instances/{id}/logs"),
        "delete": .id("DELETE /v1/claw/instances/{id}"), "operation": .id("GET /v1/operations/{id}", from: "operationId"),
    ]

    static let nativeModels: [String: Models] = [
        "GET /v1/operations/{id}": Models(ok(OperationDTO.self)),
        "GET /v1/operations/{id}/wait": Models(["200": .json(OperationDTO.self), "408": .json(OperationDTO.self)],
                                               query: [.string("timeout")]),
        "GET /v1/events": Models(["200": .eventStream(EventDTO.self)], query: [.boolean("follow"), .string("since")],
                                 headers: ["Last-Event-ID"]),
        "GET /metrics": Models(["200": .text("text/plain")]),
        "GET /openapi.json": Models(["200": .json(JSONValue.self)]),
    ]

    static let adminModels: [String: Models] = [
        "POST /admin/orgs": Models(request: CreateOrgRequest.self, status("201", OrgDTO.self)),
        "GET /admin/orgs": Models(ok(OrgListDTO.self)),
        "GET /admin/orgs/{org}": Models(ok(OrgDTO.self)),
        "POST /admin/orgs/{org}/credit": Models(request: CreditOrgRequest.self, ok(OrgDTO.self)),
        "POST /admin/orgs/{org}/keys": Models(request: CreateKeyRequest.self, status("201", KeyDTO.self)),
        "GET /admin/orgs/{org}/keys": Models(ok(KeyListDTO.self)),
        "DELETE /admin/orgs/{org}/keys/{key}": Models(["204": .none]),
        "GET /admin/status": Models(ok(AdminStatus.self)),
        "POST /admin/reconcile": Models(ok(ReconcileDTO.self)),
        "GET /admin/purchases": Models(ok(AdminPurchaseListDTO.self),
                                       query: [.string("status", ["pending", "approved", "rejected", "all"])]),
        "POST /admin/purchases/{id}/approve": Models(request: EmptyRequest.self, ok(AdminPurchaseDTO.self)),
        "POST /admin/purchases/{id}/reject": Models(request: EmptyRequest.self, ok(AdminPurchaseDTO.self)),
        "POST /admin/console/link": Models(request: EmptyRequest.self, status("201", ConsoleLinkDTO.self)),
    ]
}
