@testable import ClawAPI
import ClawCore
import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("Container API: mount/validate decides main by the caller's group record")
struct ContainerMountValidateRouteTests {
    @Test("read-write only for the org's own main group; another org's main group or an unknown name is not main")
    func mainFromRecord() async throws {
        let s = try ContainerOperatorRouteTests.setup()
        let runs = try #require(s.h.env.containerRuns?.runs)
        let org = try await s.h.org(), other = try await s.h.org()
        _ = try await runs.createGroup(orgID: org.id, name: "boss", description: "", isMain: true, chatJids: [])
        _ = try await runs.createGroup(orgID: org.id, name: "main", description: "", isMain: false, chatJids: [])
        _ = try await runs.createGroup(orgID: other.id, name: "theirs", description: "", isMain: true, chatJids: [])
        let root = try TestPaths.makeTempDir("mv")
        try FileManager.default.createDirectory(atPath: root + "/project", withIntermediateDirectories: true)
        try await s.fake.replaceMountAllowlist(MountAllowlist(
            allowedRoots: [.init(path: root, allowReadWrite: true, description: nil)], blockedPatterns: [], nonMainReadOnly: true))
        try await s.h.test { api async throws in
            func readOnly(_ group: String) async throws -> Bool? {
                let r = try await api.call(.post, ContainerOperatorRouteTests.base + "/mount/validate", as: org, json: """
                    {"hostPath":"\(root)/project","containerPath":"p","readOnly":false,"group":"\(group)"}
                    """)
                #expect(r.status == 200 && r["allowed"] as? Bool == true, "\(r.text)")
                return r["readOnly"] as? Bool
            }
            #expect(try await readOnly("boss") == false)
            #expect(try await readOnly("main") == true)
            #expect(try await readOnly("theirs") == true)
            #expect(try await readOnly("nosuchgroup") == true)
        }
    }
}
