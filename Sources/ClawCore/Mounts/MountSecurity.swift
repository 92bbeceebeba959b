import Foundation

/// NanoClaw's mount rules: deny by default, realpath before any check, blocked path components,
/// containment in an allowed root after canonicalization, read-only unless everything allows
/// writing, and a safe relative container path.
public enum MountSecurity {
    /// Where validated extra mounts appear inside the agent container.
    public static let extraMountBase = "/workspace/extra"

    /// Decides one mount. `resolve` is realpath (nil when the path does not exist); `home`
    /// expands a leading `~`.
    public static func validate(_ request: MountRequest, allowlist: MountAllowlist?, isMain: Bool,
                                home: String, resolve: (String) -> String? = realPath) -> MountDecision {
        guard let allowlist else {
            return .refused("no mount allowlist is configured: every extra mount is refused")
        }
        let containerName: String
        switch containerPath(request) {
        case .success(let name): containerName = name
        case .failure(let problem): return .refused(problem.message)
        }
        let expanded = expandHome(request.hostPath, home: home)
        guard expanded.hasPrefix("/") else { return .refused("host path '\(request.hostPath)' must be absolute") }
        guard !pathComponents(expanded).contains("..") else {
            return .refused("host path '\(request.hostPath)' must not contain '..'")
        }
        guard let canonical = resolve(expanded) else {
            return .refused("host path '\(request.hostPath)' does not exist")
        }
        let patterns = allowlist.effectiveBlockedPatterns
        if let hit = blockedPattern(in: canonical, patterns: patterns) ?? blockedPattern(in: expanded, patterns: patterns) {
            return .refused("host path '\(canonical)' matches blocked pattern '\(hit)'", canonical: canonical)
        }
        // The most specific root decides (a rw root nested in a ro one grants rw below it).
        var root: MountAllowlist.Root?
        var rootLength = -1
        for candidate in allowlist.allowedRoots {
            guard let rootPath = resolve(expandHome(candidate.path, home: home)) else { continue }
            if isWithin(canonical, root: rootPath), rootPath.count > rootLength { root = candidate; rootLength = rootPath.count }
        }
        guard let root else {
            return .refused("host path '\(canonical)' is not under any allowed root (roots that do not exist are ignored)",
                            canonical: canonical)
        }
        var readOnly = true
        var note = ""
        if !request.readOnly {
            if !root.allowReadWrite {
                note = " (read-only: root \(root.path) does not allow read-write)"
            } else if !isMain && allowlist.nonMainReadOnly {
                note = " (read-only: nonMainReadOnly applies to non-main groups)"
            } else {
                readOnly = false
            }
        }
        return MountDecision(allowed: true, canonicalHostPath: canonical,
                             containerPath: extraMountBase + "/" + containerName, readOnly: readOnly,
                             message: "allowed under root \(root.path)" + note)
    }

    struct Problem: Error { let message: String }

    /// The relative container path: given, or the host path's last component.
    static func containerPath(_ request: MountRequest) -> Result<String, Problem> {
        let raw = request.containerPath ?? pathComponents(request.hostPath).last ?? ""
        if raw.isEmpty { return .failure(Problem(message: "containerPath is empty")) }
        if raw.hasPrefix("/") { return .failure(Problem(message: "containerPath '\(raw)' must be relative")) }
        if raw.contains(":") { return .failure(Problem(message: "containerPath '\(raw)' must not contain ':'")) }
        if raw.contains(",") || raw.contains("\0") || raw.contains("\n") {
            return .failure(Problem(message: "containerPath '\(raw)' contains a forbidden character"))
        }
        let parts = pathComponents(raw)
        if parts.contains("..") { return .failure(Problem(message: "containerPath '\(raw)' must not contain '..'")) }
        if parts.isEmpty || parts.allSatisfy({ $0 == "." }) || raw.hasPrefix("-") {
            return .failure(Problem(message: "containerPath '\(raw)' is not a usable name"))
        }
        return .success(parts.filter { $0 != "." }.joined(separator: "/"))
    }

    /// The first pattern that equals or is contained in a component of `path`.
    public static func blockedPattern(in path: String, patterns: [String]) -> String? {
        let components = pathComponents(path)
        return patterns.first { p in components.contains { $0 == p || $0.contains(p) } }
    }

    public static func isWithin(_ path: String, root: String) -> Bool {
        if root == "/" { return true }
        return path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    public static func pathComponents(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    public static func expandHome(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        return path
    }

    /// realpath(3): symlinks resolved, nil when the path does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
