import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Metrics

extension DiscordChannel {
    /// How serving one Gateway connection ended.
    enum Served: Sendable, Equatable {
        /// Reconnect and resume the session (op 7, a dropped socket, a missed heartbeat ACK, a resumable close code).
        case resume(String)
        /// The session is gone (op 9, close 4007/4009): identify afresh.
        case identify(String)
        /// A configuration error no reconnect can cure: `lastError` says what to do.
        case final(String)
        case cancelled
    }

    /// Runs the Gateway until cancelled or refused for good. A connection that reached READY or
    /// RESUMED and lasted a second is resumed at once (on `resume_gateway_url`, from the
    /// sequence number committed last); any other waits `Backoff.jitteredReconnectDelay` first. Close codes 4004 and 4010-4014 set `error` and stop.
    func connect(_ channel: ChannelRecord, _ credentials: ChannelCredentials, inbox: any ChannelInbox) async {
        guard let token = credentials.botToken else {
            await inbox.status(channel, .error, lastError: "the bot token is missing")
            return
        }
        var session = await sessions.discordSession(channelID: channel.id)
        var failures = 0
        while !Task.isCancelled {
            var served: Served
            var established = false
            let began = ContinuousClock.now
            do {
                let url: String
                if let session { url = session.resumeURL } else {
                    url = try await rest(token, .GET, "/gateway/bot", as: DiscordAPI.GatewayBot.self).url
                }
                let connection = try await WebSocketConnection.open(Self.address(url))
                (served, established) = await serve(connection, channel, token: token, inbox: inbox, session: &session)
            } catch is CancellationError {
                return
            } catch let failure as DiscordAPI.Failure where failure.status == 401 {
                served = .final(Self.tokenRejected)
            } catch {
                served = .resume("\(error)")
            }
            let reason: String
            switch served {
            case .cancelled:
                return
            case .final(let why):
                await inbox.status(channel, .error, lastError: why)
                return
            case .identify(let why):
                session = nil
                await sessions.discordSessionBegan(channelID: channel.id, nil)
                reason = why
            case .resume(let why):
                reason = why
            }
            if Task.isCancelled { return }
            Counter(label: "clawd_channel_reconnects_total", dimensions: [("platform", "discord")]).increment()
            await inbox.status(channel, .connecting, lastError: reason)
            // A session that was up for a while resumes at once; one that keeps ending right
            // away backs off like a failed connection.
            failures = established && ContinuousClock.now - began >= Self.steady ? 0 : failures + 1
            var wait: Duration = failures == 0 ? .zero : Backoff.jitteredReconnectDelay(failure: failures)
            if case .identify = served { wait = max(wait, .milliseconds(Int(Double.random(in: timing.invalidSessionWait) * 1000))) }
            if wait > .zero { try? await Task.sleep(for: wait) }
        }
    }

    /// How long a connection must have lasted for its end to be resumed without a wait.
    static let steady = Duration.seconds(1)

    static let tokenRejected = "the bot token was rejected — reset it in the Developer Portal and connect again"
    static let intentRefused = "Discord refused the MESSAGE CONTENT intent: enable it in the Developer Portal "
        + "(Bot → Privileged Gateway Intents), then connect again"

    /// The Gateway URL with the version and encoding clawd speaks.
    static func address(_ url: String) -> String {
        url + (url.hasSuffix("/") ? "" : "/") + "?v=10&encoding=json"
    }

    /// What a close code means for the next connection.
    static func afterClose(_ ending: WebSocketConnection.Ending) -> Served {
        switch ending.code {
        case 4004: .final(tokenRejected)
        case 4014: .final(intentRefused)
        case 4010, 4011, 4012, 4013:
            .final("Discord closed the Gateway with \(ending.code ?? 0)" + (ending.reason.map { ": \($0)" } ?? "") + "; connect again")
        case 4007, 4009: .identify("Discord ended the session (\(ending.code ?? 0))")
        default:
            .resume("connection lost" + (ending.code.map { " (close \($0))" } ?? "") + (ending.failure.map { ": \($0)" } ?? ""))
        }
    }
}
