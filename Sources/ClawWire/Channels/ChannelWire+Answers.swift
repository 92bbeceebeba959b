import ClawCore

extension ChannelWire {
    /// One channel: `GET /channels`, `GET /channels/{name}`, connect's answer. `configured`
    /// shows the last four characters of each secret field, never a whole one.
    public struct Channel: Codable, Sendable, Equatable {
        public var name: String
        public var connected: Bool
        public var status: String
        @ExplicitNull public var lastError: String?
        @ExplicitNull public var since: String?
        /// Connection attempts since the channel was last connected (while `connecting`).
        public var attempts: Int
        public var identity: [String: String]
        public var configured: [String: String]

        public init(name: String, connected: Bool, status: String, lastError: String?, since: String?, attempts: Int = 0,
                    identity: [String: String], configured: [String: String]) {
            self.name = name
            self.connected = connected
            self.status = status
            self.lastError = lastError
            self.since = since
            self.attempts = attempts
            self.identity = identity
            self.configured = configured
        }
    }

    /// `POST /channels/{name}/validate`: the bot as the platform reports it.
    public struct Validated: Codable, Sendable, Equatable {
        public var valid: Bool
        public var identity: [String: String]

        public init(valid: Bool, identity: [String: String]) {
            self.valid = valid
            self.identity = identity
        }
    }

    /// `POST /channels/messages` → 202.
    public struct SendAccepted: Codable, Sendable, Equatable {
        public var messageId: String
        public var status: String

        public init(messageId: String, status: String) {
            self.messageId = messageId
            self.status = status
        }
    }

    /// `POST /channels/{name}/disconnect`.
    public struct Disconnected: Codable, Sendable, Equatable {
        public var name: String
        public var disconnected: Bool

        public init(name: String, disconnected: Bool) {
            self.name = name
            self.disconnected = disconnected
        }
    }

    /// One entry of `GET /channels/chats`.
    public struct Chat: Codable, Sendable, Equatable {
        public var jid: String
        public var name: String
        public var channel: String
        public var isGroup: Bool
        @ExplicitNull public var lastMessageAt: String?
        @ExplicitNull public var namespace: String?

        public init(jid: String, name: String, channel: String, isGroup: Bool, lastMessageAt: String?, namespace: String?) {
            self.jid = jid
            self.name = name
            self.channel = channel
            self.isGroup = isGroup
            self.lastMessageAt = lastMessageAt
            self.namespace = namespace
        }
    }

    /// One entry of `GET /channels/chats/{jid}/messages`.
    public struct Message: Codable, Sendable, Equatable {
        public var id: String
        public var chatJid: String
        public var direction: String
        @ExplicitNull public var sender: String?
        @ExplicitNull public var senderName: String?
        public var text: String
        public var at: String
        public var status: String
        @ExplicitNull public var platformMessageId: String?
        @ExplicitNull public var runId: String?
        @ExplicitNull public var lastError: String?

        public init(id: String, chatJid: String, direction: String, sender: String?, senderName: String?, text: String,
                    at: String, status: String, platformMessageId: String?, runId: String?, lastError: String?) {
            self.id = id
            self.chatJid = chatJid
            self.direction = direction
            self.sender = sender
            self.senderName = senderName
            self.text = text
            self.at = at
            self.status = status
            self.platformMessageId = platformMessageId
            self.runId = runId
            self.lastError = lastError
        }
    }
}
