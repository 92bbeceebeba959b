import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

extension FakeDiscord {
    /// Serves one Gateway connection: Hello, then the client's Identify, Resume and heartbeats.
    func gateway(path: String, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
                 channel: any NIOCore.Channel) async throws {
        let (frames, out) = AsyncStream.makeStream(of: Frame.self)
        let id = state.withLock { s -> Int in
            let id = s.nextLink
            s.nextLink += 1
            s.links.append(Link(id: id, out: out))
            s.opened += 1
            s.maxLive = max(s.maxLive, s.links.count)
            if path.hasPrefix("/resume") { s.resumeLinks += 1 }
            out.yield(.text(Self.json(Outgoing(op: 10, d: Hello(heartbeat_interval: s.heartbeatInterval)))))
            return id
        }
        defer { state.withLock { $0.links.removeAll { $0.id == id } } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await frame in frames {
                    switch frame {
                    case .text(let text): try await outbound.write(.text(text))
                    case .drop:
                        try await channel.close()
                        return
                    case .close(let code, let reason):
                        try await outbound.close(.init(codeNumber: code), reason: reason)
                        return
                    }
                }
            }
            group.addTask {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    self.received(text, link: id, out: out)
                }
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }

    /// One frame from the client.
    func received(_ text: String, link: Int, out: AsyncStream<Frame>.Continuation) {
        let data = Data(text.utf8)
        guard let head = try? JSONDecoder().decode(Head.self, from: data) else { return }
        switch head.op {
        case 1:
            let seq = (try? JSONDecoder().decode(Inbound<Int?>.self, from: data))?.d ?? nil
            let ack = state.withLock { s -> Bool in
                s.heartbeats.append(seq)
                guard s.skipAcks == 0 else { s.skipAcks -= 1; return false }
                return s.acking
            }
            if ack { out.yield(.text(Self.json(Outgoing(op: 11, d: Int?.none)))) }
        case 2:
            guard let identify = try? JSONDecoder().decode(Inbound<Identify>.self, from: data).d else {
                out.yield(.close(4002, "Error while decoding payload."))
                return
            }
            identified(identify, link: link, out: out)
        case 6:
            guard let resume = try? JSONDecoder().decode(Inbound<Resume>.self, from: data).d else {
                out.yield(.close(4002, "Error while decoding payload."))
                return
            }
            resumed(resume, link: link, out: out)
        default:
            out.yield(.close(4001, "Unknown opcode."))
        }
    }

    func identified(_ identify: Identify, link: Int, out: AsyncStream<Frame>.Continuation) {
        state.withLock { s in
            s.identifies.append(identify.intents)
            guard identify.token == botToken else { out.yield(.close(4004, "Authentication failed.")); return }
            guard s.messageContentAllowed || identify.intents & 32768 == 0 else { out.yield(.close(4014, "Disallowed intent(s).")); return }
            var session = Session(id: UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
            session.seq = 1
            let ready = Ready(user: bot, session_id: session.id, resume_gateway_url: resumeURL, application: ReadyApplication(id: bot.id))
            s.sessions[session.id] = session
            s.current = session.id
            if let i = s.links.firstIndex(where: { $0.id == link }) { s.links[i].session = session.id }
            out.yield(.text(Self.json(Outgoing(op: 0, d: ready, s: 1, t: "READY"))))
            let backlog = s.backlog
            s.backlog.removeAll()
            for (messageID, message) in backlog { Self.dispatch(&s, "MESSAGE_CREATE", message, messageID: messageID) }
        }
    }

    func resumed(_ resume: Resume, link: Int, out: AsyncStream<Frame>.Continuation) {
        state.withLock { s in
            s.resumes.append(resume.seq)
            guard resume.token == botToken else { out.yield(.close(4004, "Authentication failed.")); return }
            guard let session = s.sessions[resume.session_id], session.valid, resume.seq <= session.seq else {
                out.yield(.text(Self.json(Outgoing(op: 9, d: false))))
                return
            }
            // The session moves to this connection; the one it was on stops receiving it.
            for i in s.links.indices where s.links[i].session == session.id { s.links[i].session = nil }
            if let i = s.links.firstIndex(where: { $0.id == link }) { s.links[i].session = session.id }
            for event in session.events where event.seq > resume.seq {
                out.yield(.text(event.text))
                if let m = event.messageID { s.deliveries[m, default: 0] += 1 }
            }
            out.yield(.text(Self.json(Outgoing(op: 0, d: [String: String](), s: nil, t: "RESUMED"))))
        }
    }

    /// Numbers a dispatch in the current session, keeps it for replay and sends it to the
    /// connection the session is on (if any).
    static func dispatch<D: Encodable>(_ s: inout State, _ type: String, _ payload: D, messageID: String?) {
        guard let current = s.current, var session = s.sessions[current] else { return }
        session.seq += 1
        let text = json(Outgoing(op: 0, d: payload, s: session.seq, t: type))
        session.events.append((session.seq, text, messageID))
        s.sessions[current] = session
        if let link = s.links.first(where: { $0.session == current }) {
            link.out.yield(.text(text))
            if let messageID { s.deliveries[messageID, default: 0] += 1 }
        }
    }

    func post(channelID: String, content: String, author: User, mentions: [User], guildID: String?) -> String {
        state.withLock { s in
            let id = String(s.nextID)
            s.nextID += 1
            let message = Message(id: id, channel_id: channelID, guild_id: guildID, author: author, content: content,
                                  timestamp: Date().formatted(.iso8601), mentions: mentions)
            if s.current == nil { s.backlog.append((id, message)) } else { Self.dispatch(&s, "MESSAGE_CREATE", message, messageID: id) }
            return id
        }
    }

    func broadcast(_ frame: Frame) {
        for link in state.withLock({ $0.links }) { link.out.yield(frame) }
    }
}
