import ClawClient
import ClawCore
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

    /// Any request; `body` is a JSON object or array (serialised) or raw `Data` (sent as is).
    public func send(_ method: String, _ path: String, _ body: Any? = nil, headers: [(String, String)] = [],
                     timeout: Duration = .seconds(30)) async throws -> ClawClient.Reply {
        let data: Data? = switch body {
        case nil: nil
        case let raw as Data: raw
        case let object?: try JSONSerialization.data(withJSONObject: object)
        }
        return try await client.request(method, path, headers: [("Authorization", "Bearer \(key)")] + headers,
                                        json: data, timeout: timeout)
    }

    public func create(_ subdomain: String, extra: [String: Any] = [:]) async throws -> ClawClient.Reply {
        try await send("POST", "/v1/claw/instances", extra.merging(["subdomain": subdomain]) { _, new in new })
    }

    /// GET one instance; fails unless 200.
    public func instance(_ id: String) async throws -> [String: Any] {
        let r = try await send("GET", "/v1/claw/instances/\(id)")
        guard r.status == 200 else { throw DaemonProcessError("GET instance \(id) → \(r.status) \(r.text)") }
        return try r.json()
    }

    /// The org's instances (`GET /v1/claw/instances`).
    public func list() async throws -> [[String: Any]] {
        let r = try await send("GET", "/v1/claw/instances")
        guard r.status == 200, let list = try r.json()["instances"] as? [[String: Any]] else {
            throw DaemonProcessError("GET /v1/claw/instances → \(r.status) \(r.text)")
        }
        return list
    }

    /// Long-polls `/v1/claw/instances/<id>/wait?status=` (60 s per call) until `status` or `timeout`.
    @discardableResult
    public func waitStatus(_ id: String, _ status: String, timeout: Duration = .seconds(120)) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            let r = try await send("GET", "/v1/claw/instances/\(id)/wait?status=\(status)&timeout=60", timeout: .seconds(75))
            if r.status == 200, let json = try? r.json(), json["status"] as? String == status { return json }
            guard r.status == 200 || r.status == 408 else {
                throw DaemonProcessError("wait for \(id) \(status) → \(r.status) \(r.text)")
            }
            last = r.text
        }
        throw DaemonProcessError("instance \(id) did not reach \(status) within \(timeout); last: \(last)")
    }

    /// Long-polls `/v1/operations/<id>/wait` until it finishes; returns the operation.
    @discardableResult
    public func waitOperation(_ id: String, timeout: Duration = .seconds(120)) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            let r = try await send("GET", "/v1/operations/\(id)/wait?timeout=60", timeout: .seconds(75))
            if r.status == 200 { return try r.json() }
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
        let created = try await admin.post("/admin/orgs", ["name": name])
        guard created.status == 201, let id = try created.json()["id"] as? String else {
            throw DaemonProcessError("POST /admin/orgs → \(created.status) \(created.text)")
        }
        let credit = try await admin.post("/admin/orgs/\(id)/credit", ["amountCents": creditCents])
        guard credit.status == 200 else { throw DaemonProcessError("credit → \(credit.status) \(credit.text)") }
        let keyReply = try await admin.post("/admin/orgs/\(id)/keys", [:])
        guard keyReply.status == 201, let key = try keyReply.json()["key"] as? String else {
            throw DaemonProcessError("POST keys → \(keyReply.status) \(keyReply.text)")
        }
        return E2EOrg(id: id, key: key, creditCents: creditCents)
    }

    /// The Claw client of the current daemon for `org`.
    public func claw(_ org: E2EOrg) -> E2EClaw { E2EClaw(daemon, key: org.key) }

    /// The org's balance as the admin API reports it.
    public func balanceCents(_ org: E2EOrg) async throws -> Int {
        let r = try await daemon.admin.get("/admin/orgs/\(org.id)")
        guard r.status == 200, let cents = try r.json()["balanceCents"] as? Int else {
            throw DaemonProcessError("GET org → \(r.status) \(r.text)")
        }
        return cents
    }
}

/// Polls `condition` every 200 ms until it returns a value or `timeout` passes (never a fixed sleep).
public func e2ePoll<T>(_ what: String, timeout: Duration = .seconds(60),
                                 _ condition: () async throws -> T?) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try await condition() { return value }
        guard ContinuousClock.now < deadline else { throw DaemonProcessError("\(what): not within \(timeout)") }
        try await Task.sleep(for: .milliseconds(200))
    }
}
