import ClawCore
@testable import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("Business metrics: channel connections and messages counted from the rows")
struct BusinessMetricsStoreTests {
    @Test("connections by platform and status, messages by platform and direction, as they change")
    func channels() async throws {
        let f = try await ChannelStoreTests.make()
        let store = f.channels.store
        #expect(try await store.businessMetrics().channelConnections.isEmpty)
        let record = try await f.channels.connect(orgID: f.org, platform: .telegram, credentials: .init(botToken: "1:metrics-token"),
                                                  account: "1", identity: [:])
        #expect(try await store.businessMetrics().channelConnections == [.init(labels: ["telegram", "connecting"], value: 1)])
        try await f.channels.setStatus(channelID: record.id, .connected, lastError: nil)
        #expect(try await store.businessMetrics().channelConnections == [.init(labels: ["telegram", "connected"], value: 1)])

        _ = try await f.channels.ingest(orgID: f.org, ChannelStoreTests.message("tg:-100", "1", "hello"),
                                        triggerPattern: ChannelStoreTests.pattern)
        _ = try await f.channels.ingest(orgID: f.org, ChannelStoreTests.message("tg:-100", "2", "again"),
                                        triggerPattern: ChannelStoreTests.pattern)
        try await f.channels.enqueueOutbound(orgID: f.org, chat: try ChatJID.parse("tg:-100"), text: "reply")
        #expect(try await store.businessMetrics().channelMessages == [
            .init(labels: ["telegram", "in"], value: 2), .init(labels: ["telegram", "out"], value: 1),
        ])
    }
}

@Suite("Operations of no instance: started, finished, failed at boot")
struct StandaloneOperationTests {
    @Test("an image build's operation runs, finishes once, and one left open fails at boot")
    func lifecycle() async throws {
        let store = try Store(path: try TestPaths.makeTempDir("ops") + "/clawd.sqlite")
        let org = try await store.createOrg(name: "o", email: nil)
        try await store.startOperation(id: "b1", orgID: org.id, kind: "image.build")
        try await store.startOperation(id: "b2", orgID: "", kind: "image.build")
        #expect(try await store.operation(id: "b1", orgID: org.id)?.status == "running")
        #expect(try await store.operation(id: "b2", orgID: org.id) == nil)
        try await store.finishOperation(id: "b1", succeeded: false, error: "broken Containerfile")
        try await store.finishOperation(id: "b1", succeeded: true, error: nil)
        let b1 = try #require(try await store.operation(id: "b1", orgID: nil))
        #expect(b1.status == "failed" && b1.error == "broken Containerfile")
        #expect(try await store.failOpenOperations(kind: "image.build", error: "interrupted") == 1)
        #expect(try await store.operation(id: "b2", orgID: nil)?.status == "failed")
    }
}
