import ClawCore
import ClawWire
import Foundation
import Testing

/// Every request family of the container dialect: an unknown field and a wrong type are refused
/// naming the field; value rules keep their messages.
@Suite("Container wire requests: strict decoding and value rules")
struct ContainerWireRequestTests {
    static func problem<T: ContainerWire.CheckedRequest>(_ type: T.Type, _ json: String) -> ClawError? {
        do {
            _ = try ContainerWire.request(type, from: Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    /// (family, body, field named, message).
    static func check(_ family: String, _ json: String) -> ClawError? {
        switch family {
        case "image": problem(ContainerWire.ImageBuildRequest.self, json)
        case "mount": problem(ContainerWire.MountValidateRequest.self, json)
        case "allowlist": problem(MountAllowlist.self, json)
        case "port": problem(ContainerWire.ProxyPortRequest.self, json)
        case "mapping": problem(ContainerWire.ProxyMappingRequest.self, json)
        case "group": problem(ContainerWire.GroupRequest.self, json)
        case "follow-up": problem(ContainerWire.FollowUpRequest.self, json)
        case "namespace": problem(ContainerWire.NamespaceCreateRequest.self, json)
        case "namespace-update": problem(ContainerWire.NamespaceUpdateRequest.self, json)
        case "merge": problem(ContainerWire.MergeInstructionsRequest.self, json)
        case "instructions": problem(ContainerWire.InstructionsRequest.self, json)
        case "max": problem(ContainerWire.MaxConcurrent.self, json)
        case "run": problem(ContainerWire.RunRequest.self, json)
        default: problem(ContainerWire.ScheduleRequest.self, json)
        }
    }

    @Test("unknown fields and wrong types name the field", arguments: [
        ("image", #"{"imageTag":"a:1","tag":"x"}"#, "tag", "'tag' is not a known field"),
        ("image", #"{"imageTag":5}"#, "imageTag", "'imageTag' must be a string"),
        ("mount", #"{"hostPath":"/a","rw":true}"#, "rw", "'rw' is not a known field"),
        ("mount", #"{"hostPath":"/a","readOnly":"yes"}"#, "readOnly", "'readOnly' must be true or false"),
        ("allowlist", #"{"allowedRoots":[],"extra":1}"#, "extra", "'extra' is not a known field"),
        ("allowlist", #"{"allowedRoots":"/srv"}"#, "allowedRoots", nil),
        ("allowlist", #"{"allowedRoots":[{"path":"/a","allowReadWrite":"yes"}]}"#, "allowedRoots[0].allowReadWrite",
         "'allowedRoots[0].allowReadWrite' must be true or false"),
        ("allowlist", #"{"allowedRoots":[],"nonMainReadOnly":1}"#, "nonMainReadOnly", "'nonMainReadOnly' must be true or false"),
        ("port", #"{"port":3001,"host":"x"}"#, "host", "'host' is not a known field"),
        ("port", #"{"port":30.5}"#, "port", "'port' must be an integer"),
        ("mapping", #"{"name":"a","upstreamUrl":"https://x","credentialType":"bearer","credential":"k","scope":1}"#,
         "scope", "'scope' is not a known field"),
        ("mapping", #"{"name":"a","upstreamUrl":"https://x","credentialType":"bearer","credential":"k","orgIds":"org_a"}"#,
         "orgIds", "'orgIds' must be an array of at most 64 org ids"),
        ("mapping", #"{"name":"a","upstreamUrl":"https://x","credentialType":"bearer","credential":"k","orgIds":[1]}"#,
         "orgIds", "'orgIds' must be an array of at most 64 org ids"),
        ("group", #"{"group":"g","text":"x"}"#, "text", "'text' is not a known field"),
        ("group", #"{"group":7}"#, "group", "'group' must be a string"),
        ("follow-up", #"{"group":"g","text":["x"]}"#, "text", "'text' must be a string"),
        ("namespace", #"{"name":"g","main":true}"#, "main", "'main' is not a known field"),
        ("namespace", #"{"name":"g","chatJids":["a",2]}"#, "chatJids[1]", "'chatJids[1]' must be a string"),
        ("namespace", #"{"name":"g","containerConfig":{"mounts":[]}}"#, "containerConfig.mounts",
         "'containerConfig.mounts' is not a known field"),
        ("namespace", #"{"name":"g","containerConfig":{"additionalMounts":[{"hostPath":"/a","readOnly":1}]}}"#,
         "containerConfig.additionalMounts[0].readOnly", "'containerConfig.additionalMounts[0].readOnly' must be true or false"),
        ("namespace-update", #"{"containerConfig":[]}"#, "containerConfig", nil),
        ("namespace-update", #"{"containerConfig":{"additionalMounts":["/srv"]}}"#, "containerConfig.additionalMounts[0]", nil),
        ("namespace-update", #"{"containerConfig":{"additionalMounts":[{"containerPath":"x"}]}}"#,
         "containerConfig.additionalMounts[0].hostPath", "'containerConfig.additionalMounts[0].hostPath' is required"),
        ("merge", #"{"name":"g","x":1}"#, "x", "'x' is not a known field"),
        ("instructions", #"{"content":1}"#, "content", "'content' must be a string"),
        ("max", #"{"maxConcurrent":"3"}"#, "maxConcurrent", "'maxConcurrent' must be an integer"),
        ("max", #"{}"#, "maxConcurrent", "'maxConcurrent' is required"),
        ("run", #"{"group":"g","prompt":"p","timeout":1}"#, "timeout", "'timeout' is not a known field"),
        ("run", #"{"group":"g","prompt":"p","timeoutSecs":true}"#, "timeoutSecs", "'timeoutSecs' must be an integer"),
        ("schedule", #"{"schedule":{"type":"cron","value":"* * * * *","tz":"x"}}"#, "schedule.tz",
         "'schedule.tz' is not a known field"),
        ("schedule", #"{"schedule":{"type":"interval","value":true}}"#, "schedule.value",
         "'schedule.value' must be a string or a whole number"),
        ("schedule", #"{"containerConfig":{"timeoutSecs":1.5}}"#, "containerConfig.timeoutSecs",
         "'containerConfig.timeoutSecs' must be an integer"),
        ("schedule", #"{"enabled":"no"}"#, "enabled", "'enabled' must be true or false"),
    ] as [(String, String, String, String?)])
    func shapes(family: String, json: String, field: String, message: String?) throws {
        let error = try #require(Self.check(family, json), "\(family) \(json) was accepted")
        #expect(error.code == .invalidArgument)
        #expect(error.param == field, "\(json): \(error.message)")
        if let message { #expect(error.message == message) }
    }

    @Test("value rules keep their messages", arguments: [
        ("max", #"{"maxConcurrent":0}"#, "maxConcurrent", "'maxConcurrent' must be between 1 and 256"),
        ("port", #"{"port":80}"#, "port", "'port' must be between 1024 and 65535"),
        ("run", #"{"group":"g","prompt":"p","kind":"batch"}"#, "kind", "'kind' must be task or message"),
        ("run", #"{"group":"g\u0001","prompt":"p"}"#, "group", "'group' contains control characters"),
        ("namespace", #"{"name":"g","description":"\#(String(repeating: "d", count: 2001))"}"#, "description",
         "'description' is longer than 2000 characters"),
        ("namespace", #"{"name":"g","chatJids":[""]}"#, "chatJids", "'chatJids' must be an array of at most 256 non-empty strings"),
        ("mapping", #"{"name":"a","upstreamUrl":"ftp://x","credentialType":"bearer","credential":"k"}"#, "upstreamUrl", nil),
        ("mapping", #"{"name":"a","upstreamUrl":"https://x","credentialType":"basic","credential":"k"}"#, "credentialType",
         "'credentialType' must be api_key or bearer"),
        ("follow-up", #"{"group":"g","text":""}"#, "text", "'text' must be a non-empty string of at most 100000 bytes without NUL"),
        ("group", #"{"group":"../x"}"#, "group", nil),
        ("image", #"{"imageTag":"Bad Tag"}"#, "imageTag", "'imageTag' is not a valid image reference"),
        ("allowlist", #"{"allowedRoots":["relative"]}"#, "allowedRoots[0]", nil),
        ("schedule", #"{"contextMode":"shared"}"#, "contextMode", "'contextMode' must be group or isolated"),
        ("schedule", #"{"containerConfig":{"timeoutSecs":86401}}"#, "containerConfig.timeoutSecs",
         "'containerConfig.timeoutSecs' must be between 0 and 86400"),
    ] as [(String, String, String, String?)])
    func rules(family: String, json: String, field: String, message: String?) throws {
        let error = try #require(Self.check(family, json), "\(family) \(json) was accepted")
        #expect(error.param == field, "\(json): \(error.message)")
        if let message { #expect(error.message == message) }
    }

    @Test("creating a schedule needs name, group, prompt and schedule; updating needs none")
    func scheduleRequired() throws {
        let empty = try Wire.decodeBody(ContainerWire.ScheduleRequest.self, from: Data("{}".utf8))
        #expect(throws: Never.self) { try empty.validate(creating: false) }
        #expect(throws: ClawError.self) { try empty.validate(creating: true) }
        let full = try Wire.decodeBody(ContainerWire.ScheduleRequest.self, from: Data(
            #"{"name":"n","group":"g","prompt":"p","schedule":{"type":"interval","value":"60000"}}"#.utf8))
        #expect(throws: Never.self) { try full.validate(creating: true) }
        let missing = #expect(throws: ClawError.self) {
            try ContainerWire.ScheduleRequest(name: "n", group: "g", prompt: "p").validate(creating: true)
        }
        #expect(missing?.param == "schedule" && missing?.message == "'schedule' is required")
    }
}
