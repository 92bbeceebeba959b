/// Everything one instance is made of on the cluster, as `InstanceManifests.render` makes it.
public struct InstanceObjects: Sendable, Equatable {
    public var persistentVolumeClaim: PersistentVolumeClaim
    public var secret: Secret
    public var deployment: Deployment
    public var service: Service
    /// nil when no domain is configured.
    public var ingress: Ingress?

    public init(persistentVolumeClaim: PersistentVolumeClaim, secret: Secret, deployment: Deployment,
                service: Service, ingress: Ingress?) {
        self.persistentVolumeClaim = persistentVolumeClaim
        self.secret = secret
        self.deployment = deployment
        self.service = service
        self.ingress = ingress
    }

    /// In the order they are applied: the claim and the Secret before the Deployment that mounts
    /// them, the Service and Ingress after the Deployment they are owned by.
    public var all: [any KubeObject] {
        var objects: [any KubeObject] = [persistentVolumeClaim, secret, deployment, service]
        if let ingress { objects.append(ingress) }
        return objects
    }
}
