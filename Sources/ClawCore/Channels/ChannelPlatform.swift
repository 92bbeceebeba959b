/// A messaging platform clawd connects an org's bot to: the name in `/channels/{name}` and the
/// prefix of its chats' JIDs.
public enum ChannelPlatform: String, Sendable, Codable, CaseIterable {
    case telegram, slack, discord, whatsapp

    /// `tg`, `slack`, `dc`, `wa`.
    public var jidPrefix: String {
        switch self {
        case .telegram: "tg"
        case .slack: "slack"
        case .discord: "dc"
        case .whatsapp: "wa"
        }
    }

    /// The longest text one platform message may carry (longer replies are split).
    public var textLimit: Int {
        switch self {
        case .telegram, .whatsapp: 4096
        case .slack: 4000
        case .discord: 2000
        }
    }

    public init?(jidPrefix: String) {
        guard let p = Self.allCases.first(where: { $0.jidPrefix == jidPrefix }) else { return nil }
        self = p
    }
}

/// A channel connection's state as `GET /channels/{name}` shows it.
public enum ChannelStatus: String, Sendable, Codable, CaseIterable {
    case connected, connecting, error, disconnected
}
