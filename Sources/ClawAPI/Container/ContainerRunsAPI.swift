import ClawCore
import ClawStore

/// The live queue as the routes see it (the daemon's run executor implements it).
public protocol RunQueueView: Sendable {
    func counts() -> QueueCounts
    func groups() -> [QueueGroupState]
    func group(_ name: String) -> QueueGroupState
    /// Lowering never stops a running run.
    func setMaxConcurrent(_ n: Int)
    /// CPU percent, memory bytes and count of the agent containers running now (runtime stats).
    func containerStats() async -> (cpuPercent: Double, memoryBytes: Int64, containers: Int)?
}

/// What the groups, queue, runs, schedules and monitoring routes need: the rows and the live queue.
public struct ContainerRunsAPI: Sendable {
    public var runs: ContainerRunStore
    public var queue: any RunQueueView
    /// Instances by status, for `metrics`.
    public var instanceCounts: @Sendable () async -> [String: Int]

    public init(runs: ContainerRunStore, queue: any RunQueueView, instanceCounts: @escaping @Sendable () async -> [String: Int]) {
        self.runs = runs
        self.queue = queue
        self.instanceCounts = instanceCounts
    }
}
