import ClawCore
import Foundation
import Testing

/// A namespace's `containerConfig`: decoding checks the shape (wrong types and unknown fields
/// are refused naming the field: ClawWireTests), `validate` that the mounts can be made.
@Suite("Group containerConfig decoding and rules")
struct GroupContainerConfigTests {
    static func decode(_ json: String) throws -> GroupContainerConfig {
        try JSONDecoder().decode(GroupContainerConfig.self, from: Data(json.utf8))
    }

    static func parse(_ json: String) throws -> GroupContainerConfig {
        let config = try decode(json)
        try config.validate()
        return config
    }

    @Test("a full document parses; readOnly defaults to true; containerPath may be left out")
    func parsesFull() throws {
        let c = try Self.parse(#"""
            {"additionalMounts": [{"hostPath": "/srv/data", "containerPath": "data", "readOnly": false},
                                  {"hostPath": "~/notes"}, {"hostPath": "/srv/x", "containerPath": "a/b", "readOnly": null}]}
            """#)
        #expect(c.additionalMounts == [
            MountRequest(hostPath: "/srv/data", containerPath: "data", readOnly: false),
            MountRequest(hostPath: "~/notes", containerPath: nil, readOnly: true),
            MountRequest(hostPath: "/srv/x", containerPath: "a/b", readOnly: true),
        ])
        #expect(try Self.parse("{}").additionalMounts.isEmpty)
        #expect(try Self.parse(#"{"additionalMounts": null}"#).additionalMounts.isEmpty)
        // Stored and read back unchanged.
        #expect(GroupContainerConfig.stored(c.jsonText()) == c)
        #expect(GroupContainerConfig.stored("not json") == GroupContainerConfig())
        #expect(GroupContainerConfig.extraPath(of: c.additionalMounts[1]) == "/workspace/extra/notes")
    }

    @Test("an unknown field is refused by name, at any depth")
    func unknownFields() {
        for (json, param) in [(#"{"mounts": []}"#, "mounts"),
                              (#"{"additionalMounts": [{"hostPath": "/a", "ro": true}]}"#, "additionalMounts[0].ro")] {
            do {
                _ = try Self.decode(json)
                Issue.record("\(json) decoded")
            } catch {
                #expect((error as? ClawError)?.param == param, "\(json): \(error)")
            }
        }
    }

    @Test("encoding writes every field, containerPath null when not given")
    func encoding() throws {
        let c = GroupContainerConfig(additionalMounts: [MountRequest(hostPath: "/srv/a")])
        #expect(c.jsonText() == #"{"additionalMounts":[{"containerPath":null,"hostPath":"/srv/a","readOnly":true}]}"#)
    }

    @Test("unusable paths are rule problems", arguments: [
        (#"{"additionalMounts": [{"hostPath": "relative/dir"}]}"#, "hostPath"),
        (#"{"additionalMounts": [{"hostPath": ""}]}"#, "hostPath"),
        (#"{"additionalMounts": [{"hostPath": "/srv/../etc"}]}"#, "hostPath"),
        (#"{"additionalMounts": [{"hostPath": "/srv/a", "containerPath": "../up"}]}"#, "containerPath"),
        (#"{"additionalMounts": [{"hostPath": "/srv/a", "containerPath": "/abs"}]}"#, "containerPath"),
        (#"{"additionalMounts": [{"hostPath": "/srv/a", "containerPath": "a:b"}]}"#, "containerPath"),
        (#"{"additionalMounts": [{"hostPath": "/srv/a", "containerPath": "-rm"}]}"#, "containerPath"),
        (#"{"additionalMounts": [{"hostPath": "/srv/a", "containerPath": "."}]}"#, "containerPath"),
        (#"{"additionalMounts": [{"hostPath": "/srv/a"}, {"hostPath": "/other/a"}]}"#, "containerPath"),
        (#"{"additionalMounts": [{"hostPath": "/"}]}"#, "containerPath"),
    ])
    func ruleProblems(json: String, field: String) throws {
        // Well-formed: it decodes; the rules refuse it (a 422 in the container dialect).
        let config = try Self.decode(json)
        do {
            try config.validate()
            Issue.record("\(json) passed the rules")
        } catch {
            #expect(error.code == .invalidArgument, "\(json)")
            #expect(error.param?.hasPrefix("containerConfig.additionalMounts[") == true, "\(json): \(error.param ?? "-")")
            #expect(error.param?.hasSuffix("." + field) == true, "\(json): \(error.param ?? "-")")
        }
    }

    @Test("more than 32 mounts is refused")
    func tooMany() {
        let list = (0..<33).map { #"{"hostPath": "/srv/d\#($0)"}"# }.joined(separator: ",")
        let error = #expect(throws: ClawError.self) { try Self.decode(#"{"additionalMounts": [\#(list)]}"#) }
        #expect(error?.param == "additionalMounts")
        let ok = (0..<32).map { #"{"hostPath": "/srv/d\#($0)"}"# }.joined(separator: ",")
        #expect(throws: Never.self) { try Self.parse(#"{"additionalMounts": [\#(ok)]}"#) }
    }
}
