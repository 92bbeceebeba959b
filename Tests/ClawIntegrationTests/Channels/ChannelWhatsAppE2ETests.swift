import ClawCore
import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("Channels end to end: WhatsApp Cloud webhook → clawd → real podman agent → fake Graph API", .serialized)
struct ChannelWhatsAppE2ETests {
    @Test("challenge, signature check, dedupe of a redelivery, reply through the messages API")
    func whatsapp() async throws {
        try await ChannelHarness.with { h in
            let wa = h.whatsapp
            let secret = "app-secret-\(UUID().uuidString.prefix(6))"
            let verify = "verify-\(UUID().uuidString.prefix(6))"
            try await h.group("shop", chats: ["wa:4915550001"])
            let bad = try await h.channels("POST", "/whatsapp/connect", ["phoneNumberId": wa.phoneNumberID, "accessToken": "wrong",
                                                                         "appSecret": secret, "verifyToken": verify])
            #expect(bad.status == 422)
            let connected = try await h.object("POST", "/whatsapp/connect", ["phoneNumberId": wa.phoneNumberID,
                                                                             "accessToken": wa.accessToken, "appSecret": secret,
                                                                             "verifyToken": verify])
            #expect(connected["status"] as? String != nil)
            let tcp = h.d.daemon.tcp
            let hook = "/api/v1/channels/whatsapp/webhook"

            let ok = try await tcp.get(hook + "?hub.mode=subscribe&hub.verify_token=\(verify)&hub.challenge=12345")
            #expect(ok.status == 200 && ok.text == "12345")
            let wrong = try await tcp.get(hook + "?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=12345")
            #expect(wrong.status == 403)

            let body = wa.delivery(from: "4915550001", messageID: "wamid.A1", text: "hello shop")
            let forged = try await tcp.request("POST", hook, headers: [("X-Hub-Signature-256", WebhookSignature.header(body: body, secret: "other"))],
                                               json: body)
            #expect(forged.status == 401)
            let unsigned = try await tcp.request("POST", hook, json: body)
            #expect(unsigned.status == 401)
            #expect(try await h.messages("wa:4915550001").isEmpty, "nothing stored for a bad signature")

            let signature = WebhookSignature.header(body: body, secret: secret)
            for _ in 0..<2 {
                let r = try await tcp.request("POST", hook, headers: [("X-Hub-Signature-256", signature)], json: body)
                #expect(r.status == 200)
            }
            try await eventually("whatsapp reply", timeout: .seconds(90)) { wa.sent.isEmpty ? nil : true }
            #expect(wa.sent[0].to == "4915550001" && wa.sent[0].text.contains("hello shop"))
            #expect(try await h.runs("shop").count == 1, "a redelivery triggers nothing")
            #expect(try await h.messages("wa:4915550001").filter { $0["direction"] as? String == "in" }.count == 1)
            await h.d.stop()
            for secretText in [secret, wa.accessToken, verify] {
                #expect(try SecretScan.files(containing: secretText, under: h.d.dir, except: "/data/channels/").isEmpty)
                #expect(!h.d.daemon.stderr.contains(secretText))
            }
        }
    }
}
