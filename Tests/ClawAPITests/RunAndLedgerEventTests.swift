@testable import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Testing

/// `run.*` and ledger events reach an open `/v1/events` stream at once over a real socket,
/// without any instance change, and only the org's own.
@Suite("Events: agent runs and the ledger, live")
struct RunAndLedgerEventTests {
    @Test("a run's created, started and finished events arrive live; another org's run does not")
    func runEvents() async throws {
        let (base, runs, _) = try ContainerRunRouteTests.harness()
        var quiet = base
        quiet.env.eventHeartbeat = .seconds(30)
        let h = quiet
        let org = try await h.org(), other = try await h.org()
        try await EventStreamTests().withEvents(h) { api, open in
            for (o, name) in [(org, "mine"), (other, "theirs")] {
                #expect(try await api.call(.post, "/api/v1/container/namespaces", as: o, json: "{\"name\":\"\(name)\"}").status == 201)
            }
            let before = try await h.store.events(orgID: org.id, after: 0).last?.id ?? 0
            var sse = try await open("/v1/events?since=\(before)", ["Authorization": "Bearer \(org.key)"])
            try await sse.client.awaitComments(1)
            _ = try await api.call(.post, "/api/v1/container/runs", as: other, json: #"{"group":"theirs","prompt":"x"}"#)
            let r = try await api.call(.post, "/api/v1/container/runs", as: org, json: #"{"group":"mine","prompt":"x"}"#)
            let runID = try #require(r["runId"] as? String)
            let created = try #require(try await sse.client.next())
            #expect(created.event == "run.created" && created.data["runId"] == runID && created.data["group"] == "mine")
            try await runs.markRunning(id: runID, containerName: "c")
            let started = try #require(try await sse.client.next())
            #expect(started.event == "run.started" && started.data["runId"] == runID)
            try await runs.finishRun(id: runID, status: .succeeded, output: "ok", error: nil)
            let finished = try #require(try await sse.client.next())
            #expect(finished.event == "run.finished" && finished.data["status"] == "succeeded")
            #expect(created.instanceID == nil && finished.instanceID == nil)
        }
    }

    @Test("charge, purchase request and approval reach the stream at once")
    func ledgerEvents() async throws {
        let h = try Harness(heartbeat: .seconds(30))
        let org = try await h.org()
        try await EventStreamTests().withEvents(h) { api, open in
            let before = try await h.store.events(orgID: org.id, after: 0).last?.id ?? 0
            var sse = try await open("/v1/events?since=\(before)", ["Authorization": "Bearer \(org.key)"])
            try await sse.client.awaitComments(1)
            let purchase = try await h.store.requestPurchase(orgID: org.id, package: ClawPackage.defaults[0])
            #expect(try #require(try await sse.client.next()).event == "billing.purchase_requested")
            _ = try await h.store.approvePurchase(id: purchase.id)
            let credited = try #require(try await sse.client.next())
            let approved = try #require(try await sse.client.next())
            #expect(credited.event == "billing.credited" && credited.data["purchaseId"] == "\(purchase.id)")
            #expect(approved.event == "billing.purchase_approved" && approved.data["ledgerId"] != nil)
            _ = try await h.service.create(orgID: org.id, subdomain: "charged", defaultModel: nil, tier: .balanced, imConfig: nil)
            var types: [String] = []
            while !(types.contains("billing.charged") && types.contains("instance.created")) {
                types.append(try #require(try await sse.client.next()).event)
            }
        }
    }
}
