@testable import ClawAPI
import ClawCore
import ClawStore
import ClawTestSupport
import Foundation
import Hummingbird
import Testing

/// `orgIds` on a credential mapping: optional, each an existing org's id; anything else is 400
/// and nothing is created.
@Suite("Credential mapping orgIds: validated, echoed")
struct ProxyMappingOrgScopeRouteTests {
    static let path = ContainerOperatorRouteTests.base + "/credential-proxy/mappings"

    static func body(_ name: String, orgIds: String?) -> String {
        let ids = orgIds.map { #","orgIds":\#($0)"# } ?? ""
        return #"{"name":"\#(name)","upstreamUrl":"https://api.example.com","credentialType":"api_key","credential":"sk-x"\#(ids)}"#
    }

    @Test("scoped and unscoped mappings are created; malformed or unknown org ids are 400 and change nothing")
    func validation() async throws {
        let s0 = try ContainerOperatorRouteTests.setup()
        let op = try await s0.h.org(), a = try await s0.h.org()
        let s = ContainerOperatorRouteTests.operators(s0, [op.id])
        try await s.h.test { api in
            let scoped = try await api.call(.post, Self.path, as: op, json: Self.body("scoped", orgIds: #"["\#(a.id)","\#(a.id)"]"#))
            #expect(scoped.status == 201, "\(scoped.text)")
            #expect(scoped["orgIds"] as? [String] == [a.id])
            let open = try await api.call(.post, Self.path, as: op, json: Self.body("open", orgIds: "[]"))
            #expect(open.status == 201)
            #expect(open["orgIds"] as? [String] == [])
            let absent = try await api.call(.post, Self.path, as: op, json: Self.body("absent", orgIds: nil))
            #expect(absent.status == 201)
            let changes = s.fake.changes
            for bad in [#""\#(a.id)""#, "[1]", #"["nope"]"#, #"["org_doesnotexist000"]"#, #"["\#(a.id)","-x"]"#,
                        #"{"a":"b"}"#] {
                let r = try await api.call(.post, Self.path, as: op, json: Self.body("bad", orgIds: bad))
                #expect(r.status == 400, "\(bad): \(r.text)")
                #expect(r["param"] as? String == "orgIds" || (r["error"] as? [String: Any])?["param"] as? String == "orgIds",
                        "\(bad): \(r.text)")
            }
            #expect(s.fake.changes == changes)
        }
    }
}
