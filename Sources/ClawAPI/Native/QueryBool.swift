import ClawCore

extension RouterBuilding {
    /// A boolean query parameter (`true|false|1|0`), or a 400 naming it; nil when absent.
    static func queryBool(_ text: String?, name: String) throws -> Bool? {
        switch text {
        case nil: return nil
        case "true", "1": return true
        case "false", "0": return false
        default: throw ClawError(.invalidArgument, "'\(name)' must be true or false", param: name)
        }
    }
}
