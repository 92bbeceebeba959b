import ClawCore

/// Value rules shared by every dialect's decoded bodies, each failure naming its field.
enum FieldRules {
    /// At most `maxLength` characters and no control characters; nil stays nil.
    @discardableResult
    static func text(_ value: String?, _ key: String, maxLength: Int = 256) throws(ClawError) -> String? {
        guard let value else { return nil }
        guard value.count <= maxLength else {
            throw ClawError(.invalidArgument, "'\(key)' is longer than \(maxLength) characters", param: key)
        }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ClawError(.invalidArgument, "'\(key)' contains control characters", param: key)
        }
        return value
    }

    /// Within `range`; nil stays nil.
    @discardableResult
    static func integer(_ value: Int?, _ key: String, range: ClosedRange<Int64>) throws(ClawError) -> Int? {
        guard let value else { return nil }
        guard range.contains(Int64(value)) else {
            throw ClawError(.invalidArgument, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound)", param: key)
        }
        return value
    }

    /// An object of string values small enough to store: entries, key and value lengths bounded.
    static func stringMap(_ map: [String: String], _ key: String, maxEntries: Int = 64,
                          maxValueLength: Int = 4096) throws(ClawError) {
        guard map.count <= maxEntries, map.values.allSatisfy({ $0.count <= maxValueLength }),
              map.keys.allSatisfy({ !$0.isEmpty && $0.count <= 128 }) else {
            throw ClawError(.invalidArgument, "'\(key)' is too large", param: key)
        }
    }
}
