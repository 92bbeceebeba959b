/// What an asynchronous operation on an instance does.
public enum OperationKind: String, Sendable, Codable, CaseIterable {
    case create, start, stop, restart, rebuild, renew, delete, expire, purge, patch
}
