import ClawCore

/// A direct JSON writer for instance lists: Foundation's `JSONEncoder` took about a third of a
/// 1,000-instance `GET /v1/claw/instances`. It writes the same object as `encode(to:)`; a test
/// compares the two for every field shape so they cannot drift apart.
extension ClawInstanceDTO {
    func writeJSON(into out: inout String) {
        let i = instance
        out += "{\"canRebuild\":\(canRebuild),\"createdAt\":"
        JSONText.string(i.createdAt.iso8601, into: &out)
        out += ",\"defaultModel\":"
        JSONText.optional(i.defaultModel, into: &out)
        out += ",\"deleteAfter\":"
        JSONText.optional(i.deleteAfter?.iso8601, into: &out)
        out += ",\"hasIMConfig\":\(i.hasIMConfig),\"healthStatus\":"
        JSONText.string(i.healthStatus.rawValue, into: &out)
        out += ",\"id\":"
        JSONText.string(i.id, into: &out)
        if let operationID {
            out += ",\"operationId\":"
            JSONText.string(operationID, into: &out)
        }
        out += ",\"paidUntil\":"
        JSONText.string(i.paidUntil.iso8601, into: &out)
        out += ",\"rebuildsLeftToday\":\(rebuildsLeftToday),\"status\":"
        JSONText.string(i.status.rawValue, into: &out)
        out += ",\"stopReason\":"
        JSONText.optional(i.stopReason?.rawValue, into: &out)
        out += ",\"subdomain\":"
        JSONText.string(i.subdomain, into: &out)
        out += ",\"tier\":"
        JSONText.string(i.tier.rawValue, into: &out)
        out += ",\"totalPaid\":" + JSONText.dollars(i.totalPaid) + ",\"url\":"
        JSONText.string(url, into: &out)
        out += "}"
    }

    /// `{"instances":[…]}`
    static func listJSON(_ items: [ClawInstanceDTO]) -> String {
        var out = "{\"instances\":["
        out.reserveCapacity(64 + items.count * 480)
        for (n, item) in items.enumerated() {
            if n > 0 { out += "," }
            item.writeJSON(into: &out)
        }
        return out + "]}"
    }
}

/// JSON text pieces.
enum JSONText {
    static func string(_ s: String, into out: inout String) {
        out += "\""
        // Almost every value needs no escaping: append it whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    static func optional(_ s: String?, into out: inout String) {
        if let s { string(s, into: &out) } else { out += "null" }
    }

    /// Cents as a dollar number: 2000 → `20`, 1250 → `12.5`, 1205 → `12.05`.
    static func dollars(_ c: Cents) -> String {
        let sign = c.value < 0 ? "-" : ""
        let a = c.value.magnitude, whole = a / 100, frac = a % 100
        if frac == 0 { return "\(sign)\(whole)" }
        if frac % 10 == 0 { return "\(sign)\(whole).\(frac / 10)" }
        return "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}
