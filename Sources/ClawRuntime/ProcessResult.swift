import ClawCore

/// How a finished subprocess ended and what it printed.
public struct ProcessResult: Sendable, Equatable {
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    public var termination: Termination
    public var stdout: String
    public var stderr: String

    public init(termination: Termination, stdout: String, stderr: String) {
        self.termination = termination
        self.stdout = stdout
        self.stderr = stderr
    }

    /// The exit code; a signal death reads as the shell does (128 + signal).
    public var exitCode: Int32 {
        switch termination {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }

    public var succeeded: Bool { termination == .exited(0) }

    /// The last `maxCharacters` of stderr (or stdout when stderr is empty), trimmed, for messages.
    public func diagnosticTail(maxCharacters: Int = 2_000) -> String {
        var text = stderr.trimmingWhitespace()
        if text.isEmpty { text = stdout.trimmingWhitespace() }
        guard text.count > maxCharacters else { return text }
        return "…" + String(text.suffix(maxCharacters))
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
