import ClawCore
@testable import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("backups where they cannot be taken (instances on a cluster)")
struct BackupUnavailableTests {
    @Test("a backup request and enabling the add-on answer 409 with the reason, and write nothing")
    func refused() async throws {
        let f = try await BackupStoreFixture()
        let instance = try await f.running()
        let service = BackupService(instances: f.instances, directory: f.dir + "/backups", subscribers: [f.recorder],
                                    unavailable: "backups need a local container runtime")
        do {
            _ = try await service.requestBackup(instanceID: instance.id, orgID: f.orgID)
            Issue.record("a backup was accepted")
        } catch {
            #expect(error.code == .conflict)
            #expect(error.message == "backups need a local container runtime")
        }
        #expect(try await service.list(orgID: f.orgID, offset: 0, limit: 10).total == 0)
        let addon = try #require(try await service.addon(id: try await f.num(instance), orgID: f.orgID))
        await #expect(throws: ClawError.self) {
            _ = try await service.updateAddon(id: addon.id, orgID: f.orgID, enabled: true, schedule: nil, retentionDays: nil)
        }
        #expect(try await service.addon(id: addon.id, orgID: f.orgID)?.enabled == addon.enabled)
        // Other add-on fields stay editable.
        _ = try await service.updateAddon(id: addon.id, orgID: f.orgID, enabled: nil, schedule: nil, retentionDays: 3)
    }
}
