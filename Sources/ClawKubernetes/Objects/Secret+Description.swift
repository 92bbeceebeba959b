/// Secrets are never logged: a Secret that reaches a log line or a test failure shows its
/// name and the size of each value, never the value.
extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        let sizes = (data ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.count) bytes" }
        return "Secret(\(metadata.name ?? "?"), [\(sizes.joined(separator: ", "))])"
    }

    public var debugDescription: String { description }

    /// `dump` and the test libraries' value printers walk the mirror, not the description.
    public var customMirror: Mirror {
        Mirror(self, children: ["metadata": metadata, "type": type as Any, "data": description], displayStyle: .struct)
    }
}
