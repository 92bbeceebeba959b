/// The result of a transition: the instance to store and the effects to carry out.
public struct LifecycleOutcome: Sendable, Equatable {
    public var instance: Instance
    public var effects: [LifecycleEffect]

    public init(instance: Instance, effects: [LifecycleEffect]) {
        self.instance = instance
        self.effects = effects
    }

    /// Nothing to store or do (a stale timer or report).
    public var isNoOp: Bool { effects.isEmpty }

    /// The outcome that changes nothing.
    public static func noOp(_ instance: Instance) -> LifecycleOutcome {
        LifecycleOutcome(instance: instance, effects: [])
    }
}
