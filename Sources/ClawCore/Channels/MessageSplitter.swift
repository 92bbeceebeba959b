import Foundation

/// Splits a reply into platform messages of at most `limit` UTF-16 code units (the strictest
/// of the platforms' ways of counting: Telegram counts UTF-16, Slack and Discord characters or
/// code points, which are never more): at the last paragraph break that fits, else the last
/// line break, else the last space, else a hard cut. A cut that would fall inside a fenced
/// code block (```…```) moves to the line before the block when the whole block fits in one
/// message. Cutting only between `Character`s never splits a UTF-8 sequence or a grapheme
/// cluster (a single cluster longer than `limit` is a part of its own). The separators at a
/// cut (spaces, line breaks) are dropped; no part is empty.
public enum MessageSplitter {
    static let fence: [Character] = ["`", "`", "`"]

    public static func split(_ text: String, limit: Int) -> [String] {
        precondition(limit > 0)
        var parts: [String] = []
        var rest = Substring(text)
        // Whether `rest` starts inside a code block a too-long block's hard cut left open.
        var insideBlock = false
        while rest.utf16.count > limit {
            var (cut, skip) = cutPoint(in: rest, limit: limit)
            if let before = blockStart(rest, cut: cut, insideAtStart: insideBlock, limit: limit) { (cut, skip) = before }
            let head = rest[..<cut]
            if !head.isEmpty { parts.append(String(head)) }
            if fences(in: head) % 2 == 1 { insideBlock.toggle() }
            rest = rest[rest.index(cut, offsetBy: skip)...]
            while let first = rest.first, first == "\n" || first == " " { rest = rest.dropFirst() }
        }
        if !rest.isEmpty { parts.append(String(rest)) }
        return parts
    }

    /// The end of the longest run of whole characters from the start of `text` within `limit`
    /// code units (at least one character).
    static func fitting(_ text: Substring, limit: Int) -> String.Index {
        var units = 0
        var i = text.startIndex
        while i < text.endIndex {
            let next = text.index(after: i)
            units += text[i..<next].utf16.count
            if units > limit { return i == text.startIndex ? next : i }
            i = next
        }
        return i
    }

    /// Where to cut `rest` (longer than `limit`) and how many separator characters to drop there.
    private static func cutPoint(in rest: Substring, limit: Int) -> (String.Index, Int) {
        let start = rest.startIndex
        let end = fitting(rest, limit: limit)
        guard end < rest.endIndex else { return (end, 0) }
        // The character right after the limit counts too: a separator there is a boundary.
        let window = rest[...end]
        if let r = lastRange(of: ["\n", "\n"], in: window), r.lowerBound > start { return (r.lowerBound, 2) }
        if let i = window.lastIndex(of: "\n"), i > start { return (i, 1) }
        if let i = window.lastIndex(of: " "), i > start { return (i, 1) }
        return (end, 0)
    }

    /// When `cut` falls inside a fenced block that fits in one part whole, the cut at the start
    /// of its opening fence (at the line break before it, dropped, when there is one).
    private static func blockStart(_ rest: Substring, cut: String.Index, insideAtStart: Bool,
                                   limit: Int) -> (String.Index, Int)? {
        var inside = insideAtStart
        var opening: Range<String.Index>?
        var from = rest.startIndex
        while let r = firstRange(of: fence, in: rest[from..<cut]) {
            inside.toggle()
            opening = inside ? r : nil
            from = r.upperBound
        }
        guard inside, let opening, opening.lowerBound > rest.startIndex,
              let closing = firstRange(of: fence, in: rest[opening.upperBound...]),
              rest[opening.lowerBound..<closing.upperBound].utf16.count <= limit else { return nil }
        let before = rest.index(before: opening.lowerBound)
        if rest[before] == "\n", before > rest.startIndex { return (before, 1) }
        return (opening.lowerBound, 0)
    }

    private static func fences(in text: Substring) -> Int {
        var count = 0
        var from = text.startIndex
        while let r = firstRange(of: fence, in: text[from...]) {
            count += 1
            from = r.upperBound
        }
        return count
    }

    // Searches by `Character`: Foundation's `range(of:)` compares UTF-16 units and can match
    // inside a cluster (the "\n" of "\r\n", a backtick carrying a combining mark).

    static func firstRange(of needle: [Character], in text: Substring) -> Range<String.Index>? {
        var i = text.startIndex
        while i < text.endIndex {
            if let end = match(needle, in: text, at: i) { return i..<end }
            i = text.index(after: i)
        }
        return nil
    }

    static func lastRange(of needle: [Character], in text: Substring) -> Range<String.Index>? {
        var i = text.endIndex
        while i > text.startIndex {
            i = text.index(before: i)
            if let end = match(needle, in: text, at: i) { return i..<end }
        }
        return nil
    }

    private static func match(_ needle: [Character], in text: Substring, at start: String.Index) -> String.Index? {
        var i = start
        for c in needle {
            guard i < text.endIndex, text[i] == c else { return nil }
            i = text.index(after: i)
        }
        return i
    }
}
