import Foundation
import Hummingbird

/// Responses of the container dialect: loose JSON objects (nulls kept), sorted keys.
enum ContainerJSON {
    static func response(_ status: HTTPResponse.Status, _ object: Any) -> Response {
        response(object, status: status)
    }

    static func response(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
