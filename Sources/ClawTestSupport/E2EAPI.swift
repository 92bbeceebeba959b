import ClawClient
import ClawCore
import ClawWire
import Foundation

/// An org made through the admin socket, and a Claw-dialect client holding its key.
public struct E2EOrg: Sendable {
    public let id: String
    public let key: String
    public let creditCents: Int
}

/// The Claw API over the daemon's real TCP listener with `Authorization: Bearer <key>`.
public struct E2EClaw: Sendable {
    public let client: ClawClient
    public let key: String

    public init(_ daemon: DaemonProcess, key: String) {
        client = daemon.tcp
        self.key = key
    }

    /// Any request; `body` is sent as is. The answer must conform to `/openapi.json` (else this throws).
    public func send(_ method: String, _ path: String, _ body: Data? = nil, headers: [(String, String)] = [],
                     timeout: Duration = .seconds(30)) async throws -> ClawClient.Reply {
        let reply = try await client.request(method, path, headers: [("Authorization", "Bearer \(key)")] + headers,
                                             json: body, timeout: timeout)
        try await ContractCheck.verify(reply, method: method, path: path, via: client)
        return reply
    }

    /// Any request with a hand-written JSON document (`["subdomain": "x", "tier": "pro"]`).
    public func send(_ method: String, _ path: String, json document: JSONValue, headers: [(String, String)] = [],
                     timeout: Duration = .seconds(30)) async throws -> ClawClient.Reply {
        try await send(method, path, try Wire.encode(document), headers: headers, timeout: timeout)
    }

    /// `POST /v1/claw/instances` with `subdomain` and any `extra` fields.
    public func create(_ subdomain: String, extra: [String: JSONValue] = [:]) async throws -> ClawClient.Reply {
        try await send("POST", "/v1/claw/instances", json: .object(extra.merging(["subdomain": .string(subdomain)]) { _, new in new }))
    }

    /// GET one instance; fails unless 200.
    public func instance(_ id: String) async throws -> ClawInstanceDTO {
        let r = try await send("GET", "/v1/claw/instances/\(id)")
        guard r.status == 200 else { throw DaemonProcessError("GET instance \(id) → \(r.status) \(r.text)") }
        return try r.decode(ClawInstanceDTO.self)
    }

    /// The org's instances (`GET /v1/claw/instances`).
    public func list() async throws -> [ClawInstanceDTO] {
        let r = try await send("GET", "/v1/claw/instances")
        guard r.status == 200, let list = try? r.decode(ClawInstanceListDTO.self) else {
            throw DaemonProcessError("GET /v1/claw/instances → \(r.status) \(r.text)")
        }
        return list.instances
    }

    /// Long-polls `/v1/claw/instances/<id>/wait?status=` (60 s per call) until `status` or `timeout`.
    @discardableResult
    public func waitStatus(_ id: String, _ status: String, timeout: Duration = .seconds(120)) async throws -> ClawInstanceDTO {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            let r = try await send("GET", "/v1/claw/instances/\(id)/wait?status=\(status)&timeout=60", timeout: .seconds(75))
            if r.status == 200, let instance = try? r.decode(ClawInstanceDTO.self), instance.status == status { return instance }
            guard r.status == 200 || r.status == 408 else {
                throw DaemonProcessError("wait for \(id) \(status) → \(r.status) \(r.text)")
            }
            last = r.text
        }
        throw DaemonProcessError("instance \(id) did not reach \(status) within \(timeout); last: \(last)")
    }

    /// Long-polls `/v1/operations/<id>/wait` until it finishes; returns the operation.
    @discardableResult
    public func waitOperation(_ id: String, timeout: Duration = .seconds(120)) async throws -> OperationDTO {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            let r = try await send("GET", "/v1/operations/\(id)/wait?timeout=60", timeout: .seconds(75))
            if r.status == 200 { return try r.decode(OperationDTO.self) }
            guard r.status == 408 else { throw DaemonProcessError("wait for operation \(id) → \(r.status) \(r.text)") }
            last = r.text
        }
        throw DaemonProcessError("operation \(id) did not finish within \(timeout); last: \(last)")
    }
}

extension E2EInstall {
    /// `POST /admin/orgs`, credit, and one API key, all over the admin socket of the current daemon.
    public func makeOrg(_ name: String, creditCents: Int) async throws -> E2EOrg {
        let admin = daemon.admin
        let created = try await admin.post("/admin/orgs", CreateOrgRequest(name: name))
        guard created.status == 201, let id = try? created.decode(OrgDTO.self).id else {
            throw DaemonProcessError("POST /admin/orgs → \(created.status) \(created.text)")
        }
        let credit = try await admin.post("/admin/orgs/\(id)/credit", CreditOrgRequest(amountCents: creditCents))
        guard credit.status == 200 else { throw DaemonProcessError("credit → \(credit.status) \(credit.text)") }
        let keyReply = try await admin.post("/admin/orgs/\(id)/keys", CreateKeyRequest())
        guard keyReply.status == 201, let key = try? keyReply.decode(KeyDTO.self).key else {
            throw DaemonProcessError("POST keys → \(keyReply.status) \(keyReply.text)")
        }
        return E2EOrg(id: id, key: key, creditCents: creditCents)
    }

    /// The Claw client of the current daemon for `org`.
    public func claw(_ org: E2EOrg) -> E2EClaw { E2EClaw(daemon, key: org.key) }

    /// The org's balance as the admin API reports it.
    public func balanceCents(_ org: E2EOrg) async throws -> Int {
        let r = try await daemon.admin.get("/admin/orgs/\(org.id)")
        guard r.status == 200, let org = try? r.decode(OrgDTO.self) else {
            throw DaemonProcessError("GET org → \(r.status) \(r.text)")
        }
        return Int(org.balanceCents)
    }
}
