import Foundation

/// What an agent container prints, kept up to a cap: its results are the text between
/// `---NANOCLAW_OUTPUT_START---` and `---NANOCLAW_OUTPUT_END---` (one run may print several).
public struct AgentOutput: Sendable, Equatable {
    public static let startMarker = "---NANOCLAW_OUTPUT_START---"
    public static let endMarker = "---NANOCLAW_OUTPUT_END---"
    public static let defaultLimitBytes = 10 << 20

    public let limitBytes: Int
    /// Every line kept, up to `limitBytes`.
    public private(set) var raw = ""
    /// Complete results, in order.
    public private(set) var results: [String] = []
    /// More was printed than `limitBytes`: the rest was dropped.
    public private(set) var truncated = false
    private var open: [String]?
    private var resultBytes = 0

    public init(limitBytes: Int = Self.defaultLimitBytes) { self.limitBytes = limitBytes }

    public mutating func append(line: String) {
        let size = line.utf8.count + 1
        if raw.utf8.count + size <= limitBytes {
            raw += line + "\n"
        } else {
            truncated = true
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed == Self.startMarker {
            open = []
        } else if trimmed == Self.endMarker, let lines = open {
            results.append(lines.joined(separator: "\n"))
            open = nil
        } else if open != nil {
            guard resultBytes + size <= limitBytes else { truncated = true; return }
            resultBytes += size
            open!.append(line)
        }
    }

    /// The run's `output`: its results joined, or everything it printed when it printed no result.
    public var output: String {
        results.isEmpty ? raw : results.joined(separator: "\n")
    }
}
