import Foundation
import Hummingbird
import HummingbirdWebSocket
import Synchronization

/// A local Slack, written from the documented Web API and Socket Mode protocol. Web API
/// (`POST /api/<method>`, `Authorization: Bearer`): `auth.test` (bot token; `invalid_auth`
/// otherwise), `apps.connections.open` (app token; answers a `ws://` URL with a one-time
/// ticket), `chat.postMessage` (`channel`, `text`, `thread_ts`; 429 with `Retry-After` when
/// told to). Socket Mode (`/link?ticket=`): `hello` on connect, `events_api` envelopes that stay
/// pending until the client sends `{"envelope_id"}`; an envelope unacknowledged when its
/// connection ends goes out again (`retry_attempt` + 1) on a live or the next connection;
/// `disconnect` frames on request. Counts connections open now, at most at once, and ever.
public final class FakeSlack: Sendable {
    public struct Sent: Sendable, Equatable {
        public var channel: String
        public var text: String
        public var threadTS: String?
        public var ts: String
    }

    enum Frame: Sendable {
        case text(String)
        case drop
    }

    struct Link {
        var id: Int
        var out: AsyncStream<Frame>.Continuation
    }

    struct Pending {
        var envelope: Envelope
        var link: Int?
        var acked = false
        var deliveries = 0
    }

    struct State {
        var links: [Link] = []
        var tickets: Set<String> = []
        var opened = 0
        var maxLive = 0
        /// Upgrades granted whose connection has not started yet.
        var upgrading = 0
        var nextLink = 1
        var nextTS = 1
        var order: [String] = []
        var pending: [String: Pending] = [:]
        var sent: [Sent] = []
        var rateLimits: [Int] = []
        var calls: [String: Int] = [:]
        var losingAcks = false
        var refusingConnections = false
        var acksReceived = 0
    }

    public let botToken: String
    public let appToken: String
    public let botUserID: String
    public let botID = "B0FAKEBOT"
    public let teamID = "T0FAKETEAM"
    public let appID = "A0FAKEAPP"
    public let port: Int
    let state = Mutex(State())

    public init(botToken: String = "xoxb-test-\(UUID().uuidString.prefix(8))",
                appToken: String = "xapp-1-test-\(UUID().uuidString.prefix(8))", botUserID: String = "U0CLAWDBOT") throws {
        self.botToken = botToken
        self.appToken = appToken
        self.botUserID = botUserID
        port = try TestPaths.freePort()
    }

    /// The Web API base (`slack_api_base`).
    public var apiBase: String { "http://127.0.0.1:\(port)/api" }

    // MARK: test controls

    /// Sends a `message` event from a user in an envelope; answers the envelope id.
    @discardableResult
    public func userMessage(channel: String, text: String, user: String = "U0ALICE", threadTS: String? = nil,
                            channelType: String = "channel", botID: String? = nil, subtype: String? = nil) -> String {
        let id = UUID().uuidString
        state.withLock { s in
            let ts = Self.ts(s.nextTS)
            s.nextTS += 1
            let event = Event(channel: channel, user: user, text: text, ts: ts, thread_ts: threadTS,
                              channel_type: channelType, bot_id: botID, subtype: subtype)
            let callback = EventCallback(team_id: teamID, api_app_id: appID, event_id: "Ev" + id.prefix(8),
                                         event_time: Int(Date().timeIntervalSince1970), event: event)
            let envelope = Envelope(envelope_id: id, retry_attempt: 0, retry_reason: "", payload: callback)
            s.order.append(id)
            s.pending[id] = Pending(envelope: envelope)
        }
        deliverPending()
        return id
    }

    /// The `ts` of the message an envelope carried (to reply in its thread).
    public func messageTS(_ envelopeID: String) -> String? { state.withLock { $0.pending[envelopeID]?.envelope.payload.event.ts } }

    /// Sends every unacknowledged envelope again with `retry_attempt` + 1, as Slack does when an
    /// acknowledgement is late.
    public func redeliverUnacked() {
        state.withLock { s in
            for id in s.order where s.pending[id]?.acked == false {
                s.pending[id]?.link = nil
                s.pending[id]?.envelope.retry_attempt += 1
                s.pending[id]?.envelope.retry_reason = "timeout"
            }
        }
        deliverPending()
    }

    /// Sends `disconnect` with `reason` on every live connection (it stays open until the client closes it).
    public func disconnect(reason: String = "refresh_requested") {
        let links = state.withLock { $0.links }
        for link in links { link.out.yield(.text(Self.json(Disconnect(reason: reason)))) }
    }

    /// Ends every live connection's TCP stream without a close frame.
    public func dropConnections() {
        let links = state.withLock { $0.links }
        for link in links { link.out.yield(.drop) }
    }

    /// While on, `apps.connections.open` answers Slack's `internal_error` (an outage: worth retrying).
    public func refuseConnections(_ on: Bool) { state.withLock { $0.refusingConnections = on } }

    /// While on, acknowledgements arrive but are lost (as when the client dies right after
    /// sending one): their envelopes stay unacknowledged and go out again on the next connection.
    public func loseAcks(_ on: Bool) { state.withLock { $0.losingAcks = on } }
    /// Acknowledgements that reached the fake (lost ones included).
    public var acksReceived: Int { state.withLock { $0.acksReceived } }

    /// The next `chat.postMessage` calls answer 429 with these `Retry-After` seconds.
    public func rateLimit(_ seconds: [Int]) { state.withLock { $0.rateLimits += seconds } }

    public func sent(channel: String) -> [Sent] { state.withLock { $0.sent.filter { $0.channel == channel } } }
    public var allSent: [Sent] { state.withLock { $0.sent } }
    public var live: Int { state.withLock { $0.links.count } }
    public var maxLive: Int { state.withLock { $0.maxLive } }
    public var opened: Int { state.withLock { $0.opened } }
    public func calls(_ method: String) -> Int { state.withLock { $0.calls[method] ?? 0 } }
    public func acked(_ envelopeID: String) -> Bool { state.withLock { $0.pending[envelopeID]?.acked ?? false } }
    public func deliveries(of envelopeID: String) -> Int { state.withLock { $0.pending[envelopeID]?.deliveries ?? 0 } }
    public var unacked: Int { state.withLock { s in s.pending.values.filter { !$0.acked }.count } }

    static func ts(_ n: Int) -> String { "1700000000.\(String(format: "%06d", n))" }
}
