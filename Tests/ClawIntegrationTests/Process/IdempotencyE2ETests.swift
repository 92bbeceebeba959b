import ClawClient
import ClawCore
import ClawTestSupport
import Foundation
import Testing

/// `Idempotency-Key` and the business series against the built clawd, over its real TCP port
/// and Unix socket.
@Suite("Retried money requests and business metrics against the real daemon")
struct IdempotencyE2ETests {
    static func body(_ text: String) -> Data { Data(text.utf8) }

    @Test("a retried admin credit and buy_claws happen once; /metrics shows the balance and the pending purchase's org")
    func retriedMoneyOnce() async throws {
        let daemon = try DaemonProcess()
        defer { daemon.signal(SIGKILL) }
        try await daemon.waitReady()
        let org = try await daemon.admin.request("POST", "/admin/orgs", json: Self.body(#"{"name":"idem-e2e"}"#)).json()
        let orgID = try #require(org["id"] as? String)
        let key = try #require(try await daemon.admin.request("POST", "/admin/orgs/\(orgID)/keys", json: Self.body("{}")).json()["key"] as? String)
        for _ in 0..<2 {
            let credit = try await daemon.admin.request("POST", "/admin/orgs/\(orgID)/credit", headers: [("Idempotency-Key", "top-up-1")],
                                                        json: Self.body(#"{"amountCents":1234}"#))
            let balance = try credit.json()["balanceCents"] as? Int
            #expect(credit.status == 200 && balance == 1234)
        }
        let auth = [("Authorization", "Bearer \(key)"), ("Idempotency-Key", "buy-1")]
        let first = try await daemon.tcp.request("POST", "/api/v1/billing/buy_claws", headers: auth, json: Self.body(#"{"package_id":"small"}"#))
        let retry = try await daemon.tcp.request("POST", "/api/v1/billing/buy_claws", headers: auth, json: Self.body(#"{"package_id":"small"}"#))
        #expect(first.status == 201 && retry.status == 201 && retry.text == first.text)
        #expect(retry.header("Idempotent-Replayed") == "true")
        let pending = try await daemon.admin.request("GET", "/admin/purchases?status=pending").json()
        #expect((pending["purchases"] as? [[String: Any]])?.count == 1)
        let metrics = try await daemon.tcp.get("/metrics").text
        #expect(metrics.contains("\nclawd_balance_cents 1234\n"), "\(metrics.suffix(1500))")
        #expect(metrics.contains("# TYPE clawd_operations_total counter"))
    }
}
