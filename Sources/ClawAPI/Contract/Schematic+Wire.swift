import ClawCore
import ClawWire

/// Wire types whose decoding reads free JSON and decides by its kind: their schemas are stated.
extension ContainerWire.ScheduleSpec.Value: Schematic {
    public static var schema: JSONSchema {
        var s = JSONSchema()
        s.anyOf = [.type("string"), .type("integer")]
        s.description = "cron text or an ISO time; an interval's milliseconds (a number in answers)"
        return s
    }

    public static var sample: Self { .number(60_000) }
}

/// `"*"` (everyone) or the sender ids allowed, and what happens to the others.
extension SenderAllowlist.Rule: Schematic {
    public static var schema: JSONSchema {
        var ids = JSONSchema.array(of: .type("string"))
        ids.description = "the platform sender ids allowed"
        var allow = JSONSchema()
        allow.anyOf = [.strings(["*"]), ids]
        var s = JSONSchema.type("object")
        s.properties = ["allow": allow, "mode": .strings(SenderAllowlist.Mode.allCases.map(\.rawValue))]
        s.required = ["allow"]
        s.additionalProperties = .forbidden
        return s
    }

    public static var sample: Self { SenderAllowlist.Rule() }
}

/// A root a mount may be under: a path, or an object (answers always write the object).
extension MountAllowlist.Root: Schematic {
    public static var schema: JSONSchema {
        var object = JSONSchema.type("object")
        object.properties = ["path": .type("string"), "allowReadWrite": .type("boolean"),
                             "description": JSONSchema.type("string").nullable]
        object.required = ["path"]
        object.additionalProperties = .forbidden
        var s = JSONSchema()
        s.anyOf = [.type("string"), object]
        return s
    }

    public static var sample: Self { MountAllowlist.Root(path: "/srv") }
}
