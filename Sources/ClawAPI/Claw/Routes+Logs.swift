import ClawCore
import ClawStore
import Hummingbird
import ServiceLifecycle

extension RouterBuilding {
    static let logsMaxTail: Int64 = 100_000
    static let generationHeader = HeaderName("X-Clawd-Generation")!

    /// `GET /v1/claw/instances/<id>/logs?tail=N&follow=true&previous=true`: the container's
    /// stdout+stderr as text; `follow` streams new lines (chunked) until the container stops, the
    /// client goes away or clawd shuts down; `previous` answers the saved logs of the container
    /// generation the last rebuild replaced.
    static func addLogRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        router.get("/v1/claw/instances/:id/logs") { request, context in
            let query = request.uri.queryParameters
            let tail = try Self.queryInt(query.get("tail"), name: "tail", range: 1...logsMaxTail).map(Int.init)
            let follow = try Self.queryBool(query.get("follow"), name: "follow") ?? false
            let previous = try Self.queryBool(query.get("previous"), name: "previous") ?? false
            if follow && previous {
                throw ClawError(.invalidArgument, "'follow' and 'previous' exclude each other", param: "follow")
            }
            let instance = try await Self.instance(env.store, context)
            guard let source = env.logs else {
                throw ClawError(.unavailable, "instance logs are not available in this daemon")
            }
            if previous {
                guard let saved = source.archive?.latest(instanceID: instance.id, tail: tail) else {
                    throw ClawError(.notFound, "no saved logs of an earlier container generation of instance \(instance.id)")
                }
                var response = Self.text(saved.text)
                response.headers[generationHeader] = "\(saved.generation)"
                return response
            }
            guard let runtime = source.runtime else {
                throw ClawError(.unavailable, "no container runtime: only ?previous=true logs can be read")
            }
            let name = source.containerName(instance.id)
            guard try await runtime.inspectContainer(name) != nil else {
                throw ClawError(.notFound, "instance \(instance.id) has no container now (status \(instance.status.rawValue))"
                                + (source.archive?.latest(instanceID: instance.id) != nil ? "; ?previous=true has saved logs" : ""))
            }
            guard follow else { return Self.text(try await runtime.logs(name, tail: tail)) }
            let lines = runtime.followLogs(name, tail: tail)
            return Response(status: .ok,
                            headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache",
                                      HeaderName("X-Accel-Buffering")!: "no"],
                            body: ResponseBody { writer in try await Self.pipe(lines, into: &writer) })
        }
    }

    static func text(_ body: String) -> Response {
        let body = body.isEmpty || body.hasSuffix("\n") ? body : body + "\n"
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Writes each line as it comes; ends with the runtime's stream, or at once when clawd shuts down.
    static func pipe(_ lines: AsyncThrowingStream<String, any Error>, into writer: inout any ResponseBodyWriter) async throws {
        let (items, sink) = AsyncStream.makeStream(of: String?.self, bufferingPolicy: .bufferingNewest(10_000))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await line in lines { sink.yield(line) }
                } catch {
                    sink.yield("clawd: log stream ended: \(error)")
                }
                sink.yield(nil)
            }
            group.addTask {
                try? await gracefulShutdown()
                sink.yield(nil)
            }
            for await item in items {
                guard let line = item else { break }
                try await writer.write(ByteBuffer(string: line + "\n"))
            }
            group.cancelAll()
        }
        try await writer.finish(nil)
    }
}
