import ClawCore
import Foundation
import Logging

/// One configuration key: its name in the file (`data_dir`), in the environment
/// (`CLAWD_DATA_DIR`) and as a flag (`--data-dir`), and how a text value is applied.
struct SettingsKey: Sendable {
    let name: String
    let apply: @Sendable (inout Settings, String) throws(SettingsProblem) -> Void

    var environmentName: String { "CLAWD_" + name.uppercased() }
    var flagName: String { "--" + name.replacingOccurrences(of: "_", with: "-") }
}

/// Why a value was refused (the loader adds the key and where the value came from).
struct SettingsProblem: Error, Sendable {
    let text: String
    init(_ text: String) { self.text = text }
}

enum SettingsParse {
    static func int(_ v: String, _ range: ClosedRange<Int>) throws(SettingsProblem) -> Int {
        guard let n = Int(v.trimmingCharacters(in: .whitespaces)) else {
            throw SettingsProblem("'\(v)' is not an integer")
        }
        guard range.contains(n) else {
            throw SettingsProblem("\(n) is out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }

    static func port(_ v: String) throws(SettingsProblem) -> Int {
        guard let n = Int(v) else { throw SettingsProblem("port '\(v)' is not a number") }
        guard (1...65535).contains(n) else { throw SettingsProblem("port \(n) is out of range 1-65535") }
        return n
    }

    static func bool(_ v: String) throws(SettingsProblem) -> Bool {
        switch v.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw SettingsProblem("'\(v)' is not a boolean (true/false)")
        }
    }

    /// `127.0.0.1:55765`, `[::1]:55765`, `localhost:55765`.
    static func listen(_ v: String) throws(SettingsProblem) -> (String, Int) {
        guard let colon = v.lastIndex(of: ":") else {
            throw SettingsProblem("'\(v)' is not host:port")
        }
        var host = String(v[..<colon])
        let port = try Self.port(String(v[v.index(after: colon)...]))
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard host == "localhost" || isIPAddress(host) else {
            throw SettingsProblem("host '\(host)' is not an IP address or localhost")
        }
        return (host, port)
    }

    static func isIPAddress(_ s: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, s, &v4) == 1 || inet_pton(AF_INET6, s, &v6) == 1
    }

    /// A path: non-empty, no NUL, not starting with `-`; made absolute against the cwd.
    static func path(_ v: String) throws(SettingsProblem) -> String {
        guard !v.isEmpty else { throw SettingsProblem("path is empty") }
        guard !v.hasPrefix("-") else { throw SettingsProblem("path '\(v)' starts with '-'") }
        guard !v.contains("\0"), !v.contains("\n") else { throw SettingsProblem("path contains a control character") }
        let absolute = v.hasPrefix("/") ? v : FileManager.default.currentDirectoryPath + "/" + v
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    static func oneOf<T: RawRepresentable & CaseIterable>(_ v: String, _: T.Type) throws(SettingsProblem) -> T
    where T.RawValue == String {
        guard let t = T(rawValue: v.lowercased()) else {
            throw SettingsProblem("'\(v)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return t
    }
}
