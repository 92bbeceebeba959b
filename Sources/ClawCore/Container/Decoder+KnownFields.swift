/// ClawCore's documents (a group's container config, the mount allowlist) are read strictly
/// wherever they come from (a request, a file, a database row): a key the document does not
/// define is refused, naming it by its dotted path like every other field problem.
extension Decoder {
    func refuseUnknownFields(_ known: Set<String>) throws {
        let keys = try container(keyedBy: FieldKey.self).allKeys.map(\.stringValue).sorted()
        if let unknown = keys.first(where: { !known.contains($0) }) {
            let field = FieldKey.path(codingPath + [FieldKey(stringValue: unknown)])
            throw ClawError(.invalidArgument, "'\(field)' is not a known field", param: field)
        }
    }

    /// The field being decoded, as `a.b[2].c`.
    var fieldPath: String { FieldKey.path(codingPath) }
}

struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue { out += "[\(index)]" } else { out += out.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return out
    }
}
