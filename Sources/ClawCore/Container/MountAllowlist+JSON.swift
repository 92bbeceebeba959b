import Foundation

extension MountAllowlist {
    /// Parses and checks an allowlist document. `allowedRoots` entries are objects
    /// (`path`, `allowReadWrite`, `description`) or plain strings (read-only roots). Every
    /// problem is a `.invalidArgument` naming the field, so a bad document is never saved.
    public static func parse(_ data: Data) throws -> MountAllowlist {
        let any: Any
        do {
            any = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ClawError(.invalidArgument, "the allowlist is not valid JSON")
        }
        guard let object = any as? [String: Any] else {
            throw ClawError(.invalidArgument, "the allowlist must be a JSON object")
        }
        return try parse(object)
    }

    public static func parse(_ object: [String: Any]) throws -> MountAllowlist {
        let known: Set<String> = ["allowedRoots", "blockedPatterns", "nonMainReadOnly"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ClawError(.invalidArgument, "unknown field '\(unknown)'", param: unknown)
        }
        var list = MountAllowlist()
        guard let roots = object["allowedRoots"] as? [Any] else {
            throw ClawError(.invalidArgument, "'allowedRoots' must be an array", param: "allowedRoots")
        }
        guard roots.count <= 256 else {
            throw ClawError(.invalidArgument, "'allowedRoots' has more than 256 entries", param: "allowedRoots")
        }
        for (i, entry) in roots.enumerated() {
            list.allowedRoots.append(try root(entry, index: i))
        }
        if let patterns = object["blockedPatterns"], !(patterns is NSNull) {
            guard let strings = patterns as? [String], strings.count <= 256 else {
                throw ClawError(.invalidArgument, "'blockedPatterns' must be an array of at most 256 strings",
                                param: "blockedPatterns")
            }
            for p in strings where p.isEmpty || p.count > 128 || p.contains("/") || p.contains("\0") {
                throw ClawError(.invalidArgument, "blocked pattern '\(p)' must be 1-128 characters without '/'",
                                param: "blockedPatterns")
            }
            list.blockedPatterns = strings
        }
        if let flag = object["nonMainReadOnly"], !(flag is NSNull) {
            guard let b = flag as? Bool, isJSONBool(flag) else {
                throw ClawError(.invalidArgument, "'nonMainReadOnly' must be true or false", param: "nonMainReadOnly")
            }
            list.nonMainReadOnly = b
        }
        return list
    }

    static func root(_ entry: Any, index: Int) throws -> Root {
        let param = "allowedRoots[\(index)]"
        var root: Root
        if let path = entry as? String {
            root = Root(path: path)
        } else if let o = entry as? [String: Any] {
            if let unknown = o.keys.sorted().first(where: { !["path", "allowReadWrite", "description"].contains($0) }) {
                throw ClawError(.invalidArgument, "unknown field '\(unknown)' in \(param)", param: param)
            }
            guard let path = o["path"] as? String else {
                throw ClawError(.invalidArgument, "\(param).path is required", param: param)
            }
            root = Root(path: path)
            if let rw = o["allowReadWrite"], !(rw is NSNull) {
                guard let b = rw as? Bool, isJSONBool(rw) else {
                    throw ClawError(.invalidArgument, "\(param).allowReadWrite must be true or false", param: param)
                }
                root.allowReadWrite = b
            }
            if let d = o["description"], !(d is NSNull) {
                guard let s = d as? String, s.count <= 512 else {
                    throw ClawError(.invalidArgument, "\(param).description must be a string", param: param)
                }
                root.description = s
            }
        } else {
            throw ClawError(.invalidArgument, "\(param) must be a path string or an object", param: param)
        }
        guard root.path.hasPrefix("/") || root.path == "~" || root.path.hasPrefix("~/") else {
            throw ClawError(.invalidArgument, "\(param) path '\(root.path)' must be absolute (or start with ~/)",
                            param: param)
        }
        guard root.path.count <= 4096, !root.path.contains("\0"), !root.path.contains("\n") else {
            throw ClawError(.invalidArgument, "\(param) path contains a control character", param: param)
        }
        guard !MountSecurity.pathComponents(root.path).contains("..") else {
            throw ClawError(.invalidArgument, "\(param) path must not contain '..'", param: param)
        }
        return root
    }

    /// The JSON document (as saved and as answered by `GET /mount/allowlist`).
    public var jsonObject: [String: Any] {
        [
            "allowedRoots": allowedRoots.map { r -> [String: Any] in
                var o: [String: Any] = ["path": r.path, "allowReadWrite": r.allowReadWrite]
                o["description"] = r.description ?? NSNull()
                return o
            },
            "blockedPatterns": blockedPatterns,
            "nonMainReadOnly": nonMainReadOnly,
        ]
    }

    public func jsonData() -> Data {
        (try? JSONSerialization.data(withJSONObject: jsonObject, options: [.prettyPrinted, .sortedKeys,
                                                                           .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}

/// JSONSerialization gives NSNumber for both numbers and booleans; only a real boolean counts.
func isJSONBool(_ value: Any) -> Bool {
    guard let n = value as? NSNumber else { return false }
    return String(cString: n.objCType) == "c"
}
