@testable import ClawAPI
import ClawCore
import ClawWire
import Foundation
import Testing

@Suite("the list's direct JSON writer")
struct ClawInstanceWriterTests {
    static func sample(_ tweak: (inout Instance) -> Void) -> Instance {
        var i = Instance(id: "cabc", orgID: "org_1", subdomain: "my-bot", status: .running, desired: .running,
                         image: "img", hostPort: 41001, paidUntil: Timestamp(millis: 1_773_100_800_000),
                         createdAt: Timestamp(millis: 1_770_508_800_123), updatedAt: Timestamp(millis: 1_770_508_800_123),
                         rebuildDay: "2026-02-08", totalPaid: Cents(2000))
        tweak(&i)
        return i
    }

    static let samples: [Instance] = [
        sample { _ in },
        sample { $0.defaultModel = "claude-opus-4-6"; $0.hasIMConfig = true; $0.totalPaid = Cents(1250) },
        sample { $0.status = .stopped; $0.stopReason = .expired; $0.deleteAfter = Timestamp(millis: 1_773_705_600_000)
                 $0.totalPaid = Cents(1205) },
        sample { $0.subdomain = "q-\"\\\u{1}é"; $0.defaultModel = "line\nbreak\ttab"; $0.totalPaid = Cents(0); $0.tier = .pro },
        sample { $0.status = .failed; $0.hostPort = nil; $0.healthStatus = .unhealthy; $0.totalPaid = Cents(7) },
        sample { $0.status = .stopped; $0.stopReason = .quota; $0.diskBytes = 5_368_709_121
                 $0.diskMeasuredAt = Timestamp(millis: 1_770_600_000_000) },
        sample { $0.diskBytes = 0 },
    ]

    @Test("writes exactly the object Wire.encode writes of the Codable model, for every field shape",
          arguments: 0..<samples.count)
    func sameObject(_ n: Int) throws {
        let env = try Harness().env
        for op in [nil, "op_1"] as [String?] {
            let row = ClawInstanceRow(Self.samples[n], env: env, operationID: op, now: Timestamp(millis: 1_770_600_000_000))
            var bytes: [UInt8] = []
            row.writeJSON(into: &bytes)
            let written = String(decoding: bytes, as: UTF8.self)
            let encoded = try Wire.encode(row.wire)
            // Field for field: the same keys, the same nulls, the same values.
            #expect(try Wire.decode(JSONValue.self, from: Data(bytes)) == Wire.decode(JSONValue.self, from: encoded),
                    "writer: \(written)")
            #expect(try Wire.decode(ClawInstanceDTO.self, from: Data(bytes)) == row.wire, "writer: \(written)")
            #expect(written == String(decoding: encoded, as: UTF8.self), "byte order differs from the encoder's")
        }
    }

    @Test("a list's bytes decode into the Codable list model, equal to the encoded rows, in order")
    func list() throws {
        let env = try Harness().env
        let rows = Self.samples.map { ClawInstanceRow($0, env: env) }
        let bytes = Data(ClawInstanceRow.listJSON(rows))
        let model = ClawInstanceListDTO(instances: rows.map(\.wire))
        #expect(try Wire.decode(ClawInstanceListDTO.self, from: bytes) == model)
        #expect(try Wire.decode(JSONValue.self, from: bytes) == Wire.decode(JSONValue.self, from: Wire.encode(model)))
        #expect(try Wire.decode(ClawInstanceListDTO.self, from: bytes).instances.map(\.subdomain) == Self.samples.map(\.subdomain))
        #expect(try Wire.decode(JSONValue.self, from: Data(ClawInstanceRow.listJSON([]))) == ["instances": []])
    }
}

@Suite("instance URL template")
struct URLTemplateTests {
    @Test("placeholders are replaced; unknown braces and text around them stay as they are")
    func template() {
        let i = ClawInstanceWriterTests.samples[0]
        #expect(ClawInstanceRow.url(template: "http://h/{id}/{x}{", instance: i) == "http://h/cabc/{x}{")
        #expect(ClawInstanceRow.url(template: "{subdomain}{hostPort}{id}", instance: i) == "my-bot41001cabc")
        #expect(ClawInstanceRow.url(template: "plain", instance: i) == "plain")
        #expect(ClawInstanceRow.url(template: "p:{hostPort}", instance: ClawInstanceWriterTests.samples[4]) == "p:0")
    }
}
