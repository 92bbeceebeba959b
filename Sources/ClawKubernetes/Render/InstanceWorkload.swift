import ClawCore

/// What the engine knows of one instance, as the input of `InstanceManifests.render`.
/// The IM config is the content of the secrets file; `IMConfig`'s description hides it, so a
/// workload in a log line shows only its size.
public struct InstanceWorkload: Sendable, Equatable {
    public static let defaultStateDir = "/home/node/.openclaw"
    public static let defaultPort = 18789

    public var instanceID: String
    public var installID: String
    /// Bumped by rebuild, restart and config changes: a new value is a new pod template.
    public var generation: Int
    public var image: String
    /// Non-secret settings only: the environment is readable by whoever may read the Deployment.
    public var environment: [String: String]
    /// Replaces the image's entrypoint when set.
    public var command: [String]?
    public var tier: Tier
    public var resources: WorkloadResources
    /// The claim's requested size; nil takes the placement's size for `tier`.
    public var volumeSize: String?
    /// Written to `<stateDir>/secrets/im-config.json` through the Secret.
    public var imConfig: IMConfig
    /// One replica when true, none when false: the workload and its volume stay either way.
    public var running: Bool
    public var subdomain: String
    public var stateDir: String
    public var port: Int
    /// The Deployment's `metadata.uid` once it exists: the Secret, Service and Ingress then name
    /// it as their owner. nil (first apply) renders them without an owner reference.
    public var deploymentUID: String?

    public init(instanceID: String, installID: String, generation: Int, image: String,
                environment: [String: String] = [:], command: [String]? = nil, tier: Tier,
                resources: WorkloadResources? = nil, volumeSize: String? = nil, imConfig: IMConfig = .empty,
                running: Bool, subdomain: String, stateDir: String = InstanceWorkload.defaultStateDir,
                port: Int = InstanceWorkload.defaultPort, deploymentUID: String? = nil) {
        self.instanceID = instanceID
        self.installID = installID
        self.generation = generation
        self.image = image
        self.environment = environment
        self.command = command
        self.tier = tier
        self.resources = resources ?? WorkloadResources(tier: tier)
        self.volumeSize = volumeSize
        self.imConfig = imConfig
        self.running = running
        self.subdomain = subdomain
        self.stateDir = stateDir
        self.port = port
        self.deploymentUID = deploymentUID
    }

    /// The workload of `instance`: running when its intent is `running`, its tier's resources.
    public init(instance: Instance, installID: String, environment: [String: String], imConfig: IMConfig?,
                stateDir: String = InstanceWorkload.defaultStateDir, port: Int = InstanceWorkload.defaultPort,
                deploymentUID: String? = nil) {
        self.init(instanceID: instance.id, installID: installID, generation: instance.generation,
                  image: instance.image, environment: environment, tier: instance.tier,
                  imConfig: imConfig ?? .empty, running: instance.desired == .running,
                  subdomain: instance.subdomain, stateDir: stateDir, port: port, deploymentUID: deploymentUID)
    }

    /// 0 or 1.
    public var replicas: Int { running ? 1 : 0 }
}
