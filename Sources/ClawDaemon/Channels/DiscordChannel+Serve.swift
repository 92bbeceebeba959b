import ClawAPI
import ClawCore
import ClawStore
import Foundation

extension DiscordChannel {
    /// One frame from the Gateway other than a heartbeat or its ACK.
    struct Incoming: Sendable {
        var head: DiscordAPI.Head
        var data: Data
    }

    /// Serves one connection: answers Hello with Resume (when there is a session) or Identify,
    /// heartbeats, and commits each MESSAGE_CREATE before its sequence number counts as
    /// handled, so a resume replays whatever was not committed. Heartbeats and ACKs are handled
    /// apart from the commits, so a slow commit never looks like a dead connection. Answers how
    /// it ended and whether it reached READY or RESUMED.
    func serve(_ connection: WebSocketConnection, _ channel: ChannelRecord, token: String, inbox: any ChannelInbox,
               session: inout GatewaySession?) async -> (Served, Bool) {
        let beat = DiscordBeat()
        let (frames, feed) = AsyncStream.makeStream(of: Incoming.self)
        let reader = Task {
            for await text in connection.messages {
                let data = Data(text.utf8)
                guard let head = try? JSONDecoder().decode(DiscordAPI.Head.self, from: data) else { continue }
                switch head.op {
                case 11:
                    beat.state.withLock { $0.acked = true }
                case 1:
                    try? await connection.send(Self.frame(1, beat.state.withLock { $0.lastSeq }))
                default:
                    if let s = head.s { beat.state.withLock { $0.lastSeq = s } }
                    feed.yield(Incoming(head: head, data: data))
                }
            }
            feed.finish()
        }
        let watchdog = Task { [helloTimeout = timing.helloTimeout] in
            try? await Task.sleep(for: helloTimeout)
            if !Task.isCancelled, !beat.state.withLock({ $0.hello }) { await Self.shut(connection) }
        }
        var heart: Task<Void, Never>?
        defer {
            reader.cancel()
            watchdog.cancel()
            heart?.cancel()
        }
        var established = false
        for await frame in frames {
            switch frame.head.op {
            case 10:
                guard let hello = try? JSONDecoder().decode(DiscordAPI.Frame<DiscordAPI.Hello>.self, from: frame.data).d else { continue }
                beat.state.withLock { state in
                    state.hello = true
                    // A resumed session's heartbeats carry its last sequence number until a new dispatch arrives.
                    if state.lastSeq == nil, let seq = session?.seq { state.lastSeq = seq }
                }
                heart?.cancel()
                heart = heartbeat(connection, beat, interval: .milliseconds(max(100, hello.heartbeat_interval)))
                let greeting = session.map { Self.frame(6, DiscordAPI.Resume(token: token, session_id: $0.id, seq: $0.seq)) }
                    ?? Self.frame(2, DiscordAPI.Identify(token: token, intents: DiscordAPI.intents, properties: .init()))
                try? await connection.send(greeting)
            case 7:
                await Self.shut(connection)
                return (.resume("Discord asked to reconnect"), established)
            case 9:
                let resumable = (try? JSONDecoder().decode(DiscordAPI.Frame<Bool>.self, from: frame.data).d) ?? false
                await Self.shut(connection)
                return (resumable && session != nil ? .resume("invalid session (resumable)") : .identify("invalid session"), established)
            case 0:
                switch frame.head.t {
                case "READY":
                    guard let ready = try? JSONDecoder().decode(DiscordAPI.Frame<DiscordAPI.Ready>.self, from: frame.data).d else { continue }
                    session = GatewaySession(id: ready.session_id, resumeURL: ready.resume_gateway_url, seq: frame.head.s ?? 0)
                    await sessions.discordSessionBegan(channelID: channel.id, session)
                    established = true
                    await inbox.status(channel, .connected, lastError: nil)
                case "RESUMED":
                    established = true
                    await inbox.status(channel, .connected, lastError: nil)
                case "MESSAGE_CREATE":
                    guard let seq = frame.head.s else { continue }
                    if let message = try? JSONDecoder().decode(DiscordAPI.Frame<DiscordAPI.Message>.self, from: frame.data).d,
                       let inbound = Self.inbound(message, botUserID: channel.account) {
                        do {
                            try await inbox.receive(inbound, channel: channel, nextOffset: Int64(seq))
                        } catch {
                            // Not committed: resuming from the last committed number delivers it again.
                            await Self.shut(connection)
                            return (.resume("cannot store a message: \(error)"), false)
                        }
                    }
                    session?.seq = seq
                default:
                    if let seq = frame.head.s { session?.seq = seq }
                }
            default:
                continue
            }
        }
        if Task.isCancelled {
            await Self.shut(connection)
            return (.cancelled, established)
        }
        if beat.state.withLock({ $0.missed }) { return (.resume("no heartbeat ACK: the connection was dead"), established) }
        return (Self.afterClose(await connection.closed()), established)
    }

    /// Closes with a code other than 1000/1001, which would end the session on Discord's side
    /// (so it stays resumable), even when the calling task is cancelled.
    static func shut(_ connection: WebSocketConnection) async {
        _ = await Task { await connection.close(code: 4900, reason: "reconnecting") }.value
    }

    static func frame<D: Encodable>(_ op: Int, _ d: D) -> String {
        String(decoding: PlatformHTTP.json(DiscordAPI.Outgoing(op: op, d: d)), as: UTF8.self)
    }

    /// A text message as clawd stores it; bots' messages are marked (they never trigger).
    static func inbound(_ m: DiscordAPI.Message, botUserID: String) -> InboundMessage? {
        guard let text = m.content, !text.isEmpty else { return nil }
        let at = m.timestamp.flatMap { try? Date($0, strategy: .iso8601) } ?? Date()
        return InboundMessage(
            chat: ChatJID(platform: .discord, chatID: m.channel_id), chatTitle: m.channel_id, platformMessageID: m.id,
            sender: m.author.id, senderName: m.author.global_name ?? m.author.username ?? m.author.id, text: text,
            at: Timestamp(millis: Int64(at.timeIntervalSince1970 * 1000)),
            mentionsBot: !botUserID.isEmpty && (m.mentions ?? []).contains { $0.id == botUserID },
            fromBot: m.author.bot == true || m.author.id == botUserID)
    }
}
