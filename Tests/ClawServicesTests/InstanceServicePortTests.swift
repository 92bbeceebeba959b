import ClawCore
@testable import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Host ports of new instances: probed before the transaction, held ones skipped")
struct InstanceServicePortTests {
    /// Listens on 127.0.0.1:`port` until closed (nil: the port could not be bound).
    static func occupy(_ port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 1) == 0 else { close(fd); return nil }
        return fd
    }

    @Test("a port bound on the host and one a live instance holds are skipped; none left is 503 with nothing written")
    func skipsBusyPorts() async throws {
        let dir = try TestPaths.makeTempDir("port")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/clawd.sqlite")
        let base = Int.random(in: 45_000...47_000)
        let range = base...(base + 2)
        let service = InstanceService(store: store, config: .init(policy: .default, image: "img", portRange: range),
                                      subscribers: [])
        let org = try await store.createOrg(name: "ports", email: nil)
        _ = try await store.credit(orgID: org.id, amount: Cents(1_000_000), description: "t")
        let fd = try #require(Self.occupy(base + 1), "port \(base + 1) is in use on this host")
        defer { close(fd) }

        let first = try await service.create(orgID: org.id, subdomain: "port-1", defaultModel: nil, tier: .budget, imConfig: nil).0
        let second = try await service.create(orgID: org.id, subdomain: "port-2", defaultModel: nil, tier: .budget, imConfig: nil).0
        #expect(first.hostPort == base)
        #expect(second.hostPort == base + 2, "the bound port is skipped")
        await #expect(try service.freePort(skipping: []) == nil)
        await #expect(try service.freePort(skipping: [base]) == nil, "held by a live instance")

        let balance = try await store.org(id: org.id)?.balance
        let error = try await #require(throws: ClawError.self) {
            try await service.create(orgID: org.id, subdomain: "port-3", defaultModel: nil, tier: .budget, imConfig: nil)
        }
        #expect(error.code == .unavailable)
        await #expect(try store.org(id: org.id)?.balance == balance)
        await #expect(try store.listInstances(orgID: org.id).count == 2)

        // The re-check inside the transaction sees a port a live instance holds.
        await #expect(try store.read { db in try InstanceService.portHeld(db, base) })
        await #expect(try !store.read { db in try InstanceService.portHeld(db, base + 1) })
    }
}
