@testable import ClawKubernetes
import ClawTestSupport
import Foundation
import Testing

/// The client against kmock's Kubernetes emulator (scripts/kube-emulator): what goes over the
/// wire, as the emulator recorded it, and what comes back.
@Suite("KubernetesClient against the kmock emulator", .serialized)
struct ClientEmulatorTests {
    static func with(_ body: (KubeEmulator, KubernetesClient) async throws -> Void) async throws {
        try await KubeEmulator.with { emulator in
            let client = try emulator.client()
            try await withCleanup({ try await body(emulator, client) }, cleanup: { try? await client.shutdown() })
        }
    }

    @Test("apply creates, then updates: PATCH <collection>/<name>?fieldManager=clawd[&force=true] as application/apply-patch+yaml with the token")
    func applyCreatesThenUpdates() async throws {
        try await Self.with { emulator, client in
            let created = try await client.apply(ConfigMap("a", labels: ["app": "x"], data: ["k": "1"]), force: false)
            #expect(created.data == ["k": "1"])
            #expect(created.metadata.uid != nil)
            #expect(created.metadata.namespace == "clawd-test")
            let updated = try await client.apply(ConfigMap("a", labels: ["app": "x"], data: ["k": "2"]), force: true)
            #expect(updated.data == ["k": "2"])
            #expect(updated.metadata.uid == created.metadata.uid)
            #expect(Int(updated.metadata.resourceVersion ?? "") ?? 0 > Int(created.metadata.resourceVersion ?? "") ?? 0)
            #expect(try await client.get(ConfigMap.self, name: "a")?.data == ["k": "2"])

            let patches = try await emulator.requests().filter { $0.method == "PATCH" }
            #expect(patches.count == 2)
            for (patch, force) in zip(patches, [false, true]) {
                #expect(patch.path == "/api/v1/namespaces/clawd-test/configmaps/a")
                #expect(patch.contentType == "application/apply-patch+yaml")
                #expect(patch.query["fieldManager"] == "clawd")
                #expect(patch.query["force"] == (force ? "true" : nil))
                #expect(patch.authorization == "Bearer \(emulator.token)")
            }
        }
    }

    @Test("get of a missing object is nil; the request is a GET of the object path")
    func getMissing() async throws {
        try await Self.with { emulator, client in
            #expect(try await client.get(ConfigMap.self, name: "missing") == nil)
            let gets = try await emulator.requests().filter { $0.method == "GET" }
            #expect(gets.last?.path == "/api/v1/namespaces/clawd-test/configmaps/missing")
        }
    }

    @Test("list by label selector answers the matching objects and the collection's resourceVersion")
    func listBySelector() async throws {
        try await Self.with { emulator, client in
            _ = try await client.apply(ConfigMap("one", labels: ["io.clawd.install": "i1", "tier": "web"]), force: true)
            _ = try await client.apply(ConfigMap("two", labels: ["io.clawd.install": "i1", "tier": "db"]), force: true)
            _ = try await client.apply(ConfigMap("three", labels: ["io.clawd.install": "i2"]), force: true)
            let list = try await client.list(ConfigMap.self, labelSelector: "io.clawd.install=i1,tier!=db")
            #expect(list.items.map(\.metadata.name) == ["one"])
            #expect(list.metadata.resourceVersion != nil)
            let all = try await client.list(ConfigMap.self, labelSelector: "io.clawd.install")
            #expect(Set(all.items.compactMap(\.metadata.name)) == ["one", "two", "three"])
            let lists = try await emulator.requests().filter { $0.method == "GET" && $0.query["labelSelector"] != nil }
            #expect(lists.first?.query["labelSelector"] == "io.clawd.install=i1,tier!=db")
        }
    }

    @Test("delete sends propagationPolicy; the object is gone; deleting it again succeeds")
    func deleteWithPropagation() async throws {
        try await Self.with { emulator, client in
            _ = try await client.apply(ConfigMap("gone"), force: true)
            try await client.delete(ConfigMap.resource, name: "gone", propagation: .background)
            #expect(try await client.get(ConfigMap.self, name: "gone") == nil)
            try await client.delete(ConfigMap.resource, name: "gone", propagation: .foreground)
            let deletes = try await emulator.requests().filter { $0.method == "DELETE" }
            #expect(deletes.map(\.path) == Array(repeating: "/api/v1/namespaces/clawd-test/configmaps/gone", count: 2))
            #expect(deletes.map { $0.query["propagationPolicy"] } == ["Background", "Foreground"])
        }
    }

