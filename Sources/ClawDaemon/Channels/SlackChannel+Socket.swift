import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Metrics

extension SlackChannel {
    /// How serving one Socket Mode connection ended.
    enum Served: Sendable {
        /// Slack sent `disconnect` with this reason; the connection is still open.
        case disconnect(String)
        /// The connection ended (dropped, closed by Slack, or the task was cancelled); `greeted`
        /// when Slack had said `hello` on it.
        case ended(WebSocketConnection.Ending, greeted: Bool)
    }

    /// Runs Socket Mode until cancelled. On `disconnect` (`refresh_requested`, `warning`) the
    /// next connection is opened before the old one is closed, so no event window is lost and
    /// at most one connection stays live; `link_disabled` and refused tokens set `error` and
    /// stop. A dropped connection reconnects after a jittered backoff (`Backoff.reconnectDelay`,
    /// counted from the last `hello`; Slack's `Retry-After` when given).
    func connect(_ channel: ChannelRecord, _ credentials: ChannelCredentials, inbox: any ChannelInbox) async {
        guard let appToken = credentials.appToken, credentials.botToken != nil else {
            await inbox.status(channel, .error, lastError: "the app token or the bot token is missing")
            return
        }
        var failures = 0
        var ready: WebSocketConnection?
        while !Task.isCancelled {
            do {
                let connection: WebSocketConnection
                if let next = ready { connection = next } else { connection = try await open(appToken) }
                ready = nil
                switch await serve(connection, channel, inbox: inbox) {
                case .disconnect("link_disabled"):
                    await Self.shut(connection)
                    await inbox.status(channel, .error, lastError: "Slack disabled Socket Mode for this app: turn it on in the app's settings, then connect again")
                    return
                case .disconnect:
                    do {
                        ready = try await open(appToken)
                    } catch {
                        await Self.shut(connection)
                        throw error
                    }
                    await Self.shut(connection)
                    failures = 0
                case .ended(let ending, let greeted):
                    await Self.shut(connection)
                    if Task.isCancelled { return }
                    Counter(label: "clawd_channel_reconnects_total", dimensions: [("platform", "slack")]).increment()
                    failures = greeted ? 1 : failures + 1
                    await inbox.status(channel, .connecting, lastError: "connection lost" + (ending.failure.map { ": \($0)" } ?? ""))
                    try await Task.sleep(for: Backoff.jitteredReconnectDelay(failure: failures))
                }
            } catch is CancellationError {
                break
            } catch let failure as SlackAPI.Failure where failure.isFinal {
                await inbox.status(channel, .error, lastError: "\(failure): check the app token (xapp-…, connections:write)")
                break
            } catch {
                if Task.isCancelled { break }
                await inbox.status(channel, .connecting, lastError: "\(error)")
                failures += 1
                var wait = Backoff.jitteredReconnectDelay(failure: failures)
                if let failure = error as? SlackAPI.Failure, let retry = failure.retryAfter { wait = .seconds(max(1, retry)) }
                try? await Task.sleep(for: wait)
            }
        }
        if let ready { await Self.shut(ready) }
    }

    /// `apps.connections.open`, then the WebSocket to the URL it answered (a one-time ticket).
    func open(_ appToken: String) async throws -> WebSocketConnection {
        let link = try await call(appToken, "apps.connections.open", [String: String](), as: SlackAPI.ConnectionsOpen.self)
        return try await WebSocketConnection.open(link.url)
    }

    /// Reads frames until `disconnect` or the end. Each envelope is acknowledged only after its
    /// message was committed (a redelivery is a duplicate the store recognises by `ts`, and is
    /// acknowledged again); an envelope whose commit failed stays unacknowledged for Slack to
    /// deliver again.
    func serve(_ connection: WebSocketConnection, _ channel: ChannelRecord, inbox: any ChannelInbox) async -> Served {
        var greeted = false
        for await text in connection.messages {
            guard let frame = try? JSONDecoder().decode(SlackAPI.Frame.self, from: Data(text.utf8)) else { continue }
            switch frame.type {
            case "hello":
                greeted = true
                await inbox.status(channel, .connected, lastError: nil)
            case "disconnect":
                return .disconnect(frame.reason ?? "")
            default:
                guard let envelopeID = frame.envelope_id else { continue }
                if frame.type == "events_api", let event = frame.payload?.event,
                   let message = Self.inbound(event, botUserID: channel.account) {
                    do {
                        try await inbox.receive(message, channel: channel, nextOffset: nil)
                    } catch {
                        continue
                    }
                }
                try? await connection.send(String(decoding: PlatformHTTP.json(SlackAPI.Ack(envelope_id: envelopeID)), as: UTF8.self))
            }
        }
        // A cancelled task stops reading without the connection having ended: the caller closes it.
        if Task.isCancelled {
            return .ended(WebSocketConnection.Ending(code: nil, reason: nil, failure: "cancelled"), greeted: greeted)
        }
        return .ended(await connection.closed(), greeted: greeted)
    }

    /// Closes `connection` with a handshake even when the calling task is cancelled.
    static func shut(_ connection: WebSocketConnection) async {
        await Task { _ = await connection.close() }.value
    }

    /// A user's text message as clawd stores it; edits, joins and other subtypes are not messages.
    static func inbound(_ e: SlackAPI.Event, botUserID: String) -> InboundMessage? {
        guard e.type == "message", e.subtype == nil || e.subtype == "thread_broadcast",
              let channelID = e.channel, let ts = e.ts, let text = e.text, !text.isEmpty else { return nil }
        let seconds = Double(ts) ?? Date().timeIntervalSince1970
        return InboundMessage(
            chat: ChatJID(platform: .slack, chatID: channelID), chatTitle: channelID, platformMessageID: ts,
            sender: e.user ?? e.bot_id ?? "?", senderName: e.user ?? "?", text: text, at: Timestamp(millis: Int64(seconds * 1000)),
            threadID: e.thread_ts, mentionsBot: e.mentions(botUserID),
            fromBot: e.bot_id != nil || e.user == botUserID)
    }
}
