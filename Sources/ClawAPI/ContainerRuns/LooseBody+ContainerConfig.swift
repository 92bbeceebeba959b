import ClawCore
import Foundation
import Hummingbird

extension LooseBody {
    /// A namespace's `containerConfig` when the body has one: a wrong shape is a 400 like every
    /// other field; a well-formed but unusable mount (container path with `..`, relative host
    /// path, a path mounted twice) is a 422 `invalid_container_config` naming the field.
    func containerConfig() throws -> GroupContainerConfig? {
        guard has("containerConfig") else { return nil }
        do {
            return try GroupContainerConfig.parse(fields["containerConfig"]!, param: name("containerConfig"))
        } catch {
            switch error.kind {
            case .shape: throw error.error
            case .rule: throw UnprocessableConfig(error: error.error)
            }
        }
    }
}

/// A `containerConfig` that parses but cannot be mounted: 422 in the container dialect's shape.
struct UnprocessableConfig: Error {
    let error: ClawError

    var response: Response {
        var object: [String: Any] = ["error": error.message, "code": "invalid_container_config"]
        if let param = error.param { object["param"] = param }
        return ContainerJSON.response(.unprocessableContent, object)
    }
}
