import Foundation
import Hummingbird

extension KubeTestServer {
    /// Fields that identify an object or that the server sets; no manager owns them.
    static let identityFields: [[String]] = [["apiVersion"], ["kind"], ["metadata", "name"], ["metadata", "namespace"],
                                             ["metadata", "uid"], ["metadata", "resourceVersion"], ["metadata", "generation"],
                                             ["metadata", "creationTimestamp"], ["metadata", "managedFields"]]

    static func managedFields(_ object: KubeJSON) -> Set<[String]> {
        object.fieldPaths.filter { path in !identityFields.contains { path.starts(with: $0) } }
    }

    /// Server-side apply ("Server-Side Apply" in the Kubernetes documentation): creates the
    /// object, or merges the applied fields into it. A field another manager owns with a
    /// different value is a conflict ("Conflicts"): 409 unless `force`, which moves the field to
    /// this manager. The same value makes the field shared. A field this manager applied before
    /// and leaves out now is removed when no other manager owns it.
    func apply(_ target: Target, _ body: KubeJSON, manager: String?, force: Bool) -> Response {
        guard let manager, !manager.isEmpty else {
            return Self.status(400, "BadRequest", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
        }
        guard body.value(at: ["metadata", "name"])?.string == target.name else {
            return Self.status(400, "BadRequest", "the name of the object (\(body.value(at: ["metadata", "name"])?.string ?? "")) does not match the name on the URL (\(target.name ?? ""))")
        }
        let fields = Self.managedFields(body)
        return state.withLock { s -> Response in
            guard var stored = s.objects[target.key] else {
                let object = Self.commit(&s, target, type: "ADDED", object: Self.created(body, target, s.resourceVersion + 1),
                                         managers: [manager: fields])
                return Self.json(201, object)
            }
            var conflicts: [(field: [String], manager: String)] = []
            for field in fields.sorted(by: { $0.joined(separator: ".") < $1.joined(separator: ".") }) {
                for (other, owned) in stored.managers.sorted(by: { $0.key < $1.key })
                where other != manager && owned.contains(field) && stored.object.value(at: field) != body.value(at: field) {
                    conflicts.append((field, other))
                }
            }
            if !conflicts.isEmpty && !force {
                let causes = conflicts.map { c -> KubeJSON in
                    .object(["reason": .string("FieldManagerConflict"), "message": .string("conflict with \"\(c.manager)\""),
                             "field": .string("." + c.field.joined(separator: "."))])
                }
                let list = conflicts.map { "conflict with \"\($0.manager)\": .\($0.field.joined(separator: "."))" }
                return Self.status(409, "Conflict", "Apply failed with \(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s"): \(list.joined(separator: "; "))",
                                   details: .object(["causes": .array(causes)]))
            }
            for c in conflicts { stored.managers[c.manager]?.remove(c.field) }
            var object = stored.object.merging(body)
            let others = stored.managers.filter { $0.key != manager }.values.reduce(into: Set<[String]>()) { $0.formUnion($1) }
            for released in (stored.managers[manager] ?? []).subtracting(fields) where !others.contains(released) {
                object.set(released, nil)
            }
            stored.managers[manager] = fields
            for field in Self.identityFields { object.set(field, stored.object.value(at: field)) }
            if object == stored.object {
                s.objects[target.key]?.managers = stored.managers
                return Self.json(200, object)
            }
            return Self.json(200, Self.commit(&s, target, type: "MODIFIED", object: object, managers: stored.managers))
        }
    }

    /// `POST` ("API Concepts: create"): 409 AlreadyExists when the name is taken.
    func create(_ target: Target, _ body: KubeJSON, manager: String?) -> Response {
        guard let name = body.value(at: ["metadata", "name"])?.string, !name.isEmpty else {
            return Self.status(422, "Invalid", "metadata.name: Required value: name or generateName is required")
        }
        var target = target
        target.name = name
        return state.withLock { s -> Response in
            if s.objects[target.key] != nil {
                return Self.status(409, "AlreadyExists", "\(target.collection.split(separator: "/").last ?? "") \"\(name)\" already exists")
            }
            let object = Self.commit(&s, target, type: "ADDED", object: Self.created(body, target, s.resourceVersion + 1),
                                     managers: [manager ?? "unknown": Self.managedFields(body)])
            return Self.json(201, object)
        }
    }

    /// `PUT` with optimistic concurrency ("Concurrency control and consistency"): the body's
    /// `metadata.resourceVersion` must be the stored one, else 409 Conflict.
    func replace(_ target: Target, _ body: KubeJSON, manager: String?) -> Response {
        state.withLock { s -> Response in
            guard let stored = s.objects[target.key] else { return Self.notFound(target) }
            if let rv = body.value(at: ["metadata", "resourceVersion"])?.string, rv != stored.object.value(at: ["metadata", "resourceVersion"])?.string {
                return Self.status(409, "Conflict", "Operation cannot be fulfilled on \(target.collection.split(separator: "/").last ?? "") \"\(target.name ?? "")\": the object has been modified; please apply your changes to the latest version and try again")
            }
            var object = body
            for field in Self.identityFields.dropFirst(2) { object.set(field, stored.object.value(at: field)) }
            var managers = stored.managers
            let changed = Self.managedFields(body).filter { stored.object.value(at: $0) != body.value(at: $0) }
            for key in managers.keys { managers[key]?.subtract(changed) }
            managers[manager ?? "unknown", default: []].formUnion(Self.managedFields(body))
            return Self.json(200, Self.commit(&s, target, type: "MODIFIED", object: object, managers: managers))
        }
    }

    func delete(_ target: Target) -> Response {
        state.withLock { s -> Response in
            guard let stored = s.objects[target.key] else { return Self.notFound(target) }
            _ = Self.commit(&s, target, type: "DELETED", object: stored.object, managers: nil)
            return Self.status(200, "", "")
        }
    }

    static func created(_ body: KubeJSON, _ target: Target, _ rv: Int) -> KubeJSON {
        var object = body
        object.set(["metadata", "namespace"], .string(target.namespace))
        object.set(["metadata", "uid"], .string(UUID().uuidString.lowercased()))
        object.set(["metadata", "creationTimestamp"], .string(ISO8601DateFormatter().string(from: Date())))
        object.set(["metadata", "generation"], .number(1))
        return object
    }

    /// Raises the resourceVersion, stores (or with nil managers removes) the object, records the
    /// event and sends it to the matching watches. Answers the object as stored.
    static func commit(_ s: inout State, _ target: Target, type: String, object: KubeJSON, managers: [String: Set<[String]>]?) -> KubeJSON {
        s.resourceVersion += 1
        var object = object
        object.set(["metadata", "resourceVersion"], .string(String(s.resourceVersion)))
        if let managers { s.objects[target.key] = Stored(object: object, managers: managers) } else { s.objects[target.key] = nil }
        s.events.append(Event(resourceVersion: s.resourceVersion, collection: target.collection, type: type, object: object))
        let line = Self.line(type: type, object: object)
        for w in s.watchers where w.collection == target.collection && KubeLabelSelector(w.selector).matches(object.labels) {
            w.out.yield(.line(line))
        }
        return object
    }
}
