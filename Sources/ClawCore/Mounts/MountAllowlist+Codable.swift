import Foundation

/// The allowlist document (the file, `PUT`/`GET /container/mount/allowlist`):
/// `{"allowedRoots": [...], "blockedPatterns"?: [...], "nonMainReadOnly"?: bool}`. A root is an
/// object (`path`, `allowReadWrite`?, `description`?) or a plain string (a read-only root).
/// Decoding checks the shape, `validate` the values: a bad document is never saved.
extension MountAllowlist: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable { case allowedRoots, blockedPatterns, nonMainReadOnly }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(allowedRoots: try c.decode([Root].self, forKey: .allowedRoots),
                  blockedPatterns: try c.decodeIfPresent([String].self, forKey: .blockedPatterns) ?? [],
                  nonMainReadOnly: try c.decodeIfPresent(Bool.self, forKey: .nonMainReadOnly) ?? true)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(allowedRoots, forKey: .allowedRoots)
        try c.encode(blockedPatterns, forKey: .blockedPatterns)
        try c.encode(nonMainReadOnly, forKey: .nonMainReadOnly)
    }

    /// Every problem is a `.invalidArgument` naming the field.
    public func validate() throws(ClawError) {
        guard allowedRoots.count <= 256 else {
            throw ClawError(.invalidArgument, "'allowedRoots' has more than 256 entries", param: "allowedRoots")
        }
        for (i, root) in allowedRoots.enumerated() { try root.validate(param: "allowedRoots[\(i)]") }
        guard blockedPatterns.count <= 256 else {
            throw ClawError(.invalidArgument, "'blockedPatterns' must be an array of at most 256 strings", param: "blockedPatterns")
        }
        for p in blockedPatterns where p.isEmpty || p.count > 128 || p.contains("/") || p.contains("\0") {
            throw ClawError(.invalidArgument, "blocked pattern '\(p)' must be 1-128 characters without '/'", param: "blockedPatterns")
        }
    }

    /// The file's bytes: pretty-printed, sorted keys.
    public func fileData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension MountAllowlist.Root: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable { case path, allowReadWrite, description }

    public init(from decoder: any Decoder) throws {
        if let path = try? decoder.singleValueContainer().decode(String.self) {
            self.init(path: path)
            return
        }
        guard (try? decoder.container(keyedBy: AnyCodingKey.self)) != nil else {
            let field = decoder.fieldPath
            throw ClawError(.invalidArgument, "'\(field)' must be a path string or an object", param: field)
        }
        try decoder.refuseUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(path: try c.decode(String.self, forKey: .path),
                  allowReadWrite: try c.decodeIfPresent(Bool.self, forKey: .allowReadWrite) ?? false,
                  description: try c.decodeIfPresent(String.self, forKey: .description))
    }

    /// Always an object; `description` null when there is none.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(allowReadWrite, forKey: .allowReadWrite)
        try c.encode(description, forKey: .description)
    }

    func validate(param: String) throws(ClawError) {
        if let description, description.count > 512 {
            throw ClawError(.invalidArgument, "\(param).description must be at most 512 characters", param: param)
        }
        guard path.hasPrefix("/") || path == "~" || path.hasPrefix("~/") else {
            throw ClawError(.invalidArgument, "\(param) path '\(path)' must be absolute (or start with ~/)", param: param)
        }
        guard path.count <= 4096, !path.contains("\0"), !path.contains("\n") else {
            throw ClawError(.invalidArgument, "\(param) path contains a control character", param: param)
        }
        guard !MountSecurity.pathComponents(path).contains("..") else {
            throw ClawError(.invalidArgument, "\(param) path must not contain '..'", param: param)
        }
    }
}
