import ClawClient
import ClawTestSupport
import ClawWire
import Foundation
import Testing

@Suite("admin API over the Unix socket")
struct AdminAPITests {
    @Test("org, credit and keys via the socket; the key authenticates on TCP until revoked; /admin is 404 on TCP")
    func orgsAndKeys() async throws {
        let daemon = try DaemonProcess()
        defer { daemon.signal(SIGKILL) }
        try await daemon.waitReady()
        let admin = daemon.admin

        let created = try await admin.post("/admin/orgs", ["name": "acme", "email": "ops@acme.test"])
        #expect(created.status == 201, "\(created.text)")
        let orgID = try created.decode(OrgDTO.self).id
        #expect(try await admin.post("/admin/orgs", ["name": "acme"]).status == 409)

        let credited = try await admin.post("/admin/orgs/\(orgID)/credit", ["amountCents": 2500, "description": "top-up"])
        #expect(credited.status == 200)
        #expect(try credited.decode(OrgDTO.self).balanceCents == 2500)
        for bad: JSONValue in [["amountCents": 0], ["amountCents": -5], ["amountCents": 1.5], ["amountCents": "10"], [:],
                                   ["amountCents": 10, "extra": true]] {
            let r = try await admin.post("/admin/orgs/\(orgID)/credit", bad)
            #expect(r.status == 400, "\(bad) → \(r.status) \(r.text)")
            #expect(try r.decode(ClawErrorEnvelope.self).error.type == "invalid_request_error")
        }
        #expect(try await admin.get("/admin/orgs/\(orgID)").decode(OrgDTO.self).balanceCents == 2500)
        #expect(try await admin.get("/admin/orgs/org_nope").status == 404)

        let keyReply = try await admin.post("/admin/orgs/\(orgID)/keys", ["name": "ci"])
        #expect(keyReply.status == 201)
        let key = try keyReply.decode(KeyDTO.self)
        let secret = try #require(key.key)
        let keyID = key.id
        let listed = try await admin.get("/admin/orgs/\(orgID)/keys")
        #expect(!listed.text.contains(secret), "the secret is shown again in the key list")
        #expect(listed.text.contains(keyID))

        // TCP: no key, bad key → 401 in the Claw envelope; the real key gets past auth.
        let tcp = daemon.tcp
        let none = try await tcp.get("/v1/claw/instances")
        #expect(none.status == 401)
        #expect(try none.decode(ClawErrorEnvelope.self).error.type == "authentication_error")
        #expect(try await tcp.get("/v1/claw/instances", headers: [("Authorization", "Bearer claw_wrong")]).status == 401)
        #expect(try await tcp.get("/v1/claw/instances", headers: [("Authorization", "Bearer \(secret)")]).status != 401)
        #expect(try await tcp.get("/v1/claw/instances", headers: [("X-API-Key", secret)]).status != 401)

        // Admin routes do not exist on TCP, with or without a key.
        #expect(try await tcp.get("/admin/orgs").status == 404)
        #expect(try await tcp.get("/admin/orgs", headers: [("Authorization", "Bearer \(secret)")]).status == 404)
        #expect(try await tcp.post("/admin/orgs", ["name": "evil"]).status == 404)

        let revoked = try await admin.request("DELETE", "/admin/orgs/\(orgID)/keys/\(keyID)")
        #expect(revoked.status == 204)
        #expect(try await tcp.get("/v1/claw/instances", headers: [("Authorization", "Bearer \(secret)")]).status == 401)

        let status = try await admin.get("/admin/status").decode(AdminStatus.self)
        #expect(!status.version.isEmpty)
    }

    @Test("malformed JSON and oversized bodies are refused with the error envelope")
    func badBodies() async throws {
        let daemon = try DaemonProcess(environment: ["CLAWD_MAX_BODY_BYTES": "2048"])
        defer { daemon.signal(SIGKILL) }
        try await daemon.waitReady()
        let malformed = try await daemon.admin.request("POST", "/admin/orgs", json: Data("{\"name\": ".utf8))
        #expect(malformed.status == 400)
        let huge = try await daemon.admin.request("POST", "/admin/orgs",
                                                  json: Data("{\"name\": \"\(String(repeating: "a", count: 5000))\"}".utf8))
        #expect(huge.status == 413, "\(huge.status) \(huge.text)")
        #expect(try await daemon.admin.get("/admin/orgs").decode(OrgListDTO.self).orgs.isEmpty, "something was created")
    }
}
