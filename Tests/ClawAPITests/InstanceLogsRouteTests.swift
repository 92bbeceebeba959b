@testable import ClawAPI
import ClawCore
import ClawStore
import ClawTestSupport
import Foundation
import Testing

/// `GET /v1/claw/instances/<id>/logs` input checks and the saved previous generation, without a
/// runtime (the live logs against real podman are in the clawctl E2E tests).
@Suite("Instance logs route")
struct InstanceLogsRouteTests {
    @Test("bad tail/follow/previous are 400, another org's instance is 404, saved logs answer with their generation, no runtime is 503")
    func inputsAndArchive() async throws {
        var h = try Harness()
        let archive = LogArchive(directory: try TestPaths.makeTempDir("logs") + "/logs")
        h.env.logs = InstanceLogSource(runtime: nil, containerName: { "clawd-\($0)" }, archive: archive)
        let a = try await h.org(), b = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(a, "logs\(Int.random(in: 1000...9999))")["id"] as? String)
            let base = "/v1/claw/instances/\(id)/logs"
            for query in ["?tail=0", "?tail=-1", "?tail=abc", "?tail=100001", "?follow=yes", "?previous=2",
                          "?follow=true&previous=true"] {
                let r = try await api.call(.get, base + query, as: a)
                #expect(r.status == 400 && r.errorType == "invalid_request_error", "\(query): \(r.status) \(r.text)")
            }
            #expect(try await api.call(.get, base, as: b).status == 404)
            #expect(try await api.call(.get, "/v1/claw/instances/cnope/logs", as: a).status == 404)
            #expect(try await api.call(.get, base + "?previous=true", as: a).status == 404)
            #expect(try await api.call(.get, base, as: a).status == 503)

            try archive.save(instanceID: id, generation: 1, text: "one\ntwo\nthree\n")
            let saved = try await api.call(.get, base + "?previous=true&tail=2", as: a)
            #expect(saved.status == 200 && saved.text == "two\nthree\n", "\(saved.text)")
            #expect(saved.header("X-Clawd-Generation") == "1")
            #expect(saved.header("Content-Type")?.hasPrefix("text/plain") == true)
            #expect(try await api.call(.get, base + "?previous=true", as: b).status == 404)
        }
    }
}
