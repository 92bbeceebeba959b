import Foundation
import Hummingbird
import NIOCore

extension KubeTestServer {
    /// Serves until the task is cancelled.
    public func run() async throws {
        let router = Router()
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("**", method: method) { request, _ -> Response in
                let body = try await request.body.collect(upTo: 8 << 20)
                return self.handle(request, body: Data(body.readableBytesView))
            }
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.run()
    }

    /// `/api/v1/namespaces/<ns>/<plural>[/<name>[/<subresource>]]` and the same under
    /// `/apis/<group>/<version>`.
    struct Target {
        var collection: String
        var namespace: String
        var name: String?
        var subresource: String?

        init?(_ path: String) {
            let parts = path.split(separator: "/").map(String.init)
            guard let ns = parts.firstIndex(of: "namespaces"), parts.count > ns + 2,
                  parts.first == "api" || parts.first == "apis" else { return nil }
            collection = "/" + parts[...(ns + 2)].joined(separator: "/")
            namespace = parts[ns + 1]
            name = parts.count > ns + 3 ? parts[ns + 3] : nil
            subresource = parts.count > ns + 4 ? parts[(ns + 4)...].joined(separator: "/") : nil
        }
        var key: String { collection + "/" + (name ?? "") }
    }

    func handle(_ request: Request, body: Data) -> Response {
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { $1 })
        guard let target = Target(request.uri.path) else {
            return Self.status(404, "NotFound", "the server could not find the requested resource")
        }
        switch (request.method, target.name, target.subresource) {
        case (.get, nil, _) where query["watch"] == "1" || query["watch"] == "true":
            return watch(target, query)
        case (.get, nil, _): return list(target, query)
        case (.get, _?, "log"?): return log(target, query)
        case (.get, _?, nil): return get(target)
        case (.post, nil, _): return decoded(body) { create(target, $0, manager: query["fieldManager"]) }
        case (.put, _?, nil): return decoded(body) { replace(target, $0, manager: query["fieldManager"]) }
        case (.patch, _?, nil):
            guard request.headers[.contentType]?.hasPrefix("application/apply-patch+yaml") == true else {
                return Self.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml")
            }
            return decoded(body) { apply(target, $0, manager: query["fieldManager"], force: query["force"] == "true") }
        case (.delete, _?, nil): return delete(target)
        default: return Self.status(405, "MethodNotAllowed", "\(request.method) is not supported on \(request.uri.path)")
        }
    }

    func decoded(_ body: Data, _ then: (KubeJSON) -> Response) -> Response {
        guard let json = try? JSONDecoder().decode(KubeJSON.self, from: body), case .object = json else {
            return Self.status(400, "BadRequest", "the body is not a JSON object")
        }
        return then(json)
    }

    func get(_ target: Target) -> Response {
        guard let object = state.withLock({ $0.objects[target.key]?.object }) else { return Self.notFound(target) }
        return Self.json(200, object)
    }

    func list(_ target: Target, _ query: [String: String]) -> Response {
        let selector = KubeLabelSelector(query["labelSelector"])
        let (items, rv) = state.withLock { s in
            (s.objects.filter { $0.key.hasPrefix(target.collection + "/") && selector.matches($0.value.object.labels) }
                .sorted { $0.key < $1.key }.map(\.value.object), s.resourceVersion)
        }
        return Self.json(200, .object(["kind": .string("List"), "apiVersion": .string("v1"), "items": .array(items),
                                       "metadata": .object(["resourceVersion": .string(String(rv))])]))
    }

    func log(_ target: Target, _ query: [String: String]) -> Response {
        let key = "\(target.namespace)/\(target.name ?? "")/\(query["container"] ?? "")"
        guard let text = state.withLock({ $0.logs[key] }) else { return Self.notFound(target) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if let tail = query["tailLines"].flatMap(Int.init) { lines = Array(lines.suffix(tail)) }
        let out = lines.map { $0 + "\n" }.joined()
        return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: out)))
    }

    static func json(_ code: Int, _ value: KubeJSON) -> Response {
        Response(status: .init(code: code), headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: value.encoded())))
    }

    /// A `Status` answer ("API Concepts: Status" / the `Status` kind of the API reference).
    static func status(_ code: Int, _ reason: String, _ message: String, details: KubeJSON? = nil) -> Response {
        var status: KubeJSON = .object(["kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]),
                                        "status": .string(code < 300 ? "Success" : "Failure"), "message": .string(message),
                                        "reason": .string(reason), "code": .number(Double(code))])
        if let details { status["details"] = details }
        return json(code, status)
    }

    static func notFound(_ target: Target) -> Response {
        let plural = target.collection.split(separator: "/").last.map(String.init) ?? ""
        return status(404, "NotFound", "\(plural) \"\(target.name ?? "")\" not found",
                      details: .object(["name": .string(target.name ?? ""), "kind": .string(plural)]))
    }
}
