import ClawCore
import ClawWire
import Foundation
import Testing

@Suite("Claw, ClawHosters and admin request models: strict, and the field named")
struct DialectRequestTests {
    func problem<T: Decodable>(_ type: T.Type, _ json: String) -> ClawError? {
        do {
            _ = try Wire.decodeBody(type, from: Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("create: unknown fields, wrong types and a non-object imConfig are refused naming the field", arguments: [
        (#"{"subdomain":"okbot","status":"RUNNING"}"#, "status", "'status' is not a known field"),
        (#"{"subdomain":"okbot","Subdomain":"x"}"#, "Subdomain", "'Subdomain' is not a known field"),
        (#"{"subdomain":5}"#, "subdomain", "'subdomain' must be a string"),
        (#"{"subdomain":null}"#, "subdomain", "'subdomain' is required"),
        (#"{"subdomain":"okbot","tier":2}"#, "tier", "'tier' must be a string"),
        (#"{"subdomain":"okbot","image":7}"#, "image", "'image' must be a string"),
        (#"{"subdomain":"okbot","imConfig":["a"]}"#, "imConfig", "'imConfig' must be a JSON object"),
        (#"{"subdomain":"okbot","imConfig":"x"}"#, "imConfig", "'imConfig' must be a JSON object"),
    ])
    func create(json: String, field: String, message: String) throws {
        let error = try #require(problem(CreateInstanceRequest.self, json))
        #expect(error.param == field)
        #expect(error.message == message)
    }

    @Test("PATCH tells absent from null; renew and actions refuse what they do not take")
    func patchAndActions() throws {
        let cleared = try Wire.decodeBody(PatchInstanceRequest.self, from: Data(#"{"imConfig":null}"#.utf8))
        #expect(cleared.imConfig == .null && cleared.defaultModel == .absent)
        let set = try Wire.decodeBody(PatchInstanceRequest.self, from: Data(#"{"defaultModel":"m","imConfig":{"k":"v"}}"#.utf8))
        #expect(set.defaultModel == .value("m") && set.imConfig == .value(["k": "v"]))
        #expect(problem(PatchInstanceRequest.self, #"{"status":"DELETED"}"#)?.param == "status")
        #expect(problem(PatchInstanceRequest.self, #"{"defaultModel":false}"#)?.param == "defaultModel")
        #expect(try Wire.decodeBody(RenewInstanceRequest.self, from: Data(#"{"tier":null}"#.utf8)).tier == nil)
        #expect(problem(RenewInstanceRequest.self, #"{"tier":"pro","days":3}"#)?.param == "days")
        #expect(try Wire.decodeBody(EmptyRequest.self, from: Data()) == EmptyRequest())
        #expect(problem(EmptyRequest.self, #"{"force":true}"#)?.message == "'force' is not a known field")
        #expect(problem(EmptyRequest.self, "[]")?.message == "the body must be a JSON object")
    }

    @Test("admin and ClawHosters bodies: integers are integers, snake_case keys, nulls seen")
    func adminAndHosters() throws {
        #expect(problem(CreditOrgRequest.self, #"{"amountCents":1.5}"#)?.message == "'amountCents' must be an integer")
        #expect(problem(CreditOrgRequest.self, #"{"amountCents":"10"}"#)?.param == "amountCents")
        #expect(problem(CreditOrgRequest.self, #"{}"#)?.message == "'amountCents' is required")
        #expect(problem(CreditOrgRequest.self, #"{"amountCents":10,"extra":true}"#)?.param == "extra")
        #expect(problem(CreateOrgRequest.self, #"{"name":"a","emails":"x"}"#)?.param == "emails")
        #expect(problem(CreateKeyRequest.self, #"{"expiresAt":5}"#)?.param == "expiresAt")
        #expect(problem(HostersBuyClawsRequest.self, #"{"packageId":"small"}"#)?.param == "packageId")
        #expect(try Wire.decodeBody(HostersBuyClawsRequest.self, from: Data(#"{"package_id":"small"}"#.utf8)).packageId == "small")
        let patch = try Wire.decodeBody(HostersAddonPatch.self, from: Data(#"{"retention_days":30,"schedule":null}"#.utf8))
        #expect(patch.retentionDays == .value(30) && patch.schedule == .null && patch.enabled == .absent)
        #expect(problem(HostersAddonPatch.self, #"{"retention_days":"7"}"#)?.message == "'retention_days' must be an integer")
        #expect(problem(HostersAddonPatch.self, #"{"retentionDays":7}"#)?.param == "retentionDays")
    }

    @Test("request models encode to what they decode from")
    func requestRoundTrip() throws {
        let create = CreateInstanceRequest(subdomain: "bot", defaultModel: "m", tier: "pro", imConfig: ["k": "v"])
        #expect(try Wire.decodeBody(CreateInstanceRequest.self, from: Wire.encode(create)) == create)
        let nested = CreateInstanceRequest(subdomain: "bot", imConfig: ["telegram": ["botToken": "1:x", "chats": [1, 2]]],
                                           image: "localhost/bot:2")
        #expect(try Wire.decodeBody(CreateInstanceRequest.self, from: Wire.encode(nested)) == nested)
        #expect(problem(CreateInstanceRequest.self, #"{"subdomain":"bot","imConfig":[1]}"#)?.message == "'imConfig' must be a JSON object")
        let patch = PatchInstanceRequest(defaultModel: .null, imConfig: .value(["k": "v"]))
        #expect(String(decoding: try Wire.encode(patch), as: UTF8.self) == #"{"defaultModel":null,"imConfig":{"k":"v"}}"#)
        #expect(try Wire.decodeBody(PatchInstanceRequest.self, from: Wire.encode(patch)) == patch)
        let addon = HostersAddonPatch(enabled: .value(true), retentionDays: .value(3))
        #expect(String(decoding: try Wire.encode(addon), as: UTF8.self) == #"{"enabled":true,"retention_days":3}"#)
        #expect(try Wire.decodeBody(HostersAddonPatch.self, from: Wire.encode(addon)) == addon)
        #expect(String(decoding: try Wire.encode(EmptyRequest()), as: UTF8.self) == "{}")
        let credit = CreditOrgRequest(amountCents: 2500, description: "top-up")
        #expect(try Wire.decodeBody(CreditOrgRequest.self, from: Wire.encode(credit)) == credit)
    }
}

@Suite("answer models: the dialect's keys and nulls, and a round trip")
struct DialectAnswerTests {
    @Test("a Claw instance writes its nullable fields as null and leaves operationId out until there is one")
    func clawInstance() throws {
        var i = ClawInstanceDTO(id: "c1", subdomain: "bot", url: "http://x", defaultModel: nil, hasIMConfig: false,
                                status: "RUNNING", paidUntil: "2026-03-10T00:00:00.000Z", canRebuild: true, totalPaid: 12.5,
                                createdAt: "2026-02-08T00:00:00.000Z", stopReason: nil, deleteAfter: nil,
                                healthStatus: "unknown", tier: "balanced", rebuildsLeftToday: 10)
        let object = try Wire.decode(JSONValue.self, from: Wire.encode(i))
        #expect(object["defaultModel"] == .null && object["stopReason"] == .null && object["deleteAfter"] == .null)
        #expect(object["operationId"] == nil && object["totalPaid"] == .double(12.5))
        i.operationId = "op_1"
        #expect(try Wire.decode(ClawInstanceDTO.self, from: Wire.encode(i)) == i)
    }

    @Test("ClawHosters answers use snake_case; list items leave the detail's fields out")
    func hosters() throws {
        var item = HostersInstanceDTO(id: 7, name: "bot", status: "running", tier: "pro", billingMode: "monthly",
                                      ipAddress: nil, healthStatus: "healthy", createdAt: "t", provisionedAt: nil)
        let keys = try #require(try Wire.decode(JSONValue.self, from: Wire.encode(item)).object?.keys)
        #expect(Set(keys) == ["id", "name", "status", "tier", "billing_mode", "ip_address", "health_status", "created_at",
                              "provisioned_at"])
        item.canStart = false
        item.telegramConfigured = true
        let list = HostersList(data: [item], pagination: HostersPagination(currentPage: 1, totalPages: 1, totalCount: 1, perPage: 25))
        let text = String(decoding: try Wire.encode(list), as: UTF8.self)
        #expect(text.contains(#""pagination":{"current_page":1,"per_page":25,"total_count":1,"total_pages":1}"#))
        #expect(try Wire.decode(HostersList<HostersInstanceDTO>.self, from: Wire.encode(list)) == list)
        let summary = HostersSummaryDTO(clawsBalance: 5, dailyClawCost: 0, daysRemaining: nil, lowBalance: false,
                                        subscriptionStatus: "none", subscriptionTier: nil, instancesCount: 0,
                                        runningInstancesCount: 0)
        let s = try Wire.decode(JSONValue.self, from: Wire.encode(summary))
        #expect(s["days_remaining"] == .null && s["subscription_tier"] == .null && s["claws_balance"] == .int(5))
        #expect(try Wire.decode(HostersSummaryDTO.self, from: Wire.encode(summary)) == summary)
    }

    @Test("admin answers write absent optionals as null, and read them back; operations and events keep their nulls")
    func adminAndNative() throws {
        let org = OrgDTO(id: "org_1", name: "acme", email: nil, balanceCents: 0, createdAt: "t")
        #expect(String(decoding: try Wire.encode(org), as: UTF8.self)
                == #"{"balanceCents":0,"createdAt":"t","email":null,"id":"org_1","name":"acme"}"#)
        #expect(try Wire.decode(OrgDTO.self, from: Data(#"{"balanceCents":0,"createdAt":"t","id":"org_1","name":"acme"}"#.utf8)) == org)
        let key = KeyDTO(id: "key_1", name: nil, prefix: "oc_live_", last4: "abcd", createdAt: "t", expiresAt: nil,
                         revokedAt: nil, key: nil)
        #expect(String(decoding: try Wire.encode(key), as: UTF8.self) == #"{"createdAt":"t","expiresAt":null,"id":"key_1","#
                + #""key":null,"last4":"abcd","name":null,"prefix":"oc_live_","revokedAt":null}"#)
        let purchase = AdminPurchaseDTO(id: 1, orgId: "org_1", packageId: "small", claws: 10, priceCents: 100, status: "pending",
                                        ledgerId: nil, createdAt: "t", decidedAt: nil, balanceCents: nil)
        let purchaseJSON = try Wire.decode(JSONValue.self, from: Wire.encode(purchase))
        #expect(purchaseJSON["ledgerId"] == .null && purchaseJSON["decidedAt"] == .null && purchaseJSON["balanceCents"] == .null)
        let op = OperationDTO(id: "op", kind: "create", instanceId: nil, status: "pending", error: nil, createdAt: "t",
                              updatedAt: "t")
        #expect(String(decoding: try Wire.encode(op), as: UTF8.self).contains(#""error":null,"id":"op","instanceId":null"#))
        let event = try Wire.decode(EventDTO.self, from: Data(#"{"id":3,"type":"instance.running","at":"t","instanceId":null,"data":{"k":[1]}}"#.utf8))
        #expect(event.instanceId == nil && event.data["k"]?[0]?.int == 1)
        let status = AdminStatus(version: "1", uptimeSeconds: 2, runtime: ["ok": "true"], database: [:],
                                 instancesByStatus: ["RUNNING": 1], timersArmed: 0)
        #expect(try Wire.decode(JSONValue.self, from: Wire.encode(status))["nextDeadline"] == .null)
        #expect(try Wire.decode(AdminStatus.self, from: Wire.encode(status)) == status)
    }
}
