import ClawCore
import Foundation
import Synchronization

/// An in-memory `ContainerRuntime` for unit tests of what drives a runtime (the engine, the run
/// executor): containers and volumes live in dictionaries, and any call can be made to fail or
/// to take time, per method, per object name, a number of times (`fail`, `delay`). It records
/// every call and how many ran at once. It never stands in for podman or docker in a test that
/// claims real behaviour: those run against `RuntimeTestBackend`.
public final class FakeRuntime: ContainerRuntime, Sendable {
    /// One requirement of `ContainerRuntime`, to aim a fault at.
    public enum Method: String, Sendable, CaseIterable {
        case info, imageExists, inspectImage, buildImage, buildImageCapturingOutput, removeImage
        case createVolume, volumeExists, listVolumes, removeVolume, importVolume, archiveVolume, restoreVolume
        case volumeDiskUsage
        case createContainer, startContainer, stopContainer, killContainer, removeContainer
        case inspectContainer, listContainers, stats, logs, hostGateway, runAttached, runStreaming
        case createNetwork, inspectNetwork, listNetworks, removeNetwork
    }

    /// What happens to the next matching calls: a wait, then an error (or success when nil).
    public struct Fault: Sendable {
        public var method: Method
        /// The object the call names; nil matches every object.
        public var name: String?
        /// Calls left to affect; nil affects every call.
        public var remaining: Int?
        public var error: ClawError?
        public var latency: Duration
    }

    /// One call as it arrived.
    public struct Call: Sendable, Equatable {
        public var method: Method
        public var name: String?
    }

    /// The most calls on objects that ran at the same time, overall and for one concurrency key.
    public struct Concurrency: Sendable, Equatable {
        public var maxTotal = 0
        public var maxPerKey = 0
        public init(maxTotal: Int = 0, maxPerKey: Int = 0) {
            self.maxTotal = maxTotal
            self.maxPerKey = maxPerKey
        }
    }

    struct State {
        var containers: [String: ContainerInfo] = [:]
        var volumes: [String: VolumeInfo] = [:]
        /// What `volumeDiskUsage` reports per volume (0 when not set).
        var volumeSizes: [String: Int64] = [:]
        /// The volumes each container mounts.
        var mounts: [String: [String]] = [:]
        var networks: [String: NetworkInfo] = [:]
        /// The network each container joined (`spec.network`).
        var attached: [String: String] = [:]
        var nextSubnet = 1
        var images: Set<String>?
        var faults: [Fault] = []
        var calls: [Call] = []
        var inFlight: [String: Int] = [:]
        var inFlightTotal = 0
        var concurrency = Concurrency()
        var subscribers: [Int: (labels: [String: String], sink: AsyncThrowingStream<RuntimeEvent, any Error>.Continuation)] = [:]
        var nextID = 1
    }

    public let backend: RuntimeBackend
    let state: Mutex<State>
    let latency: Duration
    let concurrencyKey: @Sendable (String) -> String

    /// - Parameters:
    ///   - images: the images that exist (creating a container of another fails); nil: every image.
    ///   - latency: how long every call takes before a fault's own latency.
    ///   - concurrencyKey: groups object names for `concurrency.maxPerKey` (e.g. by instance).
    public init(backend: RuntimeBackend = .podman, images: Set<String>? = nil, latency: Duration = .zero,
                concurrencyKey: @escaping @Sendable (String) -> String = { $0 }) {
        self.backend = backend
        self.latency = latency
        self.concurrencyKey = concurrencyKey
        state = Mutex(State(images: images))
    }

    // MARK: faults

    /// The next `times` calls of `method` (on `name`, or on any object) throw `error`; nil
    /// `times`: every call from now on.
    public func fail(_ method: Method, name: String? = nil, times: Int? = 1,
                     with error: ClawError = ClawError(.runtime, "injected failure")) {
        state.withLock { $0.faults.append(Fault(method: method, name: name, remaining: times, error: error, latency: .zero)) }
    }

