/// One container of a Pod as the kubelet reports it.
public struct ContainerStatus: Codable, Sendable, Equatable {
    public var name: String
    public var ready: Bool?
    public var restartCount: Int?
    public var image: String?
    public var state: ContainerStateInfo?
    /// The previous run, when the container restarted: its exit code tells a crash from a stop.
    public var lastState: ContainerStateInfo?

    public init(name: String, ready: Bool? = nil, restartCount: Int? = nil, image: String? = nil,
                state: ContainerStateInfo? = nil, lastState: ContainerStateInfo? = nil) {
        self.name = name
        self.ready = ready
        self.restartCount = restartCount
        self.image = image
        self.state = state
        self.lastState = lastState
    }
}

/// Exactly one of the three is set by the kubelet.
public struct ContainerStateInfo: Codable, Sendable, Equatable {
    public var waiting: Waiting?
    public var running: Running?
    public var terminated: Terminated?

    public init(waiting: Waiting? = nil, running: Running? = nil, terminated: Terminated? = nil) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }

    public struct Waiting: Codable, Sendable, Equatable {
        /// `ContainerCreating`, `ImagePullBackOff`, `CrashLoopBackOff`, ...
        public var reason: String?
        public var message: String?
        public init(reason: String? = nil, message: String? = nil) {
            self.reason = reason
            self.message = message
        }
    }

    public struct Running: Codable, Sendable, Equatable {
        public var startedAt: String?
        public init(startedAt: String? = nil) { self.startedAt = startedAt }
    }

    public struct Terminated: Codable, Sendable, Equatable {
        public var exitCode: Int
        public var reason: String?
        public var message: String?
        public var startedAt: String?
        public var finishedAt: String?

        public init(exitCode: Int, reason: String? = nil, message: String? = nil, startedAt: String? = nil,
                    finishedAt: String? = nil) {
            self.exitCode = exitCode
            self.reason = reason
            self.message = message
            self.startedAt = startedAt
            self.finishedAt = finishedAt
        }
    }
}
