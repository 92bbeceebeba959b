import ClawCore
import Foundation
import Yams

/// A configuration value that stops startup: one line naming the key and where it came from.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public let key: String
    public let source: String
    public let problem: String
    public var description: String { "config: \(key) (\(source)): \(problem)" }
}

/// Reads settings from defaults, then the config file, then `CLAWD_<KEY>` variables, then flags.
public enum SettingsLoader {
    public static let defaultConfigPath = "/etc/clawd/clawd.yaml"

    /// - Parameters:
    ///   - flags: values from `clawd serve` flags, by key name (`data_dir`); `config` names the file.
    public static func load(environment: [String: String], flags: [String: String]) throws(ConfigError) -> Settings {
        var settings = Settings()
        if let (path, explicit) = configPath(environment: environment, flags: flags) {
            if explicit || FileManager.default.fileExists(atPath: path) {
                for (key, value) in try readFile(path) {
                    try apply(&settings, key: key, value: value, source: "file \(path)")
                }
                settings.configPath = path
            }
        }
        for key in SettingsKey.all {
            if let value = environment[key.environmentName] {
                try apply(&settings, key: key.name, value: value, source: "environment \(key.environmentName)")
            }
        }
        for (name, value) in flags.sorted(by: { $0.key < $1.key }) where name != "config" {
            let flag = "--" + name.replacingOccurrences(of: "_", with: "-")
            try apply(&settings, key: name, value: value, source: "flag \(flag)")
        }
        try settings.checkKubernetes()
        return settings
    }

    static func configPath(environment: [String: String], flags: [String: String]) -> (String, Bool)? {
        if let p = flags["config"] { return (p, true) }
        if let p = environment["CLAWD_CONFIG"] { return (p, true) }
        return (defaultConfigPath, false)
    }

    static func apply(_ settings: inout Settings, key: String, value: String, source: String) throws(ConfigError) {
        guard let k = SettingsKey.byName[key] else {
            let known = SettingsKey.all.map(\.name).joined(separator: ", ")
            throw ConfigError(key: key, source: source, problem: "unknown key (known keys: \(known))")
        }
        do {
            try k.apply(&settings, value)
        } catch {
            throw ConfigError(key: key, source: source, problem: error.text)
        }
    }

    /// The file's keys and scalar values in file order. YAML or JSON (JSON is YAML).
    static func readFile(_ path: String) throws(ConfigError) -> [(String, String)] {
        let source = "file \(path)"
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "cannot be read"
            throw ConfigError(key: "config", source: source, problem: "unreadable: \(reason)")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigError(key: "config", source: source, problem: "not valid YAML/JSON: \(error)")
        }
        guard let node else { return [] }
        guard let mapping = node.mapping else {
            throw ConfigError(key: "config", source: source, problem: "the top level must be a mapping of key: value")
        }
        var out: [(String, String)] = []
        for (k, v) in mapping {
            guard let key = k.string else {
                throw ConfigError(key: "config", source: source, problem: "a key is not a string")
            }
            switch v {
            case .scalar(let scalar):
                let isNull = v.null != nil && scalar.style == .plain
                out.append((key, isNull ? "" : scalar.string))
            default:
                throw ConfigError(key: key, source: source, problem: "value must be a single scalar, not a list or mapping")
            }
        }
        return out
    }
}
