import ClawCore

/// Value rules every dialect applies to decoded request fields, each failure naming its field.
public enum FieldRules {
    public static func required<T>(_ value: T?, _ field: String) throws(ClawError) -> T {
        guard let value else { throw ClawError(.invalidArgument, "'\(field)' is required", param: field) }
        return value
    }

    /// At most `maxLength` characters; control characters refused (`allowControl`: except \n \r \t).
    /// nil stays nil.
    @discardableResult
    public static func text(_ value: String?, _ field: String, maxLength: Int = 256,
                            allowControl: Bool = false) throws(ClawError) -> String? {
        guard let value else { return nil }
        guard value.count <= maxLength else {
            throw ClawError(.invalidArgument, "'\(field)' is longer than \(maxLength) characters", param: field)
        }
        let bad = value.unicodeScalars.contains {
            $0.properties.generalCategory == .control && !(allowControl && ($0 == "\n" || $0 == "\t" || $0 == "\r"))
        }
        guard !bad else { throw ClawError(.invalidArgument, "'\(field)' contains control characters", param: field) }
        return value
    }

    /// Within `range`; nil stays nil.
    @discardableResult
    public static func integer(_ value: Int?, _ field: String, range: ClosedRange<Int64>) throws(ClawError) -> Int? {
        guard let value else { return nil }
        guard range.contains(Int64(value)) else {
            throw ClawError(.invalidArgument, "'\(field)' must be between \(range.lowerBound) and \(range.upperBound)",
                            param: field)
        }
        return value
    }

    public static func list(_ value: [String]?, _ field: String, maxCount: Int = 256, maxLength: Int = 256) throws(ClawError) {
        guard let value else { return }
        guard value.count <= maxCount, value.allSatisfy({ !$0.isEmpty && $0.count <= maxLength }) else {
            throw ClawError(.invalidArgument, "'\(field)' must be an array of at most \(maxCount) non-empty strings",
                            param: field)
        }
    }
}
