import ClawCore
import Foundation

/// Named places where the daemon dies abruptly when `CLAWD_CRASH_AT=<point>` is set, so tests can
/// prove that recovery converges from every half-done state. Read once from the environment at
/// startup; nothing in the API can set it.
public enum CrashPoint: String, Sendable, CaseIterable {
    /// A worker picked up an instance with an open operation, before any runtime call.
    case afterIntent = "after-intent"
    case afterVolume = "after-volume"
    case afterContainerCreated = "after-container-created"
    case afterContainerStarted = "after-container-started"
    /// The old container is removed, the new one not yet created.
    case midRebuild = "mid-rebuild"
    /// The container is removed, the volume not yet.
    case midDelete = "mid-delete"

    public static let environmentVariable = "CLAWD_CRASH_AT"

    /// The armed point from `environment`; an unknown name is a configuration error.
    public static func armed(in environment: [String: String]) throws(ClawError) -> CrashPoint? {
        guard let name = environment[environmentVariable], !name.isEmpty else { return nil }
        guard let point = CrashPoint(rawValue: name) else {
            throw ClawError(.config, "\(environmentVariable)='\(name)' is not one of "
                + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return point
    }
}

/// Exits the process at the armed crash point: one line on stderr, then `_exit(137)` (as if
/// SIGKILLed: no cleanup, no flush, no `STOPPING=1`).
public struct CrashSwitch: Sendable {
    public let armed: CrashPoint?

    public init(armed: CrashPoint?) { self.armed = armed }

    public func reach(_ point: CrashPoint, instance: String) {
        guard armed == point else { return }
        let line = "clawd: crash point \(point.rawValue) reached (instance \(instance)); exiting 137\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        _exit(137)
    }
}
