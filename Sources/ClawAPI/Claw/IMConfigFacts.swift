import ClawCore
import ClawWire
import Foundation

/// What the dialects tell about a stored IM config without showing it: whether it has a
/// Telegram section and an LLM section. A section is a top-level key that names the platform,
/// nested (`"telegram": {"botToken": …}`) or flat (`"telegramBotToken": …`), with a value that
/// is not null or empty.
struct IMConfigFacts: Sendable, Equatable {
    var hasTelegram = false
    var hasLLM = false

    init(_ config: IMConfig?) {
        guard let config,
              let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(config.json.utf8)) else { return }
        let present = object.filter { !Self.isEmpty($0.value) }.keys.map { $0.lowercased() }
        hasTelegram = present.contains { $0.contains("telegram") }
        hasLLM = present.contains { $0.contains("llm") }
    }

    static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .string(let s): s.isEmpty
        case .object(let o): o.isEmpty
        case .array(let a): a.isEmpty
        case .bool, .int, .double: false
        }
    }
}
