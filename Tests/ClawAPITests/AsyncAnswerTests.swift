@testable import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Hummingbird
import Testing

/// Every asynchronous answer names its operation (`operation_id` / `operationId`) and a
/// `Location` a client follows until the work is done.
@Suite("Asynchronous answers: operation ids, Location, waiting until done")
struct AsyncAnswerTests {
    @Test("ClawHosters start, stop, restart and delete carry operation_id and Location; each can be waited for")
    func hostersActions() async throws {
        let h = try Harness()
        let org = try await h.org()
        let (instance, _) = try await h.service.create(orgID: org.id, subdomain: "waitable", defaultModel: nil, tier: .balanced,
                                                       imConfig: nil)
        try await h.markRunning(instance.id)
        let n = try #require(try await h.store.instanceNumbers(ids: [instance.id])[instance.id])
        try await h.test { api in
            for (method, path) in [(HTTPRequest.Method.post, "stop"), (.post, "start"), (.post, "restart"), (.delete, "")] {
                let r = try await api.call(method, "/api/v1/instances/\(n)" + (path.isEmpty ? "" : "/\(path)"), as: org)
                #expect(r.status == 200, "\(path)")
                let op = try #require(r.data["operation_id"] as? String, "\(path)")
                #expect(r.header("Location") == "/v1/operations/\(op)")
                async let waited = api.call(.get, "/v1/operations/\(op)/wait?timeout=20", as: org)
                // Play the worker: the runtime step finished.
                try await h.service.finishOperations(instanceID: instance.id, succeeded: true, error: nil)
                let done = try await waited
                #expect(done.status == 200 && done["status"] as? String == "succeeded", "\(path)")
            }
        }
    }

    @Test("a container run is an operation: operationId and Location, waited for until the run finished")
    func containerRun() async throws {
        let (h, runs, _) = try ContainerRunRouteTests.harness()
        let org = try await h.org(), other = try await h.org()
        try await h.test { api in
            #expect(try await api.call(.post, "/api/v1/container/namespaces", as: org, json: #"{"name":"waits"}"#).status == 201)
            let r = try await api.call(.post, "/api/v1/container/runs", as: org, json: #"{"group":"waits","prompt":"hi"}"#)
            #expect(r.status == 202)
            let op = try #require(r["operationId"] as? String)
            #expect(op == r["runId"] as? String)
            #expect(r.header("Location") == "/v1/operations/\(op)")
            let pending = try await api.call(.get, "/v1/operations/\(op)", as: org)
            #expect(pending["status"] as? String == "pending" && pending["kind"] as? String == "container.run")
            #expect(try await api.call(.get, "/v1/operations/\(op)", as: other).status == 404)
            #expect(try await runs.markRunning(id: op, containerName: "c-\(op)"))
            #expect(try await api.call(.get, "/v1/operations/\(op)", as: org)["status"] as? String == "running")
            async let waited = api.call(.get, "/v1/operations/\(op)/wait?timeout=20", as: org)
            try await runs.finishRun(id: op, status: .timeout, output: nil, error: "took too long")
            let done = try await waited
            #expect(done.status == 200 && done["status"] as? String == "failed" && done["error"] as? String == "took too long")
        }
    }
}
