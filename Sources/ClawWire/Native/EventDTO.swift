/// The `data:` line of one `GET /v1/events` frame (docs/spec/native.md); `data` is the event's own object.
public struct EventDTO: Codable, Sendable, Equatable {
    public var id: Int64
    public var type: String
    public var at: String
    @ExplicitNull public var instanceId: String?
    public var data: JSONValue

    public init(id: Int64, type: String, at: String, instanceId: String?, data: JSONValue) {
        self.id = id
        self.type = type
        self.at = at
        self.instanceId = instanceId
        self.data = data
    }
}
