import ClawClient
import ClawTestSupport
import ClawWire
import Foundation
import Testing

extension E2E {
    @Suite("bad input over the real TCP listener")
    struct BadInput {
        static let maxBody = 4096

        /// Create bodies that must all be refused. Every one that names a subdomain uses a valid
        /// one, so a check that let the body through would create (and charge) an instance.
        static func createBodies(_ ok: String) -> [(String, String)] {
            let long = String(repeating: "a", count: 33)
            return [
                ("empty object", #"{}"#),
                ("subdomain number", #"{"subdomain": 123}"#),
                ("subdomain bool", #"{"subdomain": true}"#),
                ("subdomain null", #"{"subdomain": null}"#),
                ("subdomain array", #"{"subdomain": ["abc"]}"#),
                ("subdomain object", #"{"subdomain": {"a": "b"}}"#),
                ("subdomain too short", #"{"subdomain": "ab"}"#),
                ("subdomain too long", #"{"subdomain": "\#(long)"}"#),
                ("subdomain uppercase", #"{"subdomain": "Abcdef"}"#),
                ("subdomain underscore", #"{"subdomain": "ab_cd"}"#),
                ("subdomain space", #"{"subdomain": "ab cd"}"#),
                ("subdomain dot", #"{"subdomain": "ab.cd"}"#),
                ("subdomain unicode", #"{"subdomain": "ąbcd"}"#),
                ("subdomain newline", #"{"subdomain": "abcd\n"}"#),
                ("subdomain leading -", #"{"subdomain": "-abcd"}"#),
                ("subdomain trailing -", #"{"subdomain": "abcd-"}"#),
                ("defaultModel number", #"{"subdomain": "\#(ok)", "defaultModel": 5}"#),
                ("defaultModel object", #"{"subdomain": "\#(ok)", "defaultModel": {"a": "b"}}"#),
                ("defaultModel too long", #"{"subdomain": "\#(ok)", "defaultModel": "\#(String(repeating: "m", count: 101))"}"#),
                ("defaultModel leading -", #"{"subdomain": "\#(ok)", "defaultModel": "--privileged"}"#),
                ("defaultModel control char", #"{"subdomain": "\#(ok)", "defaultModel": "gpt\u0007"}"#),
                ("tier unknown", #"{"subdomain": "\#(ok)", "tier": "gold"}"#),
                ("tier number", #"{"subdomain": "\#(ok)", "tier": 1}"#),
                ("imConfig string", #"{"subdomain": "\#(ok)", "imConfig": "token"}"#),
                ("imConfig array", #"{"subdomain": "\#(ok)", "imConfig": ["a"]}"#),
                ("imConfig nested value control", #"{"subdomain": "\#(ok)", "imConfig": {"k": {"n": "a\u0001b"}}}"#),
                ("imConfig key leading -", #"{"subdomain": "\#(ok)", "imConfig": {"-k": "v"}}"#),
                ("imConfig key charset", #"{"subdomain": "\#(ok)", "imConfig": {"a key": "v"}}"#),
                ("imConfig value control", #"{"subdomain": "\#(ok)", "imConfig": {"k": "a\u0001b"}}"#),
                ("unknown field", #"{"subdomain": "\#(ok)", "status": "RUNNING"}"#),
                ("unknown field id", #"{"subdomain": "\#(ok)", "id": "cmabc"}"#),
                ("malformed JSON", #"{"subdomain": "\#(ok)""#),
                ("not JSON", "subdomain=\(ok)"),
                ("JSON array", #"[{"subdomain": "\#(ok)"}]"#),
                ("JSON string", #""\#(ok)""#),
                ("JSON null", "null"),
            ]
        }

        static func patchBodies() -> [(String, String)] {
        [
            ("empty object", #"{}"#),
            ("defaultModel number", #"{"defaultModel": 5}"#),
            ("defaultModel bool", #"{"defaultModel": false}"#),
            ("defaultModel too long", #"{"defaultModel": "\#(String(repeating: "m", count: 101))"}"#),
            ("defaultModel leading -", #"{"defaultModel": "-x"}"#),
            ("defaultModel control char", #"{"defaultModel": "a\tb"}"#),
            ("imConfig string", #"{"imConfig": "token"}"#),
            ("imConfig number", #"{"imConfig": 7}"#),
            ("imConfig array", #"{"imConfig": [{"k": "v"}]}"#),
            ("imConfig nested too deep", #"{"imConfig": {"a": [[[[[[[["x"]]]]]]]]}}"#),
            ("imConfig key leading -", #"{"imConfig": {"-k": "v"}}"#),
            ("imConfig key too long", #"{"imConfig": {"\#(String(repeating: "k", count: 65))": "v"}}"#),
            ("imConfig value control", #"{"imConfig": {"k": "a\u0000b"}}"#),
            ("unknown field", #"{"defaultModel": "gpt-5.2", "subdomain": "renamed"}"#),
            ("unknown field status", #"{"defaultModel": "gpt-5.2", "status": "DELETED"}"#),
            ("malformed JSON", #"{"defaultModel": "#),
            ("JSON array", #"[{"defaultModel": "gpt-5.2"}]"#),
        ]
        }

        /// One refused answer: `expected` status, and the LemonData envelope with a known type.
        static func checkRefusal(_ reply: ClawClient.Reply, _ label: String, expected: Set<Int>) {
            #expect(expected.contains(reply.status), "\(label): \(reply.status) \(reply.text.prefix(300))")
            let envelope = E2E.envelope(reply)
            #expect(envelope != nil, "\(label): no {\"error\":{message,type,code}} envelope: \(reply.text.prefix(300))")
            #expect(envelope?.type == "invalid_request_error", "\(label): \(reply.text.prefix(300))")
        }

        /// A JSON body over `max_body_bytes` whose content would otherwise be valid.
        static func huge(_ fields: String) -> Data {
            Data(#"{\#(fields), "defaultModel": "gpt", "imConfig": {"pad": "\#(String(repeating: "x", count: maxBody * 2))"}}"#.utf8)
        }

        @Test("every malformed create and PATCH body answers the error envelope (400/422, 413 over max_body_bytes); nothing is created, changed or charged")
        func badBodies() async throws {
            try await E2EInstall.with { install in
                try await install.start(environment: ["CLAWD_MAX_BODY_BYTES": "\(Self.maxBody)"])
                let credit = 10_000
                let org = try await install.makeOrg("bad-\(install.installID)", creditCents: credit)
                let claw = install.claw(org)
                let ledgerBefore = try await install.ledgerCount()

                // Create.
                let ok = "okay-\(E2E.suffix())"
                for (label, body) in Self.createBodies(ok) {
                    let r = try await claw.send("POST", "/v1/claw/instances", Data(body.utf8))
                    Self.checkRefusal(r, "create \(label)", expected: [400, 422])
                }
                // The image is the host admin's choice: an org key that sends one is refused.
                let image = try await claw.send("POST", "/v1/claw/instances",
                                                Data(#"{"subdomain": "\#(ok)", "image": "localhost/clawd-demo:latest"}"#.utf8))
                #expect(image.status == 403 && E2E.envelope(image)?.type == "permission_error", "\(image.text)")
                #expect(image.text.contains("image"), "\(image.text)")
                let tooBig = try await claw.send("POST", "/v1/claw/instances", Self.huge(#""subdomain": "\#(ok)""#))
                Self.checkRefusal(tooBig, "create over max_body_bytes", expected: [413])

                #expect(try await claw.list().isEmpty, "an instance was created by a bad body")
                #expect(try await install.containers().isEmpty, "a container was created by a bad body")
                #expect(try await install.volumes().isEmpty, "a volume was created by a bad body")
                #expect(try await install.balanceCents(org) == credit)
                #expect(try await install.ledgerCount() == ledgerBefore, "the ledger changed")

                // PATCH, against a real running instance: nothing about it changes.
                let created = try await claw.create(ok, extra: ["defaultModel": "claude-opus-4-6"])
                #expect(created.status == 201, "a valid create after the bad ones: \(created.text)")
                let id = try created.decode(ClawChargeDTO.self).id
                try await claw.waitStatus(id, "RUNNING")
                let op = try #require(try created.decode(ClawChargeDTO.self).operationId)
                try await claw.waitOperation(op)
                let before = try await claw.instance(id)
                let containerBefore = try #require(try await install.containers(instance: id).first)
                let balanceAfterCreate = try await install.balanceCents(org)

                for (label, body) in Self.patchBodies() {
                    let r = try await claw.send("PATCH", "/v1/claw/instances/\(id)", Data(body.utf8))
                    Self.checkRefusal(r, "PATCH \(label)", expected: [400, 422])
                }
                let patchTooBig = try await claw.send("PATCH", "/v1/claw/instances/\(id)", Self.huge(#""x": 1"#))
                Self.checkRefusal(patchTooBig, "PATCH over max_body_bytes", expected: [413])

                let after = try await claw.instance(id)
                #expect(after.subdomain == before.subdomain, "PATCH changed subdomain")
                #expect(after.defaultModel == before.defaultModel, "PATCH changed defaultModel")
                #expect(after.hasIMConfig == before.hasIMConfig, "PATCH changed hasIMConfig")
                #expect(after.status == before.status, "PATCH changed status")
                #expect(after.paidUntil == before.paidUntil, "PATCH changed paidUntil")
                #expect(after.totalPaid == before.totalPaid, "PATCH changed totalPaid")
                #expect(after.hasIMConfig == false)
                let containers = try await install.containers()
                #expect(containers.map(\.id) == [containerBefore.id], "the container was recreated or another appeared")
                #expect(try await claw.list().count == 1)
                #expect(try await install.balanceCents(org) == balanceAfterCreate)
                #expect(balanceAfterCreate == credit - 2000)
            }
        }
    }
}
