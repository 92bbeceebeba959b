/// What the runtime shows of an instance's container, as the planner needs it.
public struct ObservedContainer: Sendable, Equatable {
    public var state: ContainerState
    /// The container's generation label; nil when missing or unreadable (treated as stale).
    public var generation: Int?
    public var createdAt: Timestamp
    /// Its address on the runtime network, when the runtime reported one.
    public var address: String?

    public init(state: ContainerState, generation: Int?, createdAt: Timestamp, address: String? = nil) {
        self.state = state
        self.generation = generation
        self.createdAt = createdAt
        self.address = address
    }

    /// Reads the generation from the label named `generationLabel` of an observed container.
    public init(_ info: ContainerInfo, generationLabel: String) {
        self.init(state: info.state, generation: info.labels[generationLabel].flatMap { Int($0) },
                  createdAt: Timestamp(info.createdAt), address: info.address)
    }

    /// A process exists that a graceful stop should end first.
    public var isUp: Bool { state == .running || state == .restarting || state == .paused }
}
