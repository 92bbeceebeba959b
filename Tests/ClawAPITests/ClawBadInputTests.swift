import ClawCore
import ClawStore
import Foundation
import Testing

/// Every field of create and PATCH with a wrong type, length or charset; unknown fields;
/// malformed JSON; bodies over the limit. Each answers the LemonData envelope and changes nothing.
@Suite("Claw dialect: bad input")
struct ClawBadInputTests {
    /// (body, the param the error must name, or nil for body-level errors)
    static let createCases: [(String, String?)] = [
        (#"{}"#, "subdomain"),
        (#"{"subdomain":null}"#, "subdomain"),
        (#"{"subdomain":123}"#, "subdomain"),
        (#"{"subdomain":true}"#, "subdomain"),
        (#"{"subdomain":["abc"]}"#, "subdomain"),
        (#"{"subdomain":{"a":"b"}}"#, "subdomain"),
        (#"{"subdomain":"ab"}"#, "subdomain"),
        (#"{"subdomain":"\#(String(repeating: "a", count: 33))"}"#, "subdomain"),
        (#"{"subdomain":"\#(String(repeating: "a", count: 5000))"}"#, "subdomain"),
        (#"{"subdomain":"MyBot"}"#, "subdomain"),
        (#"{"subdomain":"my_bot"}"#, "subdomain"),
        (#"{"subdomain":"my.bot"}"#, "subdomain"),
        (#"{"subdomain":"bot ö"}"#, "subdomain"),
        (#"{"subdomain":"-bot"}"#, "subdomain"),
        (#"{"subdomain":"bot-"}"#, "subdomain"),
        (#"{"subdomain":"b\u0000t"}"#, "subdomain"),
        (#"{"subdomain":"okbot","defaultModel":5}"#, "defaultModel"),
        (#"{"subdomain":"okbot","defaultModel":true}"#, "defaultModel"),
        (#"{"subdomain":"okbot","defaultModel":["gpt"]}"#, "defaultModel"),
        (#"{"subdomain":"okbot","defaultModel":""}"#, "defaultModel"),
        (#"{"subdomain":"okbot","defaultModel":"\#(String(repeating: "m", count: 101))"}"#, "defaultModel"),
        (#"{"subdomain":"okbot","defaultModel":"-model"}"#, "defaultModel"),
        (#"{"subdomain":"okbot","defaultModel":"gpt\n5"}"#, "defaultModel"),
        (#"{"subdomain":"okbot","defaultModel":"gpt\u0007"}"#, "defaultModel"),
        (#"{"subdomain":"okbot","defaultModel":"gpt\u200b"}"#, "defaultModel"),
        (#"{"subdomain":"okbot","tier":"huge"}"#, "tier"),
        (#"{"subdomain":"okbot","tier":2}"#, "tier"),
        (#"{"subdomain":"okbot","imConfig":"telegram"}"#, "imConfig"),
        (#"{"subdomain":"okbot","imConfig":5}"#, "imConfig"),
        (#"{"subdomain":"okbot","imConfig":["a"]}"#, "imConfig"),
        (#"{"subdomain":"okbot","imConfig":{"telegram":{"botToken":"x\u0001"}}}"#, "imConfig"),
        (#"{"subdomain":"okbot","imConfig":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":"x"}}}}}}}}}}"#, "imConfig"),
        (#"{"subdomain":"okbot","imConfig":{"-token":"x"}}"#, "imConfig"),
        (#"{"subdomain":"okbot","imConfig":{"bad key":"x"}}"#, "imConfig"),
        (#"{"subdomain":"okbot","imConfig":{"token":"x\u0000"}}"#, "imConfig"),
        (#"{"subdomain":"okbot","imConfig":{"token":"\#(String(repeating: "x", count: 5000))"}}"#, "imConfig"),
        (#"{"subdomain":"okbot","extra":1}"#, "extra"),
        (#"{"subdomain":"okbot","Subdomain":"okbot"}"#, "Subdomain"),
        (#"{"subdomain":"okbot","#, nil),
        (#"{"subdomain":"okbot"}garbage"#, nil),
        (#"["okbot"]"#, nil),
        (#""okbot""#, nil),
        (#"null"#, nil),
        ("subdomain=okbot", nil),
    ]

    @Test("bad create bodies answer 400 in the LemonData envelope; nothing is created or charged",
          arguments: createCases)
    func badCreate(body: String, param: String?) async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let r = try await api.call(.post, "/v1/claw/instances", as: org, json: body)
            #expect(r.status == 400)
            #expect(r.errorType == "invalid_request_error")
            #expect(r.error["code"] is String)
            #expect((r.error["message"] as? String)?.isEmpty == false)
            if let param { #expect(r.error["param"] as? String == param) }
        }
        await #expect(try h.instances(org).isEmpty)
        await #expect(try h.charges(org).isEmpty)
        await #expect(try h.balance(org) == 10_000)
    }

    static let patchCases: [(String, String?)] = [
        (#"{}"#, nil),
        (#"{"defaultModel":5}"#, "defaultModel"),
        (#"{"defaultModel":false}"#, "defaultModel"),
        (#"{"defaultModel":""}"#, "defaultModel"),
        (#"{"defaultModel":"\#(String(repeating: "m", count: 101))"}"#, "defaultModel"),
        (#"{"defaultModel":"-rm -rf"}"#, "defaultModel"),
        (#"{"defaultModel":"a\tb"}"#, "defaultModel"),
        (#"{"imConfig":"x"}"#, "imConfig"),
        (#"{"imConfig":[]}"#, "imConfig"),
        (#"{"imConfig":{\#((0..<9).map { "\"k\($0)\":\"\(String(repeating: "x", count: 4000))\"" }.joined(separator: ","))}}"#, "imConfig"),
        (#"{"imConfig":{"-k":"v"}}"#, "imConfig"),
        (#"{"imConfig":{"":"v"}}"#, "imConfig"),
        (#"{"subdomain":"renamed"}"#, "subdomain"),
        (#"{"status":"RUNNING"}"#, "status"),
        (#"{"defaultModel":"ok","hasIMConfig":true}"#, "hasIMConfig"),
        (#"{"defaultModel":"#, nil),
        (#"[1]"#, nil),
    ]

    @Test("bad PATCH bodies answer 400 in the envelope; the instance is unchanged", arguments: patchCases)
    func badPatch(body: String, param: String?) async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "patchbot", extra: #","defaultModel":"keep""#)["id"] as? String)
            let r = try await api.call(.patch, "/v1/claw/instances/\(id)", as: org, json: body)
            #expect(r.status == 400)
            #expect(r.errorType == "invalid_request_error")
            if let param { #expect(r.error["param"] as? String == param) }
            let instance = try await #require(try h.store.instance(id: id, orgID: nil))
            #expect(instance.defaultModel == "keep")
            #expect(instance.generation == 1)
            #expect(instance.hasIMConfig == false)
        }
    }

    @Test("a body over the limit answers 413 in the envelope and creates nothing")
    func hugeBody() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let huge = #"{"subdomain":"okbot","defaultModel":""# + String(repeating: "x", count: 200_000) + #""}"#
            let r = try await api.call(.post, "/v1/claw/instances", as: org, json: huge)
            #expect(r.status == 413)
            #expect(r.errorType == "invalid_request_error")
            let id = try #require(try await api.create(org, "okbot")["id"] as? String)
            let p = try await api.call(.patch, "/v1/claw/instances/\(id)", as: org, json: huge)
            #expect(p.status == 413)
        }
        await #expect(try h.instances(org).count == 1)
        await #expect(try h.charges(org).count == 1)
    }

    @Test("a bad Idempotency-Key, timeout, status or Last-Event-ID answers 400")
    func badHeadersAndQueries() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "querybot")["id"] as? String)
            let key = try await api.call(.post, "/v1/claw/instances", as: org, json: #"{"subdomain":"other"}"#,
                                         headers: ["Idempotency-Key": String(repeating: "k", count: 256)])
            #expect(key.status == 400)
            let spaced = try await api.call(.post, "/v1/claw/instances", as: org, json: #"{"subdomain":"other"}"#,
                                            headers: ["Idempotency-Key": "has space"])
            #expect(spaced.status == 400)
            for query in ["status=RUNNING&timeout=abc", "status=RUNNING&timeout=-1", "status=running", "status=", "timeout=1"] {
                let r = try await api.call(.get, "/v1/claw/instances/\(id)/wait?\(query)", as: org)
                #expect(r.status == 400, "\(query)")
                #expect(r.errorType == "invalid_request_error")
            }
            let events = try await api.call(.get, "/v1/events", as: org, headers: ["Last-Event-ID": "x"])
            #expect(events.status == 400)
            let since = try await api.call(.get, "/v1/events?since=-3", as: org)
            #expect(since.status == 400)
        }
        await #expect(try h.instances(org).count == 1)
    }
}
