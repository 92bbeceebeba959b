/// The Backup object (docs/spec/api-hosters.md): `id`, `instance_id`, `status`, `size_bytes`, `created_at`,
/// `expires_at`, `kind`, plus `completed_at`, `sha256` and `error`. Nullable fields are `null`.
/// A restore answer adds `operation_id`.
public struct HostersBackupDTO: Codable, Sendable, Equatable {
    public var id: Int64
    public var instanceId: Int64
    public var status: String
    @ExplicitNull public var sizeBytes: Int64?
    public var createdAt: String
    public var expiresAt: String
    public var kind: String
    @ExplicitNull public var completedAt: String?
    @ExplicitNull public var sha256: String?
    @ExplicitNull public var error: String?
    public var operationId: String?

    public init(id: Int64, instanceId: Int64, status: String, sizeBytes: Int64?, createdAt: String, expiresAt: String,
                kind: String, completedAt: String?, sha256: String?, error: String?, operationId: String? = nil) {
        self.id = id
        self.instanceId = instanceId
        self.status = status
        self.sizeBytes = sizeBytes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.kind = kind
        self.completedAt = completedAt
        self.sha256 = sha256
        self.error = error
        self.operationId = operationId
    }

    enum CodingKeys: String, CodingKey {
        case id, instanceId = "instance_id", status, sizeBytes = "size_bytes", createdAt = "created_at"
        case expiresAt = "expires_at", kind, completedAt = "completed_at", sha256, error, operationId = "operation_id"
    }
}
