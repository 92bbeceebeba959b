@testable import ClawDaemon
import Testing

@Suite("Settings: network isolation and the tokenless proxy")
struct NetworkSettingsTests {
    @Test("defaults: isolation on, tokenless proxy requests refused")
    func defaults() {
        #expect(Settings().networkIsolation == true)
        #expect(Settings().credentialProxyAllowTokenless == false)
    }

    @Test("both keys parse booleans from the environment and flags")
    func parse() throws {
        let s = try SettingsLoader.load(environment: ["CLAWD_NETWORK_ISOLATION": "false"],
                                        flags: ["credential_proxy_allow_tokenless": "true"])
        #expect(s.networkIsolation == false)
        #expect(s.credentialProxyAllowTokenless == true)
    }

    @Test("a value that is not a boolean is refused with the key named", arguments: [
        "network_isolation", "credential_proxy_allow_tokenless",
    ])
    func bad(key: String) throws {
        do {
            _ = try SettingsLoader.load(environment: [:], flags: [key: "sometimes"])
            Issue.record("\(key)=sometimes was accepted")
        } catch {
            #expect(error.key == key)
        }
    }
}
