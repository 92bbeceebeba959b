/// `GET /v1/operations/<id>` (docs/spec/native.md): an asynchronous action and how it ended.
public struct OperationDTO: Codable, Sendable, Equatable {
    public var id: String
    public var kind: String
    @ExplicitNull public var instanceId: String?
    /// `pending`, `running`, `succeeded` or `failed`.
    public var status: String
    @ExplicitNull public var error: String?
    public var createdAt: String
    public var updatedAt: String

    public init(id: String, kind: String, instanceId: String?, status: String, error: String?, createdAt: String,
                updatedAt: String) {
        self.id = id
        self.kind = kind
        self.instanceId = instanceId
        self.status = status
        self.error = error
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isFinished: Bool { status == "succeeded" || status == "failed" }
}
