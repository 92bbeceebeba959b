extension GlobalOptions {
    /// `--json` and `--socket PATH` are accepted anywhere on the command line (`clawctl --json
    /// status`, `clawctl instance --socket S list`): ArgumentParser only knows them on the leaf
    /// subcommands, so they are moved after the leaf's own arguments before parsing. Nothing
    /// after a `--` terminator is touched, and a `--socket` without a value stays where it is
    /// for the parser to report.
    static func movedToEnd(_ arguments: [String]) -> [String] {
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        var kept: [String] = []
        var globals: [String] = []
        var index = arguments.startIndex
        while index < end {
            let token = arguments[index]
            if token == "--json" || token.hasPrefix("--socket=") {
                globals.append(token)
            } else if token == "--socket", index + 1 < end {
                globals.append(contentsOf: [token, arguments[index + 1]])
                index += 1
            } else {
                kept.append(token)
            }
            index += 1
        }
        return kept + globals + arguments[end...]
    }
}
