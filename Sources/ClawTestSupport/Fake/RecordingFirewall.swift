import ClawCore
import ClawRuntime
import Synchronization

/// A `HostFirewall` that keeps the rules in memory, per tag, for unit tests of what applies them.
public final class RecordingFirewall: HostFirewall, Sendable {
    private let state = Mutex<[String: [FirewallRules.Rule]]>([:])

    public init() {}

    /// The rules each tag has now.
    public var rules: [String: [FirewallRules.Rule]] { state.withLock { $0 } }

    public func apply(tag: String, rules: [FirewallRules.Rule]) async throws {
        state.withLock { $0[tag] = rules }
    }

    public func remove(tag: String) async throws {
        _ = state.withLock { $0.removeValue(forKey: tag) }
    }

    public func prune(prefix: String, keep: Set<String>) async throws {
        state.withLock { rules in
            for tag in rules.keys where tag.hasPrefix(prefix) && !keep.contains(tag) { rules[tag] = nil }
        }
    }

    public func describe() async throws -> String { "recording" }
}
