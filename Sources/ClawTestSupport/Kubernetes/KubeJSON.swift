import Foundation

/// Any JSON value, typed: the test server keeps Kubernetes objects of every kind in this form.
public indirect enum KubeJSON: Codable, Sendable, Equatable {
    case object([String: KubeJSON])
    case array([KubeJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([KubeJSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: KubeJSON].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .object(let o): try c.encode(o)
        case .array(let a): try c.encode(a)
        case .string(let s): try c.encode(s)
        case .number(let n): if n == n.rounded(), abs(n) < 1e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        }
    }

    public subscript(key: String) -> KubeJSON? {
        get { if case .object(let o) = self { o[key] } else { nil } }
        set {
            guard case .object(var o) = self else { return }
            o[key] = newValue
            self = .object(o)
        }
    }

    public var string: String? { if case .string(let s) = self { s } else { nil } }

    /// The value at a field path (`["data", "key"]`).
    public func value(at path: [String]) -> KubeJSON? {
        path.reduce(Optional(self)) { $0?[$1] }
    }

    /// Sets (or with nil removes) the value at a field path, making the maps on the way.
    public mutating func set(_ path: [String], _ value: KubeJSON?) {
        guard let first = path.first else { if let value { self = value }; return }
        if path.count == 1 { self[first] = value; return }
        var child = self[first] ?? .object([:])
        child.set(Array(path.dropFirst()), value)
        self[first] = child
    }

    /// The paths of the leaves (non-map values and empty maps): the fields a manager can own.
    public var fieldPaths: Set<[String]> {
        guard case .object(let o) = self, !o.isEmpty else { return [[]] }
        var paths: Set<[String]> = []
        for (key, value) in o {
            for sub in value.fieldPaths { paths.insert([key] + sub) }
        }
        return paths
    }

    /// `patch` merged in: maps key by key, anything else replaced (lists are atomic).
    public func merging(_ patch: KubeJSON) -> KubeJSON {
        guard case .object(var base) = self, case .object(let changes) = patch else { return patch }
        for (key, value) in changes { base[key] = base[key].map { $0.merging(value) } ?? value }
        return .object(base)
    }

    public var labels: [String: String] {
        guard case .object(let o)? = self["metadata"]?["labels"] else { return [:] }
        return o.compactMapValues(\.string)
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }
}

/// An equality-based label selector (`a=b`, `a==b`, `a!=b`, `a`, `!a`), as "Labels and
/// Selectors" in the Kubernetes documentation defines them.
struct KubeLabelSelector {
    enum Term { case equals(String, String), notEquals(String, String), exists(String), absent(String) }
    var terms: [Term] = []

    init(_ text: String?) {
        for raw in (text ?? "").split(separator: ",") {
            let term = raw.trimmingCharacters(in: .whitespaces)
            if let r = term.range(of: "!=") {
                terms.append(.notEquals(String(term[..<r.lowerBound]), String(term[r.upperBound...])))
            } else if let r = term.range(of: "==") ?? term.range(of: "=") {
                terms.append(.equals(String(term[..<r.lowerBound]), String(term[r.upperBound...])))
            } else if term.hasPrefix("!") {
                terms.append(.absent(String(term.dropFirst())))
            } else if !term.isEmpty {
                terms.append(.exists(term))
            }
        }
    }

    func matches(_ labels: [String: String]) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case .equals(let k, let v): labels[k] == v
            case .notEquals(let k, let v): labels[k] != v
            case .exists(let k): labels[k] != nil
            case .absent(let k): labels[k] == nil
            }
        }
    }
}
