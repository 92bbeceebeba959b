/// Decides the runtime steps that bring an instance's container and volume to its intent.
/// The worker executes them, observes again and repeats until the plan is empty.
public enum Planner {
    /// The steps from what is observed to what `instance` wants; `[]` when converged (or when a
    /// transient container state must be waited out). An unpaid instance (`paidUntil <= now`) is
    /// never started, even before its expiry timer has fired.
    public static func plan(instance: Instance, observed: ObservedContainer?, volumeExists: Bool,
                            now: Timestamp) -> [RuntimeAction] {
        if instance.status.isTerminal || instance.desired == .absent {
            return teardown(observed, volumeExists: volumeExists)
        }
        if instance.desired == .running && instance.paidUntil > now {
            let prefix: [RuntimeAction] = instance.status == .pending ? [.markProvisioning] : []
            return prefix + run(instance, observed, volumeExists: volumeExists)
        }
        return keepStopped(instance, observed, volumeExists: volumeExists)
    }

    static func teardown(_ c: ObservedContainer?, volumeExists: Bool) -> [RuntimeAction] {
        var actions: [RuntimeAction] = []
        if let c { actions += remove(c) }
        if volumeExists { actions.append(.removeVolume) }
        return actions
    }

    static func run(_ i: Instance, _ c: ObservedContainer?, volumeExists: Bool) -> [RuntimeAction] {
        if let c, c.generation == i.generation, volumeExists {
            switch c.state {
            case .running:
                return i.status == .running ? [] : [.markRunning]
            case .restarting, .removing:
                return []
            case .created, .exited, .stopped:
                return [.startContainer]
            case .paused, .dead, .unknown:
                return remove(c) + [.createContainer(generation: i.generation), .startContainer]
            }
        }
        var actions: [RuntimeAction] = []
        if let c { actions += remove(c) }
        if !volumeExists { actions.append(.createVolume) }
        return actions + [.createContainer(generation: i.generation), .startContainer]
    }

    /// A stopped instance keeps its volume; a container is optional, but never of an old generation.
    static func keepStopped(_ i: Instance, _ c: ObservedContainer?, volumeExists: Bool) -> [RuntimeAction] {
        guard let c else { return [] }
        if c.generation == i.generation { return c.isUp ? [.stopContainer] : [] }
        return remove(c) + (volumeExists ? [.createContainer(generation: i.generation)] : [])
    }

    static func remove(_ c: ObservedContainer) -> [RuntimeAction] {
        c.isUp ? [.stopContainer, .removeContainer] : [.removeContainer]
    }
}
