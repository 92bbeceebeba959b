import ClawCore

/// A direct JSON writer for instance lists: Foundation's `JSONEncoder` took about a third of a
/// 1,000-instance `GET /v1/claw/instances`, and String appends most of the rest, so this writes
/// bytes. It writes the same object as `Wire.encode` of `wire`; a test compares the two for every
/// field shape so they cannot drift apart.
extension ClawInstanceRow {
    func writeJSON(into out: inout [UInt8]) {
        let i = instance
        JSONBytes.literal("{\"canRebuild\":", into: &out)
        JSONBytes.bool(canRebuild, into: &out)
        JSONBytes.literal(",\"createdAt\":", into: &out)
        JSONBytes.timestamp(i.createdAt, into: &out)
        JSONBytes.literal(",\"defaultModel\":", into: &out)
        JSONBytes.optional(i.defaultModel, into: &out)
        JSONBytes.literal(",\"deleteAfter\":", into: &out)
        if let after = i.deleteAfter { JSONBytes.timestamp(after, into: &out) } else { JSONBytes.literal("null", into: &out) }
        JSONBytes.literal(",\"diskBytes\":", into: &out)
        if let bytes = i.diskBytes { ASCII.appendPadded(bytes, to: &out) } else { JSONBytes.literal("null", into: &out) }
        JSONBytes.literal(",\"hasIMConfig\":", into: &out)
        JSONBytes.bool(i.hasIMConfig, into: &out)
        JSONBytes.literal(",\"healthStatus\":", into: &out)
        JSONBytes.string(i.healthStatus.rawValue, into: &out)
        JSONBytes.literal(",\"id\":", into: &out)
        JSONBytes.string(i.id, into: &out)
        if let operationID {
            JSONBytes.literal(",\"operationId\":", into: &out)
            JSONBytes.string(operationID, into: &out)
        }
        JSONBytes.literal(",\"paidUntil\":", into: &out)
        JSONBytes.timestamp(i.paidUntil, into: &out)
        JSONBytes.literal(",\"rebuildsLeftToday\":", into: &out)
        ASCII.appendPadded(Int64(rebuildsLeftToday), to: &out)
        JSONBytes.literal(",\"status\":", into: &out)
        JSONBytes.string(i.status.rawValue, into: &out)
        JSONBytes.literal(",\"stopReason\":", into: &out)
        JSONBytes.optional(i.stopReason?.rawValue, into: &out)
        JSONBytes.literal(",\"subdomain\":", into: &out)
        JSONBytes.string(i.subdomain, into: &out)
        JSONBytes.literal(",\"tier\":", into: &out)
        JSONBytes.string(i.tier.rawValue, into: &out)
        JSONBytes.literal(",\"totalPaid\":", into: &out)
        JSONBytes.dollars(i.totalPaid, into: &out)
        JSONBytes.literal(",\"url\":", into: &out)
        JSONBytes.string(url, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// `{"instances":[…]}`
    static func listJSON(_ items: [ClawInstanceRow]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + items.count * 400)
        JSONBytes.literal("{\"instances\":[", into: &out)
        for (n, item) in items.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            item.writeJSON(into: &out)
        }
        JSONBytes.literal("]}", into: &out)
        return out
    }
}

/// JSON text pieces, as UTF-8 bytes.
enum JSONBytes {
    static func literal(_ s: StaticString, into out: inout [UInt8]) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func bool(_ b: Bool, into out: inout [UInt8]) {
        if b { literal("true", into: &out) } else { literal("false", into: &out) }
    }

    static func timestamp(_ t: Timestamp, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        t.appendISO8601(to: &out)
        out.append(UInt8(ascii: "\""))
    }

    static func string(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Almost every value needs no escaping: copy it whole.
        let copied: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): literal("\\\"", into: &out)
            case UInt8(ascii: "\\"): literal("\\\\", into: &out)
            case UInt8(ascii: "\n"): literal("\\n", into: &out)
            case UInt8(ascii: "\r"): literal("\\r", into: &out)
            case UInt8(ascii: "\t"): literal("\\t", into: &out)
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                literal("\\u00", into: &out)
                hex.withUTF8Buffer { out.append($0[Int(byte >> 4)]); out.append($0[Int(byte & 0xF)]) }
            default: out.append(byte)   // UTF-8 multi-byte sequences pass through unchanged
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func optional(_ s: String?, into out: inout [UInt8]) {
        if let s { string(s, into: &out) } else { literal("null", into: &out) }
    }

    /// Cents as a dollar number: 2000 → `20`, 1250 → `12.5`, 1205 → `12.05`.
    static func dollars(_ c: Cents, into out: inout [UInt8]) {
        if c.value < 0 { out.append(UInt8(ascii: "-")) }
        let a = c.value.magnitude, whole = a / 100, frac = a % 100
        ASCII.appendPadded(Int64(whole), to: &out)
        if frac == 0 { return }
        out.append(UInt8(ascii: "."))
        if frac % 10 == 0 {
            ASCII.appendPadded(Int64(frac / 10), to: &out)
        } else {
            ASCII.appendPadded(Int64(frac), width: 2, to: &out)
        }
    }
}
