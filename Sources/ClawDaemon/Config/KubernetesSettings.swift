import ClawCore
import ClawKubernetes

/// The cluster instances run on with `runtime: kubernetes`.
public struct KubernetesSettings: Sendable, Equatable {
    /// The namespace every object of the install lives in.
    public var namespace = "clawd"
    /// The kubeconfig file; nil: the pod's service account (in-cluster).
    public var kubeconfig: String?
    /// The storage class of instance volumes; nil: the cluster's default.
    public var storageClass: String?
    /// The size each tier's volume claims, as a Kubernetes quantity.
    public var volumeSizes = VolumeSizes()
    /// The ingress class of instance Ingresses; nil: the cluster's default.
    public var ingressClass: String?
    /// With a domain, each instance gets an Ingress for `claw-<subdomain>.<domain>`; nil: none.
    public var domain: String?

    public init() {}

    /// What the render places instances with.
    public var placement: KubernetesPlacement {
        KubernetesPlacement(namespace: namespace, storageClass: storageClass, volumeSizes: volumeSizes,
                            ingressClass: ingressClass, domain: domain)
    }
}
