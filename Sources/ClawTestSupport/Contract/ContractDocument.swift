import ClawWire
import Foundation

/// An OpenAPI document read as the contract answers are held to: for a request's method and path,
/// the documented operation; for its answer, a documented status, media type and body schema.
public struct ContractDocument: Sendable {
    let paths: [String: JSONValue]
    public let validator: SchemaValidator

    public init(_ data: Data) throws {
        let document = try Wire.decode(JSONValue.self, from: data)
        paths = document["paths"]?.object ?? [:]
        validator = SchemaValidator(components: document["components"]?["schemas"]?.object ?? [:])
    }

    /// The documented path template `path` (query removed) falls under for `method`: literal
    /// segments preferred over `{parameters}`. nil when the document has none (an unknown route).
    public func template(_ method: String, _ path: String) -> String? {
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let segments = bare.split(separator: "/", omittingEmptySubsequences: false)
        var best: (String, Int)?
        for (template, item) in paths where item[method.lowercased()] != nil {
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == segments.count else { continue }
            var params = 0
            var fits = true
            for (p, s) in zip(parts, segments) {
                if p.hasPrefix("{") && p.hasSuffix("}") && !s.isEmpty { params += 1 } else if p != s { fits = false; break }
            }
            if fits, best == nil || params < best!.1 { best = (template, params) }
        }
        return best?.0
    }

    /// Every way an answer breaks the document; empty when it conforms or when the route is not a
    /// documented one (unknown paths and methods are the router's 404, checked elsewhere).
    /// `header` answers whether the answer carries a header (documented required ones must be there).
    public func problems(method: String, path: String, status: Int, contentType: String?, body: Data,
                         header: (String) -> Bool = { _ in true }) -> [String] {
        guard let template = template(method, path),
              let operation = paths[template]?[method.lowercased()] else { return [] }
        let where_ = "\(method) \(template) → \(status)"
        guard let response = operation["responses"]?[String(status)] ?? operation["responses"]?["default"] else {
            return ["\(where_): status \(status) is not documented"]
        }
        let missing = (response["headers"]?.object ?? [:]).filter { $0.value["required"] == .bool(true) && !header($0.key) }
        if let name = missing.keys.sorted().first { return ["\(where_): the documented header \(name) is missing"] }
        guard let content = response["content"]?.object, !content.isEmpty else {
            return body.isEmpty ? [] : ["\(where_): documented without a body, answered \(body.count) bytes"]
        }
        let media = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let entry = content[media] else {
            return ["\(where_): content type '\(contentType ?? "none")' is not one of \(content.keys.sorted())"]
        }
        guard media == "application/json", let schema = entry["schema"] else { return [] }
        guard let value = try? Wire.decode(JSONValue.self, from: body) else {
            return ["\(where_): the body is not JSON: \(String(decoding: body.prefix(200), as: UTF8.self))"]
        }
        return validator.problems(value, schema).map { "\(where_): \($0)" }
    }
}
