import ClawCore
import Foundation

/// Runtime events from two resuming watches (pods and Deployments of the install): a pod whose
/// container terminated is a `die` (one the kubelet restarts a `restart`), a running one a `start`, a deleted pod or Deployment a
/// `remove`; a relist (the watch lost its place) is `relisted`, and the engine resyncs. `since` is
/// not needed: the watches resume from their resourceVersion, and a fresh one starts with a relist.
extension KubernetesInstanceRuntime {
    public func events(labels: [String: String], since: Timestamp?) -> AsyncThrowingStream<RuntimeEvent, any Error> {
        let selector = Self.selector(labels)
        let api = self.api
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for try await event in api.watch(Pod.self, labelSelector: selector) {
                                for e in KubeEvents.events(event) { continuation.yield(e) }
                            }
                        }
                        group.addTask {
                            for try await event in api.watch(Deployment.self, labelSelector: selector) {
                                for e in KubeEvents.events(event) { continuation.yield(e) }
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// Watch events as the engine's `RuntimeEvent`s. Pure: table-tested.
enum KubeEvents {
    static func events(_ event: WatchEvent<Pod>) -> [RuntimeEvent] {
        switch event {
        case .relisted: return [relisted()]
        case .deleted(let pod): return [make("remove", pod.metadata, exitCode: KubeContainerState.exitCode(pod))]
        case .added(let pod), .modified(let pod):
            guard let status = KubeContainerState.status(pod) else { return [] }
            if let terminated = status.state?.terminated {
                return [make("die", pod.metadata, exitCode: terminated.exitCode)]
            }
            if status.state?.waiting != nil, let last = status.lastState?.terminated {
                // The kubelet restarts it: not a death the engine restarts from.
                return [make("restart", pod.metadata, exitCode: last.exitCode)]
            }
            if status.state?.running != nil { return [make("start", pod.metadata, exitCode: nil)] }
            return []
        }
    }

    static func events(_ event: WatchEvent<Deployment>) -> [RuntimeEvent] {
        switch event {
        case .relisted: return [relisted()]
        case .deleted(let deployment): return [make("remove", deployment.metadata, exitCode: nil)]
        case .added, .modified: return []
        }
    }

    static func relisted() -> RuntimeEvent {
        RuntimeEvent(action: RuntimeEvent.relisted, containerID: "", containerName: "", labels: [:], time: Date(),
                     exitCode: nil)
    }

    /// Named after the Deployment (`clawd-<instance>`), as the engine knows the container.
    static func make(_ action: String, _ meta: ObjectMeta, exitCode: Int?) -> RuntimeEvent {
        let labels = meta.labels ?? [:]
        let name = labels[RuntimeNames.instanceLabel].map(RuntimeNames.container) ?? (meta.name ?? "")
        return RuntimeEvent(action: action, containerID: name, containerName: name, labels: labels, time: Date(),
                            exitCode: exitCode)
    }
}