    /// The next `times` calls of `method` (on `name`, or on any object) take `latency` longer.
    public func delay(_ method: Method, name: String? = nil, times: Int? = nil, by latency: Duration) {
        state.withLock { $0.faults.append(Fault(method: method, name: name, remaining: times, error: nil, latency: latency)) }
    }

    /// Drops every fault not used up yet.
    public func clearFaults() { state.withLock { $0.faults.removeAll() } }

    // MARK: what happened

    public var calls: [Call] { state.withLock { $0.calls } }

    public func calls(_ method: Method, name: String? = nil) -> Int {
        state.withLock { $0.calls.filter { $0.method == method && (name == nil || $0.name == name) }.count }
    }

    public var concurrency: Concurrency { state.withLock { $0.concurrency } }

    /// Event streams open right now (a test waits for the engine's before it crashes a container).
    public var eventSubscribers: Int { state.withLock { $0.subscribers.count } }

    public func container(_ name: String) -> ContainerInfo? { state.withLock { $0.containers[name] } }

    public var containerNames: Set<String> { state.withLock { Set($0.containers.keys) } }

    public var volumeNames: Set<String> { state.withLock { Set($0.volumes.keys) } }

    /// The volume's files now take `bytes` (what `volumeDiskUsage` reports from now on).
    public func setVolumeSize(_ name: String, bytes: Int64) { state.withLock { $0.volumeSizes[name] = bytes } }

    public var networkNames: Set<String> { state.withLock { Set($0.networks.keys) } }

    /// The network a container joined; nil: the default one.
    public func network(ofContainer name: String) -> String? { state.withLock { $0.attached[name] } }

    /// The container exits behind its owner's back (a crash, `kill` from a shell): `die` event.
    public func crash(_ name: String, exitCode: Int = 137) {
        state.withLock { s in
            guard var c = s.containers[name] else { return }
            c.state = .exited
            c.exitCode = exitCode
            s.containers[name] = c
            Self.emit("die", c, in: &s)
        }
    }

    // MARK: the call path

    /// Records the call, waits its latency, throws its fault or runs `body` on the state.
    func step<T>(_ method: Method, _ name: String?, _ body: (inout State) throws -> T) async throws -> T {
        // Only calls on one object count towards concurrency (not lists, info, stats).
        let key = name.map(concurrencyKey)
        let fault = state.withLock { s -> Fault? in
            s.calls.append(Call(method: method, name: name))
            if let key {
                s.inFlight[key, default: 0] += 1
                s.inFlightTotal += 1
                s.concurrency.maxPerKey = max(s.concurrency.maxPerKey, s.inFlight[key]!)
                s.concurrency.maxTotal = max(s.concurrency.maxTotal, s.inFlightTotal)
            }
            guard let index = s.faults.firstIndex(where: {
                $0.method == method && ($0.name == nil || $0.name == name) && $0.remaining != 0
            }) else { return nil }
            if let left = s.faults[index].remaining { s.faults[index].remaining = left - 1 }
            return s.faults[index]
        }
        defer {
            if let key { state.withLock { s in s.inFlight[key]! -= 1; s.inFlightTotal -= 1 } }
        }
        let wait = latency + (fault?.latency ?? .zero)
        if wait > .zero { try await Task.sleep(for: wait) }
        if let error = fault?.error { throw error }
        return try state.withLock { try body(&$0) }
    }

    static func emit(_ action: String, _ c: ContainerInfo, in s: inout State) {
        let event = RuntimeEvent(action: action, containerID: c.id, containerName: c.name, labels: c.labels,
                                 time: Date(), exitCode: action == "die" ? c.exitCode : nil)
        for (_, subscriber) in s.subscribers where subscriber.labels.allSatisfy({ c.labels[$0.key] == $0.value }) {
            subscriber.sink.yield(event)
        }
    }

    static func matches(_ labels: [String: String], _ wanted: [String: String]) -> Bool {
        wanted.allSatisfy { labels[$0.key] == $0.value }
    }
}
