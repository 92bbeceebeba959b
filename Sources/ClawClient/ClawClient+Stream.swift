import AsyncHTTPClient
import ClawCore
import Foundation
import NIOCore
import NIOHTTP1

extension ClawClient {
    /// An answer whose body is still arriving (`/v1/events`, instance logs with `follow`).
    public struct StreamReply: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        /// The body as it arrives, chunk by chunk.
        public var body: HTTPClientResponse.Body

        /// The rest of the body, for an error answer.
        public func collect() async throws -> Reply {
            let bytes = try await body.collect(upTo: 1 << 20)
            return Reply(status: status, headers: headers, body: Data(bytes.readableBytesView))
        }

        /// The body split into lines (without their `\n`), as they arrive.
        public var lines: AsyncThrowingStream<String, any Error> {
            let body = self.body
            return AsyncThrowingStream { continuation in
                // Ends with the consumer (onTermination) or with the body.
                let task = Task {
                    var pending = [UInt8]()
                    do {
                        for try await chunk in body {
                            pending += chunk.readableBytesView
                            while let nl = pending.firstIndex(of: UInt8(ascii: "\n")) {
                                continuation.yield(String(decoding: pending[..<nl], as: UTF8.self))
                                pending.removeSubrange(...nl)
                            }
                        }
                        if !pending.isEmpty { continuation.yield(String(decoding: pending, as: UTF8.self)) }
                        continuation.finish()
                    } catch {
                        continuation.finish(throwing: error)
                    }
                }
                continuation.onTermination = { _ in task.cancel() }
            }
        }
    }

    /// Sends a request and returns as soon as the head arrives; the body streams without a deadline.
    public func stream(_ path: String, method: String = "GET", headers: [(String, String)] = []) async throws -> StreamReply {
        var req = HTTPClientRequest(url: url(path))
        req.method = HTTPMethod(rawValue: method)
        for (k, v) in headers { req.headers.add(name: k, value: v) }
        let res: HTTPClientResponse
        do {
            res = try await http.execute(req, deadline: .distantFuture)
        } catch {
            throw unreachable(error)
        }
        return StreamReply(status: Int(res.status.code), headers: res.headers.map { ($0.name, $0.value) }, body: res.body)
    }
}
