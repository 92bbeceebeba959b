import AsyncHTTPClient
import Foundation
import NIOCore

extension KubernetesClient {
    public func apply<Object: KubeObject>(_ object: Object, force: Bool) async throws -> Object {
        let name = try Self.name(of: object)
        var query = [("fieldManager", fieldManager)]
        if force { query.append(("force", "true")) }
        // JSON is YAML, so the apply patch goes as JSON under the apply content type.
        let body = try Self.encoder.encode(SentObject(object: object))
        let answer = try await send(.PATCH, objectPath(Object.resource, name), query: query, body: body,
                                    contentType: "application/apply-patch+yaml")
        return try decode(Object.self, answer, "apply \(Object.resource.kind) \(name)")
    }

    public func get<Object: KubeObject>(_ type: Object.Type, name: String) async throws -> Object? {
        do {
            let answer = try await send(.GET, objectPath(Object.resource, name))
            return try decode(Object.self, answer, "get \(Object.resource.kind) \(name)")
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
    }

    public func delete(_ resource: KubeResource, name: String, propagation: PropagationPolicy) async throws {
        do {
            _ = try await send(.DELETE, objectPath(resource, name), query: [("propagationPolicy", propagation.rawValue)],
                               body: try Self.encoder.encode(DeleteOptions(propagationPolicy: propagation)))
        } catch let error as KubeAPIError where error.isNotFound {
            return
        }
    }

    public func list<Object: KubeObject>(_ type: Object.Type, labelSelector: String) async throws -> KubeList<Object> {
        let query = labelSelector.isEmpty ? [] : [("labelSelector", labelSelector)]
        let answer = try await send(.GET, Object.resource.collectionPath(namespace: namespace), query: query)
        return try decode(KubeList<Object>.self, answer, "list \(Object.resource.plural)")
    }

    public func replace<Object: KubeObject>(_ object: Object) async throws -> Object {
        let name = try Self.name(of: object)
        let answer = try await send(.PUT, objectPath(Object.resource, name), body: try Self.encoder.encode(SentObject(object: object)))
        return try decode(Object.self, answer, "replace \(Object.resource.kind) \(name)")
    }

    public func create<Object: KubeObject>(_ object: Object) async throws -> Object {
        let name = try Self.name(of: object)
        let answer = try await send(.POST, Object.resource.collectionPath(namespace: namespace),
                                    body: try Self.encoder.encode(SentObject(object: object)))
        return try decode(Object.self, answer, "create \(Object.resource.kind) \(name)")
    }

    public func logs(pod: String, container: String?, tailLines: Int?) async throws -> String {
        var query: [(String, String)] = []
        if let container { query.append(("container", container)) }
        if let tailLines { query.append(("tailLines", String(tailLines))) }
        let answer = try await send(.GET, objectPath(.pods, pod) + "/log", query: query)
        return String(buffer: answer)
    }

    static func name<Object: KubeObject>(of object: Object) throws -> String {
        guard let name = object.metadata.name, !name.isEmpty else {
            throw KubeAPIError(code: 422, reason: "Invalid", message: "\(Object.resource.kind): metadata.name is required")
        }
        return name
    }
}
