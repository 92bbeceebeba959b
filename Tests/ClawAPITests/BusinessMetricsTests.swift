@testable import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Testing

/// `/metrics` carries the business: instances and runs by status, the balance total,
/// operations by kind and outcome, channel connections and messages.
@Suite("Business series in /metrics")
struct BusinessMetricsTests {
    /// Sample lines of the scrape, `name{labels}` → value.
    static func scrape(_ api: API) async throws -> [String: Double] {
        let r = try await api.call(.get, "/metrics")
        #expect(r.status == 200)
        var samples: [String: Double] = [:]
        for line in r.text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    @Test("gauges and counters follow instances, runs, balances and operations as they change")
    func valuesFollowObjects() async throws {
        let (h, runs, _) = try ContainerRunRouteTests.harness()
        let org = try await h.org(balanceCents: 10_000)
        try await h.test { api in
            let empty = try await Self.scrape(api)
            #expect(empty["clawd_balance_cents"] == 10_000)
            #expect(empty["clawd_instances{status=\"PENDING\"}"] == nil)
            let (instance, _) = try await h.service.create(orgID: org.id, subdomain: "metered", defaultModel: nil,
                                                           tier: .balanced, imConfig: nil)
            let created = try await Self.scrape(api)
            #expect(created["clawd_instances{status=\"\(instance.status.rawValue)\"}"] == 1)
            #expect(try #require(created["clawd_balance_cents"]) < 10_000)
            #expect(created["clawd_operations_open{kind=\"create\"}"] == 1)
            try await h.markRunning(instance.id)
            let running = try await Self.scrape(api)
            #expect(running["clawd_instances{status=\"RUNNING\"}"] == 1)
            #expect(running["clawd_operations_total{kind=\"create\",outcome=\"succeeded\"}"] == 1)
            #expect(running["clawd_operations_open{kind=\"create\"}"] == nil)

            #expect(try await api.call(.post, "/api/v1/container/namespaces", as: org, json: #"{"name":"m"}"#).status == 201)
            let run = try await api.call(.post, "/api/v1/container/runs", as: org, json: #"{"group":"m","prompt":"p"}"#)
            let runID = try #require(run["runId"] as? String)
            #expect(try await Self.scrape(api)["clawd_runs{status=\"queued\"}"] == 1)
            try await runs.finishRun(id: runID, status: .failed, output: nil, error: "boom")
            let failed = try await Self.scrape(api)
            #expect(failed["clawd_runs{status=\"failed\"}"] == 1 && failed["clawd_runs{status=\"queued\"}"] == nil)
            #expect(failed["clawd_operations_total{kind=\"container.run\",outcome=\"failed\"}"] == 1)
        }
    }

    @Test("label values are escaped")
    func escaping() {
        var m = BusinessMetrics()
        m.runs = [.init(labels: ["a\"b\\c\nd"], value: 2)]
        #expect(m.prometheusText.contains(#"clawd_runs{status="a\"b\\c\nd"} 2"#))
        #expect(m.prometheusText.contains("clawd_balance_cents 0\n"))
    }
}
