import AsyncHTTPClient
import ClawWire
import Foundation
import NIOCore
import NIOHTTP1

/// JSON over HTTP to a platform API (AsyncHTTPClient's shared client): the status, the
/// `Retry-After` header and the body. Secrets in URLs or headers never reach a log line: errors
/// are described without the URL.
struct PlatformHTTP: Sendable {
    struct Answer: Sendable {
        var status: Int
        var retryAfter: Int?
        var body: Data
    }

    var client: HTTPClient = .shared

    func call(_ method: HTTPMethod, _ url: String, json: Data? = nil, headers: [(String, String)] = [],
              timeout: Duration = .seconds(30), limit: Int = 8 << 20) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        let seconds = timeout.components.seconds
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(seconds))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw PlatformHTTPError("request failed: \(Self.describe(error))")
        }
        let body = try await response.body.collect(upTo: limit)
        return Answer(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After").flatMap { Int($0) },
                      body: Data(body.readableBytesView))
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? HTTPClientError { return "\(e)" }
        return String(describing: type(of: error))
    }

    static func json<T: Encodable>(_ value: T) -> Data { (try? JSONEncoder().encode(value)) ?? Data("{}".utf8) }
}

struct PlatformHTTPError: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
