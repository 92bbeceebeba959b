/// What started a run: a schedule (`task`) or a message/direct request (`message`). When a slot
/// frees, waiting tasks start before waiting messages; only message runs are retried.
public enum RunKind: String, Sendable, Codable, CaseIterable {
    case task
    case message
}

/// A run's status as the API shows it.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case queued, running, succeeded, failed, timeout

    public var isFinal: Bool { self == .succeeded || self == .failed || self == .timeout }
}

/// One run waiting for, or holding, a slot of the queue.
public struct QueuedRun: Sendable, Equatable, Hashable {
    public var runID: String
    public var group: String
    public var kind: RunKind
    /// Retries already made (0 on the first try).
    public var attempt: Int

    public init(runID: String, group: String, kind: RunKind, attempt: Int = 0) {
        self.runID = runID
        self.group = group
        self.kind = kind
        self.attempt = attempt
    }

    /// The container of this attempt: `clawd-run-<id>-<attempt>` (a valid runtime name).
    public var containerName: String {
        "clawd-run-\(runID.replacingOccurrences(of: "_", with: "-"))-\(attempt)"
    }
}

/// What the queue asks its executor to do.
public enum QueueAction: Sendable, Equatable {
    /// Start the run's container now: it holds a slot until `finished`.
    case start(QueuedRun)
    /// A failed message run is tried again: call `retryDue` after `delayMillis`.
    case retry(QueuedRun, delayMillis: Int64)
    /// A message run failed and has no retries left: its failure is final.
    case giveUp(QueuedRun)
}

/// One group's line in `GET /container/queue/groups`.
public struct QueueGroupState: Sendable, Equatable {
    public var group: String
    public var activeRun: QueuedRun?
    public var pendingMessages: Int
    public var pendingTasks: Int
    public var retryCount: Int
}

/// `GET /container/queue/counts`.
public struct QueueCounts: Sendable, Equatable {
    public var active: Int
    /// Groups with queued runs and no active one.
    public var waiting: Int
    public var pendingMessages: Int
    public var pendingTasks: Int
    public var maxConcurrent: Int

    public init(active: Int, waiting: Int, pendingMessages: Int, pendingTasks: Int, maxConcurrent: Int) {
        self.active = active
        self.waiting = waiting
        self.pendingMessages = pendingMessages
        self.pendingTasks = pendingTasks
        self.maxConcurrent = maxConcurrent
    }
}
