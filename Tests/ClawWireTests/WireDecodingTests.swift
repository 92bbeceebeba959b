import ClawCore
import ClawWire
import Foundation
import Testing

struct Schedule: Decodable, Equatable {
    var type: String
    var value: Int
    enum CodingKeys: String, CodingKey, CaseIterable { case type, value }
    init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        type = try c.decode(String.self, forKey: .type)
        value = try c.decodeInteger(forKey: .value)
    }
}

struct Body: Decodable, Equatable {
    var name: String
    var enabled: Bool?
    var schedule: Schedule?
    var chatJids: [String]?
    var note: Presence<String>
    enum CodingKeys: String, CodingKey, CaseIterable { case name, enabled, schedule, chatJids, note }
    init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled)
        schedule = try c.decodeIfPresent(Schedule.self, forKey: .schedule)
        chatJids = try c.decodeIfPresent([String].self, forKey: .chatJids)
        note = try c.decodePresence(String.self, forKey: .note)
    }
}

struct Answer: Codable, Equatable {
    @ExplicitNull var lastRun: String?
    var id: String
}

@Suite("Wire: strict decoding names the field")
struct WireDecodingTests {
    func problem(_ json: String) -> ClawError? {
        do {
            _ = try Wire.decodeBody(Body.self, from: Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("bad bodies: each answer names the field and the problem", arguments: [
        (#"{"name":"a","extra":1}"#, "extra", "'extra' is not a known field"),
        (#"{"name":"a","schedule":{"type":"cron","value":1,"tz":"x"}}"#, "schedule.tz", "'schedule.tz' is not a known field"),
        (#"{"name":1}"#, "name", "'name' must be a string"),
        (#"{"name":"a","enabled":"yes"}"#, "enabled", "'enabled' must be true or false"),
        (#"{"name":"a","schedule":{"type":"cron","value":1.5}}"#, "schedule.value", "'schedule.value' must be an integer"),
        (#"{"name":"a","schedule":{"type":"cron","value":true}}"#, "schedule.value", "'schedule.value' must be an integer"),
        (#"{"name":"a","schedule":{"type":"cron"}}"#, "schedule.value", "'schedule.value' is required"),
        (#"{"name":"a","chatJids":["x",2]}"#, "chatJids[1]", "'chatJids[1]' must be a string"),
        (#"{}"#, "name", "'name' is required"),
        (#"{"name":null}"#, "name", "'name' is required"),
    ])
    func badBodies(json: String, field: String, message: String) throws {
        let error = try #require(problem(json))
        #expect(error.code == .invalidArgument)
        #expect(error.param == field)
        #expect(error.message == message)
    }

    @Test("not an object, not JSON, empty")
    func shapes() throws {
        #expect(problem("[1,2]")?.message == "the body must be a JSON object")
        #expect(problem("\"x\"")?.message == "the body must be a JSON object")
        #expect(problem("{\"name\": ")?.message == "malformed JSON body")
        #expect(problem("nonsense")?.message == "malformed JSON body")
        #expect(problem("")?.message == "'name' is required")
        struct Plain: Decodable { var n: Int }
        #expect(throws: ClawError.self) { try Wire.decodeBody(Plain.self, from: Data(#"{"n":1.5}"#.utf8)) }
    }

    @Test("a good body, with absent and null told apart")
    func goodBody() throws {
        let a = try Wire.decodeBody(Body.self, from: Data(#"{"name":"a","enabled":true,"note":null}"#.utf8))
        #expect(a.name == "a" && a.enabled == true && a.note == .null && a.schedule == nil)
        let b = try Wire.decodeBody(Body.self, from: Data(#"{"name":"a","note":"n","chatJids":["x"]}"#.utf8))
        #expect(b.note == .value("n") && b.chatJids == ["x"])
        #expect(try Wire.decodeBody(Body.self, from: Data(#"{"name":"a"}"#.utf8)).note == .absent)
    }

    @Test("ExplicitNull writes null, reads absent as nil")
    func explicitNull() throws {
        let text = String(decoding: try Wire.encode(Answer(lastRun: nil, id: "x")), as: UTF8.self)
        #expect(text == #"{"id":"x","lastRun":null}"#)
        #expect(try Wire.decode(Answer.self, from: Data(#"{"id":"x"}"#.utf8)) == Answer(lastRun: nil, id: "x"))
        #expect(try Wire.decode(Answer.self, from: Data(#"{"id":"x","lastRun":"t"}"#.utf8)).lastRun == "t")
    }
}

@Suite("JSONValue round-trips every kind of value")
struct JSONValueTests {
    @Test("decode, read, encode")
    func roundTrip() throws {
        let text = #"{"a":[1,2.5,"s",true,null],"b":{"c":9007199254740993}}"#
        let v = try Wire.decode(JSONValue.self, from: Data(text.utf8))
        #expect(v["a"]?[0]?.int == 1)
        #expect(v["a"]?[1]?.double == 2.5)
        #expect(v["a"]?[2]?.string == "s")
        #expect(v["a"]?[3]?.bool == true)
        #expect(v["a"]?[4]?.isNull == true)
        #expect(v["b"]?["c"] == .int(9_007_199_254_740_993))
        #expect(v["missing"] == nil)
        #expect(String(decoding: try Wire.encode(v), as: UTF8.self) == text)
    }
}
