import ClawCore
import Foundation
import Testing

/// The shape of a namespace's `containerConfig`: wrong types are `shape` problems (400), usable
/// shapes with unusable paths are `rule` problems (422), each naming the field.
@Suite("Group containerConfig parsing")
struct GroupContainerConfigTests {
    static func parse(_ json: String) throws(GroupContainerConfig.Problem) -> GroupContainerConfig {
        let object = try! JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        return try GroupContainerConfig.parse(object)
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

    @Test("wrong types and unknown fields are shape problems naming the field", arguments: [
        (#"[]"#, "containerConfig"),
        (#""x""#, "containerConfig"),
        (#"{"mounts": []}"#, "containerConfig.mounts"),
        (#"{"additionalMounts": {}}"#, "containerConfig.additionalMounts"),
        (#"{"additionalMounts": ["/srv"]}"#, "containerConfig.additionalMounts[0]"),
        (#"{"additionalMounts": [{"containerPath": "x"}]}"#, "containerConfig.additionalMounts[0].hostPath"),
        (#"{"additionalMounts": [{"hostPath": 5}]}"#, "containerConfig.additionalMounts[0].hostPath"),
        (#"{"additionalMounts": [{"hostPath": "/a", "containerPath": 1}]}"#, "containerConfig.additionalMounts[0].containerPath"),
        (#"{"additionalMounts": [{"hostPath": "/a", "readOnly": "yes"}]}"#, "containerConfig.additionalMounts[0].readOnly"),
        (#"{"additionalMounts": [{"hostPath": "/a", "readOnly": 1}]}"#, "containerConfig.additionalMounts[0].readOnly"),
        (#"{"additionalMounts": [{"hostPath": "/a", "ro": true}]}"#, "containerConfig.additionalMounts[0].ro"),
    ])
    func shapeProblems(json: String, param: String) {
        do {
            _ = try Self.parse(json)
            Issue.record("\(json) parsed")
        } catch {
            #expect(error.kind == .shape, "\(json)")
            #expect(error.error.param == param, "\(json): \(error.error.message)")
        }
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
    func ruleProblems(json: String, field: String) {
        do {
            _ = try Self.parse(json)
            Issue.record("\(json) parsed")
        } catch {
            #expect(error.kind == .rule, "\(json)")
            #expect(error.error.param?.hasSuffix("." + field) == true, "\(json): \(error.error.param ?? "-")")
        }
    }

    @Test("more than 32 mounts is refused")
    func tooMany() {
        let list = (0..<33).map { #"{"hostPath": "/srv/d\#($0)"}"# }.joined(separator: ",")
        #expect(throws: GroupContainerConfig.Problem.self) { try Self.parse(#"{"additionalMounts": [\#(list)]}"#) }
        let ok = (0..<32).map { #"{"hostPath": "/srv/d\#($0)"}"# }.joined(separator: ",")
        #expect(throws: Never.self) { try Self.parse(#"{"additionalMounts": [\#(ok)]}"#) }
    }
}
