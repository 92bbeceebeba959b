import ClawCore
import Foundation

/// Where the platforms are (tests point them at local servers) and the default trigger's name
/// (`telegram_api_base`, `whatsapp_api_base`, `slack_api_base`, `discord_api_base`,
/// `channels_assistant_name`, `telegram_poll_timeout_seconds`).
public struct ChannelSettings: Sendable, Equatable {
    public var telegramAPIBase = "https://api.telegram.org"
    public var slackAPIBase = "https://slack.com/api"
    public var discordAPIBase = "https://discord.com/api/v10"
    public var whatsAppAPIBase = "https://graph.facebook.com/v21.0"
    /// The name the default trigger pattern `^@<name>\b` looks for.
    public var assistantName = "Andy"
    /// How long one `getUpdates` long poll is held open by Telegram.
    public var telegramPollTimeoutSeconds = 30

    public init() {}

    public var triggerPattern: String { MessageRouting.defaultTriggerPattern(assistantName: assistantName) }
}

extension SettingsKey {
    static let channelKeys: [SettingsKey] = [
        .init(name: "telegram_api_base") { s, v throws(SettingsProblem) in s.channels.telegramAPIBase = try SettingsParse.baseURL(v) },
        .init(name: "slack_api_base") { s, v throws(SettingsProblem) in s.channels.slackAPIBase = try SettingsParse.baseURL(v) },
        .init(name: "discord_api_base") { s, v throws(SettingsProblem) in s.channels.discordAPIBase = try SettingsParse.baseURL(v) },
        .init(name: "whatsapp_api_base") { s, v throws(SettingsProblem) in s.channels.whatsAppAPIBase = try SettingsParse.baseURL(v) },
        .init(name: "channels_assistant_name") { s, v throws(SettingsProblem) in
            guard (1...64).contains(v.count), v.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw SettingsProblem("'\(v)' is not a name of 1-64 letters, digits, '_' or '-'")
            }
            s.channels.assistantName = v
        },
        .init(name: "telegram_poll_timeout_seconds") { s, v throws(SettingsProblem) in
            s.channels.telegramPollTimeoutSeconds = try SettingsParse.int(v, 0...50)
        },
    ]
}

extension SettingsParse {
    /// An http(s) URL without a trailing slash, query or fragment.
    static func baseURL(_ v: String) throws(SettingsProblem) -> String {
        let trimmed = v.hasSuffix("/") ? String(v.dropLast()) : v
        guard let url = URL(string: trimmed), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
              url.query == nil, url.fragment == nil else {
            throw SettingsProblem("'\(v)' is not an http(s) base URL like https://api.telegram.org")
        }
        return trimmed
    }
}
