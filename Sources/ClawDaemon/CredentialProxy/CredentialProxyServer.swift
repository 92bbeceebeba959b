import AsyncHTTPClient
import ClawCore
import ClawWire
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// The credential proxy's HTTP/1.1 listener: forwards `/<mapping id or name>/<path>` (or a
/// request carrying a mapping's placeholder) to the mapping's upstream with the real
/// credential, streaming both bodies, dropping hop-by-hop headers; upstream failure → 502.
/// A leading `/_run/<token>` names the calling run's org (`CredentialProxyRouting`): an unknown
/// token, or a scoped mapping of another org, → 403 and nothing forwarded. A request without a
/// token → 403 too, unless `allowTokenless` (then it reaches unscoped mappings only).
///
/// Bound with IP_FREEBIND so it can listen on the runtime's bridge gateway even while the
/// bridge is down (podman removes it when its last container stops).
struct CredentialProxyServer: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "trailers",
        "transfer-encoding", "upgrade", "host", "content-length",
    ]

    let mappings: CredentialMappings
    let tokens: RunProxyTokens
    let client: HTTPClient
    let allowTokenless: Bool
    let logger = Logger(label: "clawd.proxy")

    static func bind(host: String, port: Int) async throws -> NIOAsyncChannel<Connection, Never> {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(ChannelOptions.Types.SocketOption(
                level: NIOBSDSocket.OptionLevel(rawValue: CInt(IPPROTO_IP)), name: NIOBSDSocket.Option(rawValue: 15 /* IP_FREEBIND */)),
                                 value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// Accepts connections until cancelled.
    func serve(_ server: NIOAsyncChannel<Connection, Never>, count: @escaping @Sendable () -> Void) async throws {
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { inbound in
                for try await connection in inbound {
                    group.addTask { await handle(connection, count: count) }
                }
            }
        }
    }

    func handle(_ connection: Connection, count: @escaping @Sendable () -> Void) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var requests = inbound.makeAsyncIterator()
                while let part = try await requests.next() {
                    guard case .head(let head) = part else { continue }
                    let (body, feed) = AsyncStream<ByteBuffer>.makeStream()
                    let length = head.headers.first(name: "content-length").flatMap { Int($0) }
                    let chunked = head.headers[canonicalForm: "transfer-encoding"].contains { $0.lowercased() == "chunked" }
                    async let forwarded: Bool = forward(head, body: (length ?? 0) > 0 || chunked ? body : nil,
                                                        length: length, to: outbound)
                    reading: while let next = try await requests.next() {
                        switch next {
                        case .body(let bytes): feed.yield(bytes)
                        case .end: break reading
                        case .head: break reading
                        }
                    }
                    feed.finish()
                    if try await forwarded { count() }
                    if !head.isKeepAlive { break }
                }
            }
        } catch {
            logger.debug("proxy connection ended", metadata: ["error": "\(type(of: error))"])
        }
    }

    func forward(_ head: HTTPRequestHead, body: AsyncStream<ByteBuffer>?, length: Int?,
                 to out: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws -> Bool {
        var path = head.uri
        var query = ""
        if let q = path.firstIndex(of: "?") { query = String(path[q...]); path = String(path[..<q]) }
        let (token, stripped) = CredentialProxyRouting.splitToken(path)
        var org: String?
        if let token {
            guard let entry = tokens.lookup(token) else {
                try await reply(out, head, .forbidden, "unknown or expired run token")
                return false
            }
            org = entry.orgID
        } else if !allowTokenless {
            try await reply(out, head, .forbidden, "the credential proxy serves agent runs only: address it as /_run/<run token>/…")
            return false
        }
        let presented = head.headers["x-api-key"] + head.headers["authorization"]
        let mapping: CredentialMapping, rest: String
        switch CredentialProxyRouting.decide(path: stripped, presented: presented, mappings: mappings.all, org: org) {
        case .forward(let m, let p): (mapping, rest) = (m, p)
        case .forbidden(let message):
            try await reply(out, head, .forbidden, message)
            return false
        case .noMatch:
            try await reply(out, head, .notFound, "no credential mapping matches this request")
            return false
        }
        var request = HTTPClientRequest(url: mapping.upstreamUrl + rest + query)
        request.method = head.method
        for (name, value) in head.headers where !Self.hopByHop.contains(name.lowercased()) {
            request.headers.add(name: name, value: value)
        }
        switch mapping.credentialType {
        case "bearer":
            request.headers.remove(name: "x-api-key")
            request.headers.replaceOrAdd(name: "authorization", value: "Bearer \(mapping.credential)")
        default:
            request.headers.remove(name: "authorization")
            request.headers.replaceOrAdd(name: "x-api-key", value: mapping.credential)
        }
        if let body {
            request.body = .stream(body, length: length.map { .known(Int64($0)) } ?? .unknown)
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(3600))
        } catch {
            logger.warning("upstream unreachable", metadata: ["mapping": "\(mapping.name)", "error": "\(type(of: error))"])
            try await reply(out, head, .badGateway, "upstream \(mapping.name) failed: \(Self.describe(error))")
            return true
        }
        var headers = HTTPHeaders()
        for (name, value) in response.headers where !Self.hopByHop.contains(name.lowercased()) || name.lowercased() == "content-length" {
            headers.add(name: name, value: value)
        }
        if !head.isKeepAlive { headers.replaceOrAdd(name: "connection", value: "close") }
        try await out.write(.head(HTTPResponseHead(version: head.version, status: response.status, headers: headers)))
        for try await chunk in response.body {
            try await out.write(.body(.byteBuffer(chunk)))
        }
        try await out.write(.end(nil))
        return true
    }

    func reply(_ out: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, _ head: HTTPRequestHead,
               _ status: HTTPResponseStatus, _ message: String) async throws {
        let code = status == .badGateway ? "upstream_unavailable" : status == .forbidden ? "forbidden" : "not_found"
        let data = (try? Wire.encode(ProxyErrorBody(error: message, code: code))) ?? Data()
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: "\(data.count)")
        try await out.write(.head(HTTPResponseHead(version: head.version, status: status, headers: headers)))
        try await out.write(.body(.byteBuffer(ByteBuffer(bytes: data))))
        try await out.write(.end(nil))
    }

    /// The error's kind without URLs or headers (which could carry a credential).
    static func describe(_ error: any Error) -> String {
        if let e = error as? HTTPClientError { return e.shortDescription }
        return "\(type(of: error))"
    }
}

/// The proxy's own error answer to a container: `{"error": "<text>", "code": "<code>"}`.
private struct ProxyErrorBody: Encodable {
    var error: String
    var code: String
}
