import ClawCore
@testable import ClawStore
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
