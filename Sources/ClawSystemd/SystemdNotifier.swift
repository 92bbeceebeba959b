import CSystemd
import Foundation
import Logging

/// Talks to systemd through libsystemd: `sd_notify` state lines and the watchdog interval.
/// Without `NOTIFY_SOCKET` (not under systemd) every call is a cheap no-op.
public struct SystemdNotifier: Sendable {
    let logger = Logger(label: "clawd.systemd")

    public init() {}

    /// Whether a notification socket was given to this process.
    public var isEnabled: Bool { ProcessInfo.processInfo.environment["NOTIFY_SOCKET"] != nil }

    /// Sends one or more `KEY=value` lines. Returns whether systemd received them.
    @discardableResult
    public func notify(_ lines: String...) -> Bool {
        let state = lines.joined(separator: "\n")
        let rc = sd_notify(0, state)
        if rc < 0 {
            logger.warning("sd_notify failed", metadata: ["error": "\(String(cString: strerror(-rc)))"])
        }
        return rc > 0
    }

    public func ready(status: String) { notify("READY=1", "STATUS=\(status)") }
    public func status(_ text: String) { notify("STATUS=\(text)") }
    public func stopping(status: String) { notify("STOPPING=1", "STATUS=\(status)") }
    public func watchdogPing() { notify("WATCHDOG=1") }

    /// The watchdog timeout systemd expects pings within, when the watchdog is on for this process.
    public var watchdogTimeout: Duration? {
        var usec: UInt64 = 0
        let rc = sd_watchdog_enabled(0, &usec)
        guard rc > 0, usec > 0 else { return nil }
        return .microseconds(Int64(usec))
    }
}
