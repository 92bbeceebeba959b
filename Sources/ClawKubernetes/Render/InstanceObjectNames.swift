import ClawCore

/// The names of one instance's objects; the workload and volume share the local runtimes' names.
public struct InstanceObjectNames: Sendable, Equatable {
    public var deployment: String
    public var persistentVolumeClaim: String
    public var secret: String
    public var service: String
    public var ingress: String

    public init(instanceID: String) {
        deployment = RuntimeNames.container(instanceID)
        persistentVolumeClaim = RuntimeNames.volume(instanceID)
        secret = "clawd-\(instanceID)-secrets"
        service = RuntimeNames.container(instanceID)
        ingress = RuntimeNames.container(instanceID)
    }

    /// The container in the pod.
    public static let container = "instance"
    /// The pod volumes: the claim at the state dir, the Secret under it.
    public static let dataVolume = "data"
    public static let secretsVolume = "secrets"
    /// The Secret's key, which is also the file name under `<stateDir>/secrets`.
    public static let secretsFile = "im-config.json"
    public static let secretsDirectory = "secrets"
    /// `0o600`: readable by its owner only.
    public static let secretsFileMode = 0o600
    public static let portName = "gateway"
}
