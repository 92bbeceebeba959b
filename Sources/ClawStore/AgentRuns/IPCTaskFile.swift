import ClawCore
import Foundation

/// One task file an agent run leaves in `ipc/<group>/tasks/` (NanoClaw's IPC names, snake_case
/// beside `taskId`/`targetGroup`). Fields it does not use are ignored; a field of the wrong type
/// refuses the file, naming the field.
struct IPCTaskFile: Decodable, Equatable {
    /// `schedule_task`, `pause_task`, `resume_task` or `cancel_task`.
    var type: String?
    var prompt: String?
    var scheduleType: String?
    /// Cron text, an ISO time or an interval's milliseconds (a string or a whole number).
    var scheduleValue: String?
    var targetGroup: String?
    var name: String?
    var contextMode: String?
    var taskId: String?

    enum CodingKeys: String, CodingKey {
        case type, prompt, name, taskId, targetGroup
        case scheduleType = "schedule_type", scheduleValue = "schedule_value", contextMode = "context_mode"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        prompt = try c.decodeIfPresent(String.self, forKey: .prompt)
        scheduleType = try c.decodeIfPresent(String.self, forKey: .scheduleType)
        if let n = try? c.decodeIfPresent(Int64.self, forKey: .scheduleValue) {
            scheduleValue = String(n)
        } else {
            scheduleValue = try c.decodeIfPresent(String.self, forKey: .scheduleValue)
        }
        targetGroup = try c.decodeIfPresent(String.self, forKey: .targetGroup)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        contextMode = try c.decodeIfPresent(String.self, forKey: .contextMode)
        taskId = try c.decodeIfPresent(String.self, forKey: .taskId)
    }

    /// Reads a file's bytes; a problem is an `invalidArgument` naming the field.
    static func read(_ data: Data) throws(ClawError) -> IPCTaskFile {
        do {
            return try JSONDecoder().decode(IPCTaskFile.self, from: data)
        } catch let DecodingError.typeMismatch(_, context) where !context.codingPath.isEmpty {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ClawError(.invalidArgument, "'\(field)' has the wrong type", param: field)
        } catch {
            throw ClawError(.invalidArgument, "not a JSON object")
        }
    }
}