    @Test("create is a POST, 409 AlreadyExists the second time; replace with a stale resourceVersion is a 409 Conflict")
    func createAndReplace() async throws {
        try await Self.with { emulator, client in
            let created = try await client.create(ConfigMap("lease", data: ["holder": "a"]))
            await #expect { _ = try await client.create(ConfigMap("lease")) } throws: { ($0 as? KubeAPIError)?.code == 409 }
            var next = created
            next.data = ["holder": "b"]
            let replaced = try await client.replace(next)
            #expect(replaced.data == ["holder": "b"])
            await #expect { _ = try await client.replace(next) } throws: { ($0 as? KubeAPIError)?.isConflict == true }
            let methods = try await emulator.requests().map(\.method)
            #expect(methods.filter { $0 == "POST" }.count == 2 && methods.filter { $0 == "PUT" }.count == 2)
        }
    }

    @Test("watch: the list first (relisted), then added, modified, deleted of the selected objects; the watch request's shape")
    func watchDelivers() async throws {
        try await Self.with { emulator, client in
            _ = try await client.apply(ConfigMap("before", labels: ["app": "w"]), force: true)
            let recorder = WatchRecorder(client.watch(ConfigMap.self, labelSelector: "app=w"))
            try await recorder.wait(for: 1)
            _ = try await eventually("the watch request") {
                try await emulator.requests().first { $0.query["watch"] != nil }
            }
            _ = try await client.apply(ConfigMap("x", labels: ["app": "w"], data: ["k": "1"]), force: true)
            _ = try await client.apply(ConfigMap("other", labels: ["app": "other"]), force: true)
            _ = try await client.apply(ConfigMap("x", labels: ["app": "w"], data: ["k": "2"]), force: true)
            try await client.delete(ConfigMap.resource, name: "x", propagation: .background)
            let events = try await recorder.wait(for: 4)
            #expect(events == ["relisted:before", "added:x", "modified:x=2", "deleted:x"])

            let watch = try #require(try await emulator.requests().first { $0.query["watch"] != nil })
            let list = try #require(try await emulator.requests().first { $0.method == "GET" && $0.query["labelSelector"] == "app=w" })
            #expect(watch.query["watch"] == "1")
            #expect(watch.query["allowWatchBookmarks"] == "true")
            #expect(watch.query["labelSelector"] == "app=w")
            #expect(watch.query["resourceVersion"] == "2", "the list's resourceVersion (\(list))")
            #expect(watch.path == "/api/v1/namespaces/clawd-test/configmaps")
        }
    }

    @Test("a token file is read again for every request")
    func tokenFileReread() async throws {
        try await KubeEmulator.with { emulator in
            let dir = try TestPaths.makeTempDir("token")
            try "first-token\n".write(toFile: dir + "/token", atomically: true, encoding: .utf8)
            let client = try KubernetesClient(config: KubeConfig(server: emulator.url, tokenFile: dir + "/token"), namespace: "ns")
            defer { Task { try? await client.shutdown() } }
            _ = try await client.get(ConfigMap.self, name: "a")
            try "second-token".write(toFile: dir + "/token", atomically: true, encoding: .utf8)
            _ = try await client.get(ConfigMap.self, name: "a")
            let calls = try await emulator.requests().filter { $0.path.hasPrefix("/api/") }
            #expect(calls.map(\.authorization) == ["Bearer first-token", "Bearer second-token"])
        }
    }

    @Test("query values are percent-encoded; object names are escaped in the path")
    func encoding() throws {
        let client = try KubernetesClient(config: KubeConfig(server: "https://k8s.example:6443/"), namespace: "ns")
        defer { Task { try? await client.shutdown() } }
        #expect(client.url("/api/v1/namespaces/ns/pods", [("labelSelector", "a=b,c!=d"), ("watch", "1")])
            == "https://k8s.example:6443/api/v1/namespaces/ns/pods?labelSelector=a%3Db%2Cc%21%3Dd&watch=1")
        #expect(client.objectPath(.pods, "a b/c") == "/api/v1/namespaces/ns/pods/a%20b%2Fc")
    }
}

extension ClientEmulatorTests {
    @Test("pod logs: GET pods/<name>/log with container and tailLines")
    func podLogs() async throws {
        try await Self.with { emulator, client in
            struct Pod: KubeObject {
                static let resource = KubeResource.pods
                var metadata: ObjectMeta
            }
            _ = try await client.apply(Pod(metadata: ObjectMeta(name: "p", annotations: ["kube-emulator/log": "a\nb\nc\n"])), force: true)
            let tail = try await client.logs(pod: "p", container: "openclaw", tailLines: 2)
            #expect(tail == "b\nc\n")
            let request = try #require(try await emulator.requests().last)
            #expect(request.path == "/api/v1/namespaces/clawd-test/pods/p/log")
            #expect(request.query == ["container": "openclaw", "tailLines": "2"])
            await #expect { _ = try await client.logs(pod: "nope", container: nil, tailLines: nil) } throws: {
                ($0 as? KubeAPIError)?.isNotFound == true
            }
        }
    }
}
