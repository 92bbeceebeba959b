import ClawCore

/// CPU and memory of an instance's container, requests and limits.
public struct WorkloadResources: Sendable, Equatable {
    public var cpuRequestMillis: Int
    public var cpuLimitMillis: Int
    public var memoryRequestBytes: Int64
    public var memoryLimitBytes: Int64

    public init(cpuRequestMillis: Int, cpuLimitMillis: Int, memoryRequestBytes: Int64, memoryLimitBytes: Int64) {
        self.cpuRequestMillis = cpuRequestMillis
        self.cpuLimitMillis = cpuLimitMillis
        self.memoryRequestBytes = memoryRequestBytes
        self.memoryLimitBytes = memoryLimitBytes
    }

    /// The tier's limits, as the local runtimes apply them. Memory is requested in full (a pod
    /// using what its tier promises is never the one evicted under memory pressure); CPU, which
    /// is only throttled, reserves a quarter: a mostly idle bot bursts to its limit when it works.
    public init(tier: Tier) {
        let cpu = Int((tier.cpus * 1000).rounded())
        self.init(cpuRequestMillis: max(1, cpu / 4), cpuLimitMillis: cpu,
                  memoryRequestBytes: tier.memoryBytes, memoryLimitBytes: tier.memoryBytes)
    }

    /// As the container's `resources`.
    public var requirements: ResourceRequirements {
        ResourceRequirements(
            requests: ["cpu": Quantity.cpu(cpuRequestMillis), "memory": Quantity.bytes(memoryRequestBytes)],
            limits: ["cpu": Quantity.cpu(cpuLimitMillis), "memory": Quantity.bytes(memoryLimitBytes)])
    }
}

/// Kubernetes quantity strings, in the shortest exact form.
public enum Quantity {
    /// `2` for 2000 millicores, `250m` otherwise.
    public static func cpu(_ millis: Int) -> String {
        millis % 1000 == 0 ? String(millis / 1000) : "\(millis)m"
    }

    /// `2Gi`, `512Mi`, `64Ki` or plain bytes: the largest binary unit that divides exactly.
    public static func bytes(_ bytes: Int64) -> String {
        for (suffix, unit) in [("Ti", Int64(1) << 40), ("Gi", Int64(1) << 30), ("Mi", Int64(1) << 20), ("Ki", Int64(1) << 10)]
        where bytes >= unit && bytes % unit == 0 {
            return "\(bytes / unit)\(suffix)"
        }
        return String(bytes)
    }
}
