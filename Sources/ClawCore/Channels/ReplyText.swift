import Foundation

/// What of an agent's output block goes to the chat: `<internal>…</internal>` sections (the
/// agent's notes to itself) are removed, surrounding whitespace trimmed; nothing left means
/// nothing is sent.
public enum ReplyText {
    public static func visible(_ block: String) -> String? {
        var text = block
        while let open = text.range(of: "<internal>") {
            if let close = text.range(of: "</internal>", range: open.upperBound..<text.endIndex) {
                text.removeSubrange(open.lowerBound..<close.upperBound)
            } else {
                text.removeSubrange(open.lowerBound..<text.endIndex)
            }
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
