import AsyncHTTPClient
import ClawCore
import ClawWire
import Foundation
import NIOCore
import NIOHTTP1

/// HTTP to clawd over its Unix socket or its TCP address; used by clawctl and by tests.
public struct ClawClient: Sendable {
    public enum Endpoint: Sendable, CustomStringConvertible {
        case unix(path: String)
        case tcp(host: String, port: Int)

        public var description: String {
            switch self {
            case .unix(let path): path
            case .tcp(let host, let port): "\(host):\(port)"
            }
        }
    }

    /// One answer: status, headers, whole body.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: Data

        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
        public var text: String { String(decoding: body, as: UTF8.self) }
        /// The body read into its wire model.
        public func decode<T: Decodable>(_ type: T.Type) throws(ClawError) -> T {
            try Wire.decode(type, from: body)
        }
        /// The body as a JSON value, for a raw look at its shape (throws when it is not JSON).
        public func jsonValue() throws(ClawError) -> JSONValue {
            try Wire.decode(JSONValue.self, from: body)
        }
    }

    public let endpoint: Endpoint
    let http: HTTPClient

    public init(endpoint: Endpoint, http: HTTPClient = .shared) {
        self.endpoint = endpoint
        self.http = http
    }

    func url(_ path: String) -> String {
        switch endpoint {
        case .unix(let socket):
            let encoded = socket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socket
            return "http+unix://\(encoded)\(path)"
        case .tcp(let host, let port):
            return "http://\(host.contains(":") ? "[\(host)]" : host):\(port)\(path)"
        }
    }

    public func request(_ method: String, _ path: String, headers: [(String, String)] = [],
                        json: Data? = nil, timeout: Duration = .seconds(30)) async throws -> Reply {
        var req = HTTPClientRequest(url: url(path))
        req.method = HTTPMethod(rawValue: method)
        for (k, v) in headers { req.headers.add(name: k, value: v) }
        if let json {
            req.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            req.body = .bytes(ByteBuffer(bytes: json))
        }
        let seconds = Int64(timeout.components.seconds)
        let res: HTTPClientResponse
        do {
            res = try await http.execute(req, timeout: .seconds(max(1, seconds)))
        } catch {
            throw unreachable(error)
        }
        let body = try await res.body.collect(upTo: 64 << 20)
        return Reply(status: Int(res.status.code), headers: res.headers.map { ($0.name, $0.value) },
                     body: Data(body.readableBytesView))
    }

    public func get(_ path: String, headers: [(String, String)] = []) async throws -> Reply {
        try await request("GET", path, headers: headers)
    }

    /// POST with a body read from its wire model.
    public func post(_ path: String, _ body: some Encodable, headers: [(String, String)] = []) async throws -> Reply {
        try await request("POST", path, headers: headers, json: try Wire.encode(body))
    }

    /// POST with a hand-written JSON document (`["name": "x", "n": 1]`, `[:]`).
    public func post(_ path: String, _ document: JSONValue, headers: [(String, String)] = []) async throws -> Reply {
        try await request("POST", path, headers: headers, json: try Wire.encode(document))
    }

}
