@testable import ClawAPI
import ClawCore
import ClawStore
import ClawTestSupport
import Foundation
import Testing

/// `containerConfig.additionalMounts` on the namespace routes: accepted on POST and PUT,
/// answered by GET, wrong shapes 400, unusable paths 422, nothing changed on bad input.
@Suite("Container API namespaces: containerConfig")
struct ContainerGroupConfigRouteTests {
    static let base = "/api/v1/container/namespaces"

    @Test("POST and PUT take containerConfig, GET answers it; a PUT without it keeps it")
    func roundTrip() async throws {
        let (h, runs, _) = try ContainerRunRouteTests.harness()
        let a = try await h.org()
        try await h.test { api in
            let plain = try await api.call(.post, Self.base, as: a, json: #"{"name":"plain"}"#)
            #expect(plain.status == 201)
            #expect((plain["containerConfig"] as? [String: Any])?["additionalMounts"] as? [Any] != nil)
            let created = try await api.call(.post, Self.base, as: a, json: #"""
                {"name":"team","containerConfig":{"additionalMounts":[
                    {"hostPath":"/srv/data","containerPath":"data","readOnly":false},{"hostPath":"~/notes"}]}}
                """#)
            #expect(created.status == 201, "\(created.text)")
            let mounts = try #require((created["containerConfig"] as? [String: Any])?["additionalMounts"] as? [[String: Any]])
            #expect(mounts.count == 2)
            #expect(mounts[0]["hostPath"] as? String == "/srv/data")
            #expect(mounts[0]["containerPath"] as? String == "data")
            #expect(mounts[0]["readOnly"] as? Bool == false)
            #expect(mounts[1]["containerPath"] is NSNull)
            #expect(mounts[1]["readOnly"] as? Bool == true)

            let got = try await api.call(.get, Self.base + "/team", as: a)
            #expect((got["containerConfig"] as? [String: Any])?["additionalMounts"] as? [[String: Any]] != nil)
            let listed = try await api.call(.get, Self.base, as: a)
            #expect(listed.text.contains("/srv/data"))

            let described = try await api.call(.put, Self.base + "/team", as: a, json: #"{"description":"x"}"#)
            #expect(described.status == 200)
            await #expect(try runs.group(name: "team", orgID: nil)?.containerConfig.additionalMounts.count == 2)
            let replaced = try await api.call(.put, Self.base + "/team", as: a,
                                              json: #"{"containerConfig":{"additionalMounts":[{"hostPath":"/opt/x","readOnly":true}]}}"#)
            #expect(replaced.status == 200)
            await #expect(try runs.group(name: "team", orgID: nil)?.containerConfig.additionalMounts ==
                [MountRequest(hostPath: "/opt/x", containerPath: nil, readOnly: true)])
            let cleared = try await api.call(.put, Self.base + "/team", as: a, json: #"{"containerConfig":{}}"#)
            #expect(cleared.status == 200)
            await #expect(try runs.group(name: "team", orgID: nil)?.containerConfig.additionalMounts.isEmpty == true)
        }
    }

    @Test("bad shapes are 400, unusable paths 422 invalid_container_config; nothing is created or changed")
    func badInput() async throws {
        let (h, runs, _) = try ContainerRunRouteTests.harness()
        let a = try await h.org(), b = try await h.org()
        let mount = #"{"hostPath":"/srv/data","containerPath":"data"}"#
        try await h.test { api in
            _ = try await api.call(.post, Self.base, as: a, json: "{\"name\":\"team\",\"containerConfig\":{\"additionalMounts\":[\(mount)]}}")
            let shapes = [
                #"{"containerConfig":[]}"#, #"{"containerConfig":{"extra":1}}"#,
                #"{"containerConfig":{"additionalMounts":"x"}}"#, #"{"containerConfig":{"additionalMounts":[1]}}"#,
                #"{"containerConfig":{"additionalMounts":[{"hostPath":"/a","readOnly":"no"}]}}"#,
                #"{"containerConfig":{"additionalMounts":[{"hostPath":"/a","bogus":1}]}}"#,
            ]
            for body in shapes {
                let put = try await api.call(.put, Self.base + "/team", as: a, json: body)
                #expect(put.status == 400, "\(body) → \(put.status) \(put.text)")
                #expect(put["code"] as? String == "invalid_argument")
                #expect((put["param"] as? String)?.hasPrefix("containerConfig") == true, "\(put.text)")
                let post = try await api.call(.post, Self.base, as: a, json: "{\"name\":\"new\"," + body.dropFirst())
                #expect(post.status == 400, "\(body)")
            }
            let rules = [
                #"{"hostPath":"/srv/a","containerPath":"../up"}"#, #"{"hostPath":"/srv/a","containerPath":"/abs"}"#,
                #"{"hostPath":"/srv/a","containerPath":"a:b"}"#, #"{"hostPath":"relative"}"#,
                #"{"hostPath":"/srv/a"},{"hostPath":"/b/a"}"#,
            ]
            for m in rules {
                let body = "{\"containerConfig\":{\"additionalMounts\":[\(m)]}}"
                let put = try await api.call(.put, Self.base + "/team", as: a, json: body)
                #expect(put.status == 422, "\(m) → \(put.status) \(put.text)")
                #expect(put["code"] as? String == "invalid_container_config")
                #expect(put["error"] is String)
                let post = try await api.call(.post, Self.base, as: a, json: "{\"name\":\"new\"," + body.dropFirst())
                #expect(post.status == 422, "\(m)")
            }
            await #expect(try runs.group(name: "new", orgID: nil) == nil)
            await #expect(try runs.group(name: "team", orgID: nil)?.containerConfig.additionalMounts ==
                [MountRequest(hostPath: "/srv/data", containerPath: "data", readOnly: true)])
            // Another org's group: 404 even with a valid config.
            let other = try await api.call(.put, Self.base + "/team", as: b, json: #"{"containerConfig":{}}"#)
            #expect(other.status == 404)
        }
    }
}
