import ClawWire
import Foundation

/// Where output goes and whether it may be coloured or redrawn.
enum Terminal {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colours only on a terminal and never with `NO_COLOR` (https://no-color.org) set.
    static var useColor: Bool {
        let env = ProcessInfo.processInfo.environment
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
        if env["TERM"] == "dumb" { return false }
        return stdoutIsTTY
    }

    enum Color: String {
        case red = "31", green = "32", yellow = "33", blue = "34", dim = "2", bold = "1"
    }

    static func paint(_ text: String, _ color: Color) -> String {
        useColor ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// A status word in its colour: RUNNING green, FAILED red, STOPPED yellow, others plain.
    static func status(_ s: String) -> String {
        switch s {
        case "RUNNING", "ok", "succeeded", "healthy": paint(s, .green)
        case "FAILED", "fail", "failed", "unhealthy": paint(s, .red)
        case "STOPPED", "warn", "PENDING", "PROVISIONING", "pending", "running": paint(s, .yellow)
        case "DELETED": paint(s, .dim)
        default: s
        }
    }

    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes without a newline and flushes (progress lines, streamed logs).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

extension Terminal {
    /// A JSON document of clawctl's own (when the API answers nothing, e.g. 204), sorted keys.
    static func printJSON(_ value: some Encodable) { print(json(value)) }

    /// `["revoked": true, "id": .string(id)]`
    static func printJSON(_ document: JSONValue) { print(json(document)) }

    static func json(_ value: some Encodable) -> String {
        String(decoding: (try? Wire.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

extension Terminal {
    /// Writes to stderr without a newline (progress).
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
