@testable import ClawDaemon
import Testing

@Suite("container_operator_orgs setting")
struct ContainerOperatorSettingsTests {
    @Test("a comma-separated list of org ids, blanks trimmed, duplicates dropped; empty means none")
    func parses() throws {
        #expect(try SettingsLoader.load(environment: [:], flags: [:]).containerOperatorOrgs == [])
        let s = try SettingsLoader.load(environment: ["CLAWD_CONTAINER_OPERATOR_ORGS": " org_a1, org-B_2 ,org_a1"], flags: [:])
        #expect(s.containerOperatorOrgs == ["org_a1", "org-B_2"])
        #expect(try SettingsLoader.load(environment: [:], flags: ["container_operator_orgs": "  "]).containerOperatorOrgs == [])
    }

    @Test("a malformed id is refused with the key named", arguments: ["-org", "org a", "a,,b", "a,", "org/x", "ørg",
                                                                      String(repeating: "o", count: 65)])
    func refuses(value: String) throws {
        do {
            _ = try SettingsLoader.load(environment: [:], flags: ["container_operator_orgs": value])
            Issue.record("\(value) was accepted")
        } catch {
            #expect(error.key == "container_operator_orgs")
        }
    }
}
