import ClawCore
@testable import ClawStore
import Foundation
import Testing

/// The task file model: NanoClaw's field names, a schedule value as text or milliseconds,
/// fields it does not use ignored, a wrong type refused naming the field.
@Suite("IPC task files decode into their model")
struct ContainerIPCTaskFileTests {
    static func read(_ text: String) throws(ClawError) -> IPCTaskFile { try IPCTaskFile.read(Data(text.utf8)) }

    @Test("snake_case and camelCase fields as the agent writes them; extra fields ignored")
    func fields() throws {
        let t = try Self.read(#"{"type":"schedule_task","prompt":"p","schedule_type":"interval","schedule_value":60000,"# +
                              #""context_mode":"isolated","targetGroup":"other","name":"n","agentNote":"x"}"#)
        #expect(t.type == "schedule_task" && t.prompt == "p" && t.scheduleType == "interval")
        #expect(t.scheduleValue == "60000" && t.contextMode == "isolated" && t.targetGroup == "other" && t.name == "n")
        #expect(try Self.read(#"{"type":"schedule_task","schedule_value":"0 9 * * *"}"#).scheduleValue == "0 9 * * *")
        #expect(try Self.read(#"{"type":"pause_task","taskId":"s1"}"#).taskId == "s1")
    }

    @Test("a wrong type names the field; anything but an object is refused", arguments: [
        (#"{"type":"schedule_task","prompt":5}"#, "prompt"),
        (#"{"type":"pause_task","taskId":["s1"]}"#, "taskId"),
        (#"{"type":"schedule_task","schedule_value":true}"#, "schedule_value"),
        ("not json", nil),
        ("[1]", nil),
    ] as [(String, String?)])
    func refused(text: String, field: String?) {
        let error = #expect(throws: ClawError.self) { try Self.read(text) }
        #expect(error?.param == field, "\(text): \(error?.message ?? "-")")
    }
}
