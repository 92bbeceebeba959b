import ClawCore
import ClawStore
import Foundation
import Hummingbird
import Testing

@Suite("imConfig as any JSON object; the image as the host admin's choice")
struct ClawIMConfigAndImageTests {
    @Test("nested, flat and section-less IM configs: stored as sorted JSON, never echoed; telegram/llm facts derived", arguments: [
        (#"{"telegram":{"botToken":"7:s"},"llm":{"apiKey":"sk-1","models":["a",1,true,null]}}"#,
         #"{"llm":{"apiKey":"sk-1","models":["a",1,true,null]},"telegram":{"botToken":"7:s"}}"#, true, true),
        (#"{"telegramBotToken":"7:s"}"#, #"{"telegramBotToken":"7:s"}"#, true, false),
        (#"{"telegram":null,"llmKey":""}"#, #"{"llmKey":"","telegram":null}"#, false, false),
        (#"{"discord":{"token":"d"}}"#, #"{"discord":{"token":"d"}}"#, false, false),
    ])
    func facts(body: String, stored: String, telegram: Bool, llm: Bool) async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let created = try await api.create(org, "imbot", extra: #","imConfig":\#(body)"#)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created["id"] as? String)
            await #expect(try h.store.imConfig(instanceID: id) == IMConfig(json: stored))
            let shown = try await api.call(.get, "/v1/claw/instances/\(id)", as: org)
            #expect(shown["hasIMConfig"] as? Bool == true && !shown.text.contains("7:s") && !shown.text.contains("sk-1"))
            let number = try #require(try await h.store.instanceNumbers(ids: [id])[id])
            let detail = try await api.call(.get, "/api/v1/instances/\(number)", as: org)
            #expect(detail.data["telegram_configured"] as? Bool == telegram, "\(detail.text)")
            #expect(detail.data["llm_configured"] as? Bool == llm, "\(detail.text)")
            #expect(!detail.text.contains("7:s") && !detail.text.contains("sk-1"))
        }
    }

    @Test("an org key that sends image gets 403 naming it and nothing is created; the admin socket may, with a checked reference")
    func image() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let refused = try await api.create(org, "imgbot", extra: #","image":"localhost/other:1""#)
            #expect(refused.status == 403 && refused.errorType == "permission_error" && refused.error["param"] as? String == "image",
                    "\(refused.text)")
        }
        await #expect(try h.instances(org).isEmpty)
        await #expect(try h.charges(org).isEmpty)
        try await h.test(.adminSocket) { api in
            for bad in ["bad image", "-x", "a//b", "img:", String(repeating: "a", count: 256)] {
                let r = try await api.call(.post, "/v1/claw/instances", socketOrg: org.id,
                                           json: #"{"subdomain":"imgbot","image":"\#(bad)"}"#)
                #expect(r.status == 400 && r.error["param"] as? String == "image", "\(bad): \(r.text)")
            }
            let made = try await api.call(.post, "/v1/claw/instances", socketOrg: org.id,
                                          json: #"{"subdomain":"imgbot","image":"localhost/other:1"}"#)
            #expect(made.status == 201, "\(made.text)")
        }
        #expect(try await h.instances(org).map(\.image) == ["localhost/other:1"])
    }
}
