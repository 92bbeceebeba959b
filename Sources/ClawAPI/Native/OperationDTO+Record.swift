import ClawStore
import ClawWire

extension OperationDTO {
    init(_ op: OperationRecord) {
        self.init(id: op.id, kind: op.kind, instanceId: op.instanceID, status: op.status, error: op.error,
                  createdAt: op.createdAt.iso8601, updatedAt: op.updatedAt.iso8601)
    }
}
