import ClawCore
import ClawStore

/// Where instance logs come from: the runtime for the live container, the archive for the
/// generation a rebuild replaced.
public struct InstanceLogSource: Sendable {
    /// nil when no runtime was detected (only saved logs can be read then).
    public var runtime: (any InstanceRuntime)?
    /// The container name of an instance id (`clawd-<id>`).
    public var containerName: @Sendable (String) -> String
    public var archive: LogArchive?

    public init(runtime: (any InstanceRuntime)?, containerName: @escaping @Sendable (String) -> String,
                archive: LogArchive?) {
        self.runtime = runtime
        self.containerName = containerName
        self.archive = archive
    }
}
