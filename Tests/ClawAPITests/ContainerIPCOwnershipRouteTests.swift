@testable import ClawAPI
import ClawCore
import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("Container API: IPC routes reach only the caller's own groups")
struct ContainerIPCOwnershipRouteTests {
    @Test("another org's group or an unknown name is a 404 for directories, follow-up and close; the owner and the socket pass")
    func ownership() async throws {
        let s = try ContainerOperatorRouteTests.setup()
        let runs = try #require(s.h.env.containerRuns?.runs)
        let owner = try await s.h.org(), stranger = try await s.h.org()
        _ = try await runs.createGroup(orgID: owner.id, name: "owned", description: "", isMain: false, chatJids: [])
        try await s.h.test { api async throws in
            for route in ["/ipc/directories", "/ipc/follow-up", "/ipc/close"] {
                let path = ContainerOperatorRouteTests.base + route
                let text = route == "/ipc/follow-up" ? #","text":"hi""# : ""
                for group in ["owned", "nosuchgroup"] {
                    let r = try await api.call(.post, path, as: stranger, json: #"{"group":"\#(group)"\#(text)}"#)
                    #expect(r.status == 404, "\(route) \(group) as a stranger: \(r.text)")
                    #expect(r["code"] as? String == "not_found")
                }
                let unknown = try await api.call(.post, path, as: owner, json: #"{"group":"nosuchgroup"\#(text)}"#)
                #expect(unknown.status == 404, "\(route): \(unknown.text)")
                let mine = try await api.call(.post, path, as: owner, json: #"{"group":"owned"\#(text)}"#)
                #expect(mine.status == 200, "\(route) as the owner: \(mine.text)")
            }
        }
        try await s.h.test(.adminSocket) { api async throws in
            let r = try await api.call(.post, ContainerOperatorRouteTests.base + "/ipc/close", json: #"{"group":"owned"}"#)
            #expect(r.status == 200, "\(r.text)")
        }
    }
}
