import Foundation

/// Which container engine a runtime driver talks to.
public enum RuntimeBackend: String, Sendable, Codable, CaseIterable {
    case podman
    case docker
}

/// A container engine. Creating what exists (ours) and removing what is gone are successes, so
/// every step can be retried after a crash. Every requirement is a real operation of every
/// driver: callers hold `any ContainerRuntime` and never ask which driver it is.
public protocol ContainerRuntime: Sendable {
    var backend: RuntimeBackend { get }

    func info() async throws -> RuntimeInfo

    func imageExists(_ reference: String) async throws -> Bool
    /// nil when the image is missing.
    func inspectImage(_ reference: String) async throws -> ImageInfo?
    func buildImage(tag: String, contextDirectory: String, containerfile: String?) async throws
    /// Builds like `buildImage` but keeps the merged output and reports failure as a result.
    func buildImageCapturingOutput(tag: String, contextDirectory: String) async throws -> ImageBuildResult
    func removeImage(_ reference: String) async throws

    func createVolume(name: String, labels: [String: String]) async throws
    func volumeExists(name: String) async throws -> Bool
    func listVolumes(labels: [String: String]) async throws -> [VolumeInfo]
    func removeVolume(name: String) async throws
    /// Adds the files of the tar archive at `path` to the volume (which must exist), keeping what
    /// is there; an engine without a native import runs `helper` to extract it.
    func importVolume(name: String, from path: String, helper: VolumeArchiveHelper) async throws
    /// Streams the volume's contents as a tar archive into the file at `path` through a throwaway
    /// `helper` container (the same way on podman and docker). See `VolumeArchiveHelper`.
    func archiveVolume(name: String, to path: String, helper: VolumeArchiveHelper) async throws
    /// REPLACES the volume's contents with the tar archive at `path`: extracted beside the old
    /// content first, which is removed only once the archive extracted whole.
    func restoreVolume(name: String, from path: String, helper: VolumeArchiveHelper) async throws
    /// The bytes the volume's files take (symlinks counted as links, never followed); nil when
    /// the volume is missing. Read where the engine keeps the volume, without a container.
    func volumeDiskUsage(name: String) async throws -> Int64?

    /// Creates a bridge network carrying `labels`; `isolated` asks the engine to drop traffic to
    /// its other networks (podman's `isolate` option; docker drops it between bridges itself).
    /// A network of that name that exists already is adopted as it is.
    func createNetwork(name: String, labels: [String: String], isolated: Bool) async throws
    /// nil when the network is missing.
    func inspectNetwork(name: String) async throws -> NetworkInfo?
    /// Every network carrying all of `labels`.
    func listNetworks(labels: [String: String]) async throws -> [NetworkInfo]
    /// Removing a missing network succeeds; one a container still uses is an error.
    func removeNetwork(name: String) async throws

    /// Returns the container id.
    func createContainer(_ spec: ContainerSpec) async throws -> String
    func startContainer(_ nameOrID: String) async throws
    /// Sends SIGTERM, waits `timeoutSeconds`, then SIGKILL.
    func stopContainer(_ nameOrID: String, timeoutSeconds: Int) async throws
    func killContainer(_ nameOrID: String, signal: String) async throws
    func removeContainer(_ nameOrID: String, force: Bool) async throws
    /// nil when the container is missing.
    func inspectContainer(_ nameOrID: String) async throws -> ContainerInfo?
    /// ONE runtime call: every container (running or not) carrying all of `labels`.
    func listContainers(labels: [String: String]) async throws -> [ContainerInfo]
    /// CPU and memory of the running containers carrying all of `labels`; zeros when none runs.
    func stats(labels: [String: String]) async throws -> RuntimeStats

    /// The last `tail` lines (all when nil) of stdout+stderr.
    func logs(_ nameOrID: String, tail: Int?) async throws -> String
    /// Follows the logs until the container stops or the consumer cancels.
    func followLogs(_ nameOrID: String, tail: Int?) -> AsyncThrowingStream<String, any Error>
    /// Container events for containers carrying all of `labels`, until cancelled; with `since`,
    /// the engine's recorded events from that instant come first, so a re-subscription misses
    /// nothing that happened while no stream listened.
    func events(labels: [String: String], since: Timestamp?) -> AsyncThrowingStream<RuntimeEvent, any Error>

    /// The address a container on the default network uses to reach the host (the bridge
    /// gateway), as the engine reports it; nil when it reports none.
    func hostGateway() async throws -> String?
    /// Starts a created container attached (`start --attach [--interactive]`), writes `stdin`
    /// to it and waits for it to exit; the result carries stdout and stderr.
    func runAttached(_ nameOrID: String, stdin: Data?, timeout: Duration) async throws -> AttachedRun
    /// Runs `spec` to its end in one call (`run --rm --interactive`): writes `stdin` to it and
    /// hands every line it prints (stdout and stderr merged) to `onLine` as it comes. Answers the
    /// exit status (125-127: the engine could not run it). Cancelling the caller ends the client;
    /// the container is the caller's to stop (it carries the caller's labels).
    func runStreaming(_ spec: ContainerSpec, stdin: Data, onLine: @escaping @Sendable (String) -> Void) async throws -> Int32
}
