import Foundation

/// Splits a reply into platform messages of at most `limit` characters: at the last paragraph
/// break that fits, else the last line break, else the last space, else a hard cut. Counting
/// and cutting by `Character` never splits a UTF-8 sequence or a grapheme cluster. The
/// separator at a cut is dropped; no part is empty.
public enum MessageSplitter {
    public static func split(_ text: String, limit: Int) -> [String] {
        precondition(limit > 0)
        var parts: [String] = []
        var rest = Substring(text)
        while rest.count > limit {
            // One character more: a separator right after the limit is a boundary too.
            let (cut, skip) = cutPoint(in: rest.prefix(limit + 2), limit: limit)
            let head = rest[..<cut]
            if !head.isEmpty { parts.append(String(head)) }
            rest = rest[rest.index(cut, offsetBy: skip)...]
            while let first = rest.first, first == "\n" || first == " " { rest = rest.dropFirst() }
        }
        if !rest.isEmpty { parts.append(String(rest)) }
        return parts
    }

    /// Where to cut `window` and how many separator characters to drop there.
    private static func cutPoint(in window: Substring, limit: Int) -> (String.Index, Int) {
        let end = window.index(window.startIndex, offsetBy: limit)
        let start = window.startIndex
        if let r = window.range(of: "\n\n", options: .backwards, range: start..<window.endIndex),
           r.lowerBound > start, r.lowerBound <= end { return (r.lowerBound, 2) }
        let single = window[...end]
        if let i = single.lastIndex(of: "\n"), i > start { return (i, 1) }
        if let i = single.lastIndex(of: " "), i > start { return (i, 1) }
        return (end, 0)
    }
}
