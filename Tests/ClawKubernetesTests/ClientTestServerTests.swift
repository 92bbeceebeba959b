import ClawKubernetes
import ClawTestSupport
import Foundation
import Testing

/// The client against KubeTestServer, for what the emulator does not do: server-side apply
/// conflicts, bookmarks, 410 Gone, dropped watch connections, pod logs.
@Suite("KubernetesClient against the Kubernetes test server", .serialized)
struct ClientTestServerTests {
    static let collection = "/api/v1/namespaces/ns/configmaps"

    @Test("apply of a field another manager owns: 409 Conflict naming it without force; with force clawd takes it; an equal value is shared")
    func applyConflict() async throws {
        try await KubeTestServer.with { server, client in
            let other = try server.client(fieldManager: "other-operator")
            defer { Task { try? await other.shutdown() } }
            _ = try await other.apply(ConfigMap("c", data: ["k": "theirs", "shared": "same"]), force: false)

            // The same value is no conflict: both managers own the field.
            _ = try await client.apply(ConfigMap("c", data: ["shared": "same"]), force: false)
            #expect(server.ownedFields(Self.collection, "c", manager: "clawd") == ["data.shared"])

            let refused = await #expect(throws: KubeAPIError.self) {
                _ = try await client.apply(ConfigMap("c", data: ["k": "ours"]), force: false)
            }
            #expect(refused?.code == 409 && refused?.reason == "Conflict")
            #expect(refused?.message.contains("conflict with \"other-operator\": .data.k") == true, "\(String(describing: refused))")
            #expect(server.object(Self.collection, "c")?["data"]?["k"] == .string("theirs"))

            let forced = try await client.apply(ConfigMap("c", data: ["k": "ours"]), force: true)
            #expect(forced.data?["k"] == "ours")
            #expect(server.ownedFields(Self.collection, "c", manager: "clawd") == ["data.k"])
            #expect(server.ownedFields(Self.collection, "c", manager: "other-operator") == ["data.shared"])
            // The field clawd left out and still shared stays.
            #expect(forced.data?["shared"] == "same")
        }
    }

    @Test("a bookmark advances the resourceVersion a dropped watch resumes from")
    func bookmarkAdvancesResume() async throws {
        try await KubeTestServer.with { server, client in
            let recorder = WatchRecorder(client.watch(ConfigMap.self, labelSelector: "app=w"))
            try await recorder.wait(for: 1)
            _ = try await eventually("watching") { server.liveWatches == 1 ? true : nil }
            let first = try #require(server.watchRequests.first)
            #expect(first.allowWatchBookmarks && first.labelSelector == "app=w")

            let watched = try await client.apply(ConfigMap("w", labels: ["app": "w"]), force: true)
            try await recorder.wait(for: 2)
            // Writes the watch does not select move the resourceVersion without an event for it.
            _ = try await client.apply(ConfigMap("u1", labels: ["app": "other"]), force: true)
            _ = try await client.apply(ConfigMap("u2", labels: ["app": "other"]), force: true)
            let current = server.resourceVersion
            #expect(current > Int(watched.metadata.resourceVersion ?? "") ?? 0)
            server.bookmark()
            server.dropWatches()
            let resumed = try await eventually("the resumed watch") { server.watchRequests.count >= 2 ? server.watchRequests[1] : nil }
            #expect(resumed.resourceVersion == String(current))
            #expect(recorder.events == ["relisted:", "added:w"])
        }
    }

    @Test("410 Gone when resuming (an ERROR event, or the HTTP status): the watch lists again and hands the current objects as relisted", arguments: [false, true])
    func goneRelists(asHTTPStatus: Bool) async throws {
        try await KubeTestServer.with { server, client in
            server.answerGoneAsHTTPStatus(asHTTPStatus)
            let recorder = WatchRecorder(client.watch(ConfigMap.self, labelSelector: "app=w"))
            try await recorder.wait(for: 1)
            _ = try await eventually("watching") { server.liveWatches == 1 ? true : nil }
            _ = try await client.apply(ConfigMap("a", labels: ["app": "w"]), force: true)
            try await recorder.wait(for: 2)

            server.refuseWatches(true)
            server.dropWatches()
            _ = try await eventually("a refused reconnection") { server.watchRequests.count >= 2 ? true : nil }
            _ = try await client.apply(ConfigMap("b", labels: ["app": "w"]), force: true)
            try await client.delete(ConfigMap.resource, name: "a", propagation: .background)
            server.compact()
            server.refuseWatches(false)

            let events = try await recorder.wait(for: 3)
            #expect(events == ["relisted:", "added:a", "relisted:b"])
            _ = try await eventually("watching again") { server.liveWatches == 1 ? true : nil }
            // After the relist the watch goes on from the new list's resourceVersion.
            _ = try await client.apply(ConfigMap("c", labels: ["app": "w"]), force: true)
            #expect(try await recorder.wait(for: 4).last == "added:c")
        }
    }

    @Test("a dropped connection resumes from the last resourceVersion seen and loses no event made meanwhile")
    func droppedResumes() async throws {
        try await KubeTestServer.with { server, client in
            let recorder = WatchRecorder(client.watch(ConfigMap.self, labelSelector: "app=w"))
            try await recorder.wait(for: 1)
            let a = try await client.apply(ConfigMap("a", labels: ["app": "w"], data: ["k": "1"]), force: true)
            try await recorder.wait(for: 2)

            server.refuseWatches(true)
            server.dropWatches()
            _ = try await eventually("a refused reconnection") { server.watchRequests.count >= 2 ? true : nil }
            _ = try await client.apply(ConfigMap("b", labels: ["app": "w"]), force: true)
            _ = try await client.apply(ConfigMap("a", labels: ["app": "w"], data: ["k": "2"]), force: true)
            server.refuseWatches(false)

            let events = try await recorder.wait(for: 4)
            #expect(events == ["relisted:", "added:a", "added:b", "modified:a=2"])
            #expect(server.watchRequests.dropFirst().allSatisfy { $0.resourceVersion == a.metadata.resourceVersion })
        }
    }

    @Test("a consumer that stops ends the watch: its connection closes")
    func cancelCloses() async throws {
        try await KubeTestServer.with { server, client in
            let recorder = WatchRecorder(client.watch(ConfigMap.self, labelSelector: ""))
            try await recorder.wait(for: 1)
            _ = try await eventually("watching") { server.liveWatches == 1 ? true : nil }
            recorder.task.cancel()
            // The server notices a closed connection when it next writes to it.
            _ = try await eventually("the watch connection closed") { () -> Bool? in
                server.bookmark()
                return server.liveWatches == 0 ? true : nil
            }
            #expect(server.watchRequests.count == 1)
        }
    }

    @Test("pod logs: container and tailLines go as query parameters; a missing pod is a 404 KubeAPIError")
    func podLogs() async throws {
        try await KubeTestServer.with { server, client in
            server.setLog(pod: "p", namespace: "ns", container: "openclaw", "one\ntwo\nthree\n")
            let tail = try await client.logs(pod: "p", container: "openclaw", tailLines: 2)
            #expect(tail == "two\nthree\n")
            await #expect { _ = try await client.logs(pod: "nope", container: nil, tailLines: nil) } throws: {
                ($0 as? KubeAPIError)?.isNotFound == true
            }
        }
    }
}
