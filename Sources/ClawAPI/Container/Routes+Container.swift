import ClawCore
import ClawWire
import Foundation
import Hummingbird

extension RouterBuilding {
    /// The NanoClaw container API: runtime and image, mount security, credential proxy, IPC.
    static func addContainerRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let g = router.group("/api/v1/container")
        let backend = ContainerRoutes(env: env)
        g.get("runtime") { _, _ in JSONResponse.make(.ok, try await backend.api().runtimeStatus()) }
        g.post("image/build") { request, context in try await backend.buildImage(request, context) }
        g.get("image/builds/:buildId") { request, context in try await backend.getBuild(request, context) }
        g.get("image/status") { request, _ in
            let tag = request.uri.queryParameters.get("imageTag")
            return JSONResponse.make(.ok, try await backend.api().imageStatus(tag: tag))
        }
        addContainerMountRoutes(g, backend: backend)
        addContainerProxyRoutes(g, backend: backend)
        addContainerIPCRoutes(g, backend: backend)
    }
}

/// The routes' access to the backend: a clear 503 when the daemon has none.
struct ContainerRoutes: Sendable {
    let env: APIEnvironment

    func api() throws -> any ContainerBackend {
        guard let backend = env.container else {
            throw ClawError(.unavailable, "the container API is not available in this daemon")
        }
        return backend
    }

    func buildImage(_ request: Request, _ context: APIContext) async throws -> Response {
        let body = try await ContainerBody.read(ContainerWire.ImageBuildRequest.self, request, context)
        let build = try await api().startImageBuild(tag: body.imageTag, orgID: context.orgID)
        // Followed as an operation, or (not recorded as one) at the build itself, `?wait=true`.
        let location = build.operationId.map { "/v1/operations/\($0)" } ?? "/api/v1/container/image/builds/\(build.buildId)"
        return JSONResponse.make(.accepted, build, headers: [.location: location])
    }

    func getBuild(_ request: Request, _ context: APIContext) async throws -> Response {
        let id = try context.parameters.require("buildId")
        let wait = request.uri.queryParameters.get("wait") == "true"
        guard let build = try await api().imageBuild(id: id, wait: wait) else {
            throw ClawError(.notFound, "image build \(id) not found")
        }
        return JSONResponse.make(.ok, build)
    }
}
