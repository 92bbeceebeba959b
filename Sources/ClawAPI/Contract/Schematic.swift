import ClawWire
import Foundation

/// A wire type whose schema is stated rather than derived: values the recorder cannot make up
/// (free JSON, URLs) or shapes its decoding does not reveal.
public protocol Schematic: Decodable {
    static var schema: JSONSchema { get }
    /// A value to hand the type's parent while its decoding is walked.
    static var sample: Self { get }
}

/// `[String: V]`: an object whose values all have V's schema.
protocol StringKeyedMap {
    static var valueType: any Decodable.Type { get }
    static var empty: Self { get }
}

extension Dictionary: StringKeyedMap where Key == String, Value: Decodable {
    static var valueType: any Decodable.Type { Value.self }
    static var empty: Self { [:] }
}

extension URL: Schematic {
    public static var schema: JSONSchema {
        var s = JSONSchema.type("string")
        s.format = "uri"
        return s
    }

    public static var sample: URL { URL(string: "http://localhost")! }
}
