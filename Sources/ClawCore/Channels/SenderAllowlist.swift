/// Who may reach an org's agents through its channels (`GET|PUT /channels/sender-allowlist`):
/// `{"default": {"allow": "*" | [ids], "mode": "trigger" | "drop"}, "chats": {"<jid>": {…}},
/// "logDenied": bool}`. A chat's own rule replaces the default. `trigger`: a sender not allowed
/// is stored as context but cannot trigger; `drop`: not stored at all.
public struct SenderAllowlist: Sendable, Equatable {
    public enum Mode: String, Sendable, Codable, CaseIterable { case trigger, drop }

    public struct Rule: Sendable, Equatable {
        /// nil: everyone (`"*"`); otherwise the platform sender ids allowed.
        public var allow: [String]?
        public var mode: Mode

        public init(allow: [String]? = nil, mode: Mode = .trigger) {
            self.allow = allow
            self.mode = mode
        }

        public func allows(_ sender: String) -> Bool { allow.map { $0.contains(sender) } ?? true }
    }

    public var `default`: Rule
    public var chats: [String: Rule]
    public var logDenied: Bool

    /// Everyone may trigger.
    public init(default rule: Rule = Rule(), chats: [String: Rule] = [:], logDenied: Bool = false) {
        self.default = rule
        self.chats = chats
        self.logDenied = logDenied
    }

    public func rule(for chat: String) -> Rule { chats[chat] ?? self.default }

    public func validate() throws(ClawError) {
        guard chats.count <= 1000 else {
            throw ClawError(.invalidArgument, "'chats' has more than 1000 entries", param: "chats")
        }
        for (jid, rule) in chats {
            _ = try ChatJID.parse(jid, param: "chats")
            try rule.validate(param: "chats.\(jid).allow")
        }
        try self.default.validate(param: "default.allow")
    }
}

extension SenderAllowlist.Rule: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable { case allow, mode }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let star = try? c.decode(String.self, forKey: .allow) {
            guard star == "*" else {
                throw DecodingError.dataCorruptedError(forKey: .allow, in: c, debugDescription: "must be \"*\" or an array of sender ids")
            }
            allow = nil
        } else {
            allow = try c.decode([String].self, forKey: .allow)
        }
        mode = try c.decodeIfPresent(SenderAllowlist.Mode.self, forKey: .mode) ?? .trigger
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let allow { try c.encode(allow, forKey: .allow) } else { try c.encode("*", forKey: .allow) }
        try c.encode(mode, forKey: .mode)
    }

    func validate(param: String) throws(ClawError) {
        guard let allow else { return }
        guard allow.count <= 1000, allow.allSatisfy({ (1...64).contains($0.count) && !$0.contains("\0") }) else {
            throw ClawError(.invalidArgument, "'\(param)' must be \"*\" or at most 1000 sender ids of 1-64 characters",
                            param: param)
        }
    }
}

extension SenderAllowlist: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable { case `default`, chats, logDenied }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.default = try c.decodeIfPresent(Rule.self, forKey: .default) ?? Rule()
        chats = try c.decodeIfPresent([String: Rule].self, forKey: .chats) ?? [:]
        logDenied = try c.decodeIfPresent(Bool.self, forKey: .logDenied) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.default, forKey: .default)
        try c.encode(chats, forKey: .chats)
        try c.encode(logDenied, forKey: .logDenied)
    }
}
