import ClawCore
import ClawWire
import Foundation
import Hummingbird

/// Request bodies of the container dialect, read into their wire models.
enum ContainerBody {
    /// Reads (up to the context's limit: larger is 413), decodes and checks a body: a problem of
    /// shape or value is a 400 naming the field.
    static func read<T: ContainerWire.CheckedRequest>(_ type: T.Type, _ request: Request, _ context: APIContext) async throws -> T {
        try ContainerWire.request(type, from: Data(buffer: try await JSONBody.collect(request, context: context)))
    }

    /// A config that decodes but cannot be mounted: 422 `invalid_container_config` naming the field.
    static func checkMountable(_ config: GroupContainerConfig?) -> Response? {
        guard let config else { return nil }
        do { try config.validate() } catch { return unprocessable(error, code: "invalid_container_config") }
        return nil
    }

    /// 422 in the container dialect's shape; ClawError has no 422 code of its own.
    static func unprocessable(_ error: ClawError, code: String) -> Response {
        JSONResponse.make(.unprocessableContent, ContainerError.Body(error: error.message, code: code, param: error.param))
    }
}
