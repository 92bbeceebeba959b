@testable import ClawAPI
import ClawCore
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
    ]

    @Test("writes exactly the object JSONEncoder writes, for every field shape", arguments: 0..<samples.count)
    func sameObject(_ n: Int) throws {
        let env = try Harness().env
        for op in [nil, "op_1"] as [String?] {
            let dto = ClawInstanceDTO(Self.samples[n], env: env, operationID: op, now: Timestamp(millis: 1_770_600_000_000))
            var bytes: [UInt8] = []
            dto.writeJSON(into: &bytes)
            let written = String(decoding: bytes, as: UTF8.self)
            let viaWriter = try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary
            let viaEncoder = try JSONSerialization.jsonObject(with: JSONEncoder().encode(dto)) as? NSDictionary
            #expect(viaWriter != nil, "not JSON: \(written)")
            #expect(viaWriter == viaEncoder, "writer: \(written)")
        }
    }

    @Test("a list is {\"instances\": [...]} in order")
    func list() throws {
        let env = try Harness().env
        let dtos = Self.samples.map { ClawInstanceDTO($0, env: env) }
        let object = try JSONSerialization.jsonObject(with: Data(ClawInstanceDTO.listJSON(dtos))) as? [String: Any]
        let items = try #require(object?["instances"] as? [[String: Any]])
        #expect(items.map { $0["subdomain"] as? String } == Self.samples.map(\.subdomain))
        #expect(try JSONSerialization.jsonObject(with: Data(ClawInstanceDTO.listJSON([]))) as? NSDictionary
                == ["instances": []] as NSDictionary)
    }
}

@Suite("instance URL template")
struct URLTemplateTests {
    @Test("placeholders are replaced; unknown braces and text around them stay as they are")
    func template() {
        let i = ClawInstanceWriterTests.samples[0]
        #expect(ClawInstanceDTO.url(template: "http://h/{id}/{x}{", instance: i) == "http://h/cabc/{x}{")
        #expect(ClawInstanceDTO.url(template: "{subdomain}{hostPort}{id}", instance: i) == "my-bot41001cabc")
        #expect(ClawInstanceDTO.url(template: "plain", instance: i) == "plain")
        #expect(ClawInstanceDTO.url(template: "p:{hostPort}", instance: ClawInstanceWriterTests.samples[4]) == "p:0")
    }
}
