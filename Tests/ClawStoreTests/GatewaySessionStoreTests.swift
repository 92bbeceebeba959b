import ClawCore
@testable import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("A channel's gateway session: stored with the connection, its number advanced with each committed message")
struct GatewaySessionStoreTests {
    @Test("a session begins at its READY number, advances with commits, restarts from a new session's, and goes with a reconnect")
    func session() async throws {
        let f = try await ChannelStoreTests.make()
        let c = f.channels
        let record = try await c.connect(orgID: f.org, platform: .discord, credentials: ChannelCredentials(botToken: "t1"),
                                         account: "1", identity: [:])
        #expect(try await c.gatewaySession(channelID: record.id) == nil)
        try await c.setGatewaySession(channelID: record.id, GatewaySession(id: "s1", resumeURL: "wss://resume.example", seq: 1))
        #expect(try await c.gatewaySession(channelID: record.id) == GatewaySession(id: "s1", resumeURL: "wss://resume.example", seq: 1))
        _ = try await c.ingest(orgID: f.org, ChannelStoreTests.message("dc:20", "m1", "hello"), channelID: record.id, nextOffset: 7,
                               triggerPattern: ChannelStoreTests.pattern)
        try await c.advanceOffset(channelID: record.id, to: 5)
        #expect(try await c.gatewaySession(channelID: record.id)?.seq == 7, "never goes back")
        // A new session counts from its own start.
        try await c.setGatewaySession(channelID: record.id, GatewaySession(id: "s2", resumeURL: "wss://resume.example", seq: 1))
        #expect(try await c.gatewaySession(channelID: record.id)?.seq == 1)
        try await c.setGatewaySession(channelID: record.id, nil)
        #expect(try await c.gatewaySession(channelID: record.id) == nil)
        try await c.setGatewaySession(channelID: record.id, GatewaySession(id: "s3", resumeURL: "wss://resume.example", seq: 1))
        // Connecting again (a new token) starts without a session.
        let again = try await c.connect(orgID: f.org, platform: .discord, credentials: ChannelCredentials(botToken: "t2"),
                                        account: "1", identity: [:])
        #expect(try await c.gatewaySession(channelID: again.id) == nil)
    }
}
