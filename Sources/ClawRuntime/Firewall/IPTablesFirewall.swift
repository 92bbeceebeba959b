import ClawCore
import Foundation

/// `HostFirewall` through the `iptables` CLI (argv only, never a shell; `-w` waits for the
/// xtables lock another tool holds). A missing binary is `.unavailable` naming the fix.
public struct IPTablesFirewall: HostFirewall {
    public static let searchPaths = ["/usr/sbin/iptables", "/sbin/iptables", "/usr/bin/iptables", "/bin/iptables"]

    /// nil: not installed.
    public let binaryPath: String?
    let runner: ProcessRunner
    let timeout: Duration

    public init(binaryPath: String? = IPTablesFirewall.find(), runner: ProcessRunner = .init(),
                timeout: Duration = .seconds(20)) {
        self.binaryPath = binaryPath
        self.runner = runner
        self.timeout = timeout
    }

    public static func find() -> String? {
        searchPaths.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public func apply(tag: String, rules: [FirewallRules.Rule]) async throws {
        try await ensureChain()
        var complete = true
        for rule in rules where !(try await succeeds(["-C", rule.chain] + rule.spec)) {
            complete = false
            break
        }
        if complete { return }
        try await remove(tag: tag)
        // Allowances go first, rejects last, so every subnet's allowances precede its reject.
        for rule in rules {
            switch rule.position {
            case .first: try await call(["-I", rule.chain, "1"] + rule.spec)
            case .last: try await call(["-A", rule.chain] + rule.spec)
            }
        }
    }

    public func remove(tag: String) async throws {
        for line in try await listed() where FirewallRules.tag(ofListed: line, prefix: tag) == tag {
            if let argv = FirewallRules.deletion(ofListed: line) { try await call(argv) }
        }
    }

    public func prune(prefix: String, keep: Set<String>) async throws {
        for line in try await listed() {
            guard let tag = FirewallRules.tag(ofListed: line, prefix: prefix), !keep.contains(tag) else { continue }
            if let argv = FirewallRules.deletion(ofListed: line) { try await call(argv) }
        }
    }

    public func describe() async throws -> String {
        try await call(["--version"]).stdout.trimmingWhitespace()
    }

    // MARK: calls

    func ensureChain() async throws {
        for (chain, parent) in FirewallRules.chains {
            if !(try await succeeds(["-S", chain])) {
                let created = try await run(["-N", chain])
                if !created.succeeded, !created.stderr.lowercased().contains("exists") {
                    throw failure(["-N", chain], created)
                }
            }
            var leading = [FirewallRules.established]
            if parent == "INPUT" { leading.append(FirewallRules.loopback) }
            for spec in leading where !(try await succeeds(["-C", chain] + spec)) {
                try await call(["-I", chain, "1"] + spec)
            }
            if !(try await succeeds(["-C", parent, "-j", chain])) {
                try await call(["-I", parent, "1", "-j", chain])
            }
        }
    }

    /// Both chains' rules as `iptables -S` prints them; none of a chain that is missing.
    func listed() async throws -> [String] {
        var lines: [String] = []
        for (chain, _) in FirewallRules.chains {
            let result = try await run(["-S", chain])
            guard result.succeeded else { continue }
            lines += result.stdout.split(whereSeparator: \.isNewline).map(String.init)
        }
        return lines
    }

    func succeeds(_ argv: [String]) async throws -> Bool { try await run(argv).succeeded }

    @discardableResult
    func call(_ argv: [String]) async throws -> ProcessResult {
        let result = try await run(argv)
        guard result.succeeded else { throw failure(argv, result) }
        return result
    }

    func run(_ argv: [String]) async throws -> ProcessResult {
        guard let binaryPath else {
            throw ClawError(.unavailable, "network isolation needs iptables, which is not installed (looked in "
                + "\(Self.searchPaths.joined(separator: ", "))): install it (apt-get install iptables) or set "
                + "network_isolation = false")
        }
        let argv = argv == ["--version"] ? argv : ["-w", "5"] + argv
        return try await runner.run(binaryPath, argv, timeout: timeout)
    }

    func failure(_ argv: [String], _ result: ProcessResult) -> ClawError {
        ClawError(.runtime, "iptables \(argv.prefix(3).joined(separator: " ")) failed (exit \(result.exitCode)): "
            + result.diagnosticTail())
    }
}
