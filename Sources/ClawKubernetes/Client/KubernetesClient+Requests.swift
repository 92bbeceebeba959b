import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

extension KubernetesClient {
    /// The most of an answer body read (a list of every clawd object of a kind fits well).
    static let maxBody = 64 << 20

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// `server` + `path` + the query, each value percent-encoded.
    func url(_ path: String, _ query: [(String, String)] = []) -> String {
        guard !query.isEmpty else { return config.server + path }
        return config.server + path + "?" + query.map { "\($0)=\(Self.escape($1))" }.joined(separator: "&")
    }

    static func escape(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// The object path `collection/name`.
    func objectPath(_ resource: KubeResource, _ name: String) -> String {
        resource.collectionPath(namespace: namespace) + "/" + Self.escape(name)
    }

    func makeRequest(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
                     body: Data? = nil, contentType: String = "application/json") throws -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url(path, query))
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "clawd")
        if let token = try config.currentToken() {
            request.headers.add(name: "Authorization", value: "Bearer \(token.value)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(data: body))
        }
        return request
    }

    /// Sends the request and answers the body of a 2xx; `KubeAPIError` from the `Status` of
    /// anything else.
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
              body: Data? = nil, contentType: String = "application/json") async throws -> ByteBuffer {
        let request = try makeRequest(method, path, query: query, body: body, contentType: contentType)
        let response = try await http.execute(request, timeout: requestTimeout, logger: logger)
        let bytes = try await response.body.collect(upTo: Self.maxBody)
        let status = Int(response.status.code)
        logger.debug("kubernetes \(method.rawValue) \(path) → \(status)")
        guard (200..<300).contains(status) else { throw Self.apiError(status: response.status, body: bytes) }
        return bytes
    }

    /// The refusal in `body` (a `Status`), else one made of the HTTP status.
    static func apiError(status: HTTPResponseStatus, body: ByteBuffer) -> KubeAPIError {
        if let decoded = try? JSONDecoder().decode(KubeStatus.self, from: body), decoded.kind == "Status" || decoded.reason != nil {
            return decoded.error(httpStatus: Int(status.code))
        }
        let text = String(buffer: body).prefix(200)
        return KubeAPIError(code: Int(status.code), reason: status.reasonPhrase.replacingOccurrences(of: " ", with: ""),
                            message: String(text))
    }

    func decode<T: Decodable>(_ type: T.Type, _ body: ByteBuffer, _ what: @autoclosure () -> String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw KubeAPIError(code: 200, reason: "UndecodableAnswer", message: "\(what()): \(KubeConfig.shape(of: error))")
        }
    }
}
