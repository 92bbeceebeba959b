import ClawCore
import ClawWire
import Foundation
import Hummingbird

/// A request's body: its raw bytes (the idempotency hash covers them) and its wire model,
/// decoded strictly by `Wire.decodeBody` (unknown fields refused, wrong types name the field).
public struct JSONBody: Sendable {

    /// The raw body, up to the context's limit (larger is 413).
    public static func collect(_ request: Request, context: APIContext) async throws -> ByteBuffer {
        try await request.body.collect(upTo: context.bodyLimit)
    }

    /// Reads the body and decodes it into `T`; an empty body reads as `{}`.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, context: APIContext) async throws -> T {
        try decode(type, from: try await collect(request, context: context))
    }

    /// Decodes collected bytes into `T`; empty is `{}`.
    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        try Wire.decodeBody(type, from: Data(buffer.readableBytesView))
    }

    /// Refuses any body but `{}` (or none): for actions that take no fields.
    static func requireEmpty(_ request: Request, context: APIContext) async throws {
        _ = try await decode(EmptyRequest.self, request, context: context)
    }
}
