import ClawCore
import Testing

@Suite("Instance field validation")
struct InstanceValidationTests {
    @Test("valid subdomains", arguments: ["abc", "my-bot", "a-b", "007", String(repeating: "a", count: 32), "a--b"])
    func validSubdomain(s: String) throws {
        #expect(InstanceValidation.isSubdomain(s))
        try InstanceValidation.checkSubdomain(s)
    }

    @Test("invalid subdomains answer invalid_argument on param subdomain", arguments: [
        "", "ab", String(repeating: "a", count: 33), "-abc", "abc-", "ABC", "my_bot", "my.bot", "my bot",
        "héllo", "abc\n", "a/b", "--x",
    ])
    func invalidSubdomain(s: String) {
        #expect(!InstanceValidation.isSubdomain(s))
        #expect { try InstanceValidation.checkSubdomain(s) } throws: { error in
            let e = error as? ClawError
            return e?.code == .invalidArgument && e?.param == "subdomain"
        }
    }

    @Test("valid default models", arguments: [
        "claude-opus-4-6", "gpt-5.2", "gemini-3-pro-preview", "kimi-k2.5", "모델 이름", String(repeating: "x", count: 100),
    ])
    func validModel(s: String) throws {
        #expect(InstanceValidation.isDefaultModel(s))
        try InstanceValidation.checkDefaultModel(s)
    }

    @Test("invalid default models answer invalid_argument on param defaultModel", arguments: [
        "", String(repeating: "x", count: 101), "a\nb", "tab\there", "nul\u{0}", "bell\u{7}", "rtl\u{202E}x",
        "zero\u{200B}width", "del\u{7F}",
    ])
    func invalidModel(s: String) {
        #expect(!InstanceValidation.isDefaultModel(s))
        #expect { try InstanceValidation.checkDefaultModel(s) } throws: { error in
            let e = error as? ClawError
            return e?.code == .invalidArgument && e?.param == "defaultModel"
        }
    }

    @Test("no default model is fine")
    func nilModel() throws {
        try InstanceValidation.checkDefaultModel(nil)
    }
}
