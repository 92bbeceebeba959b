/// The throwaway container that archives or restores a volume: `image` needs `sh`, `tar` and
/// `find` (busybox or GNU); it runs as root without network under `name` (a leftover of that
/// name from a killed run is removed first) and carries `labels`.
public struct VolumeArchiveHelper: Sendable, Equatable {
    public var image: String
    public var name: String
    public var labels: [String: String]
    /// The whole run, however large the volume.
    public var timeout: Duration
    public init(image: String, name: String, labels: [String: String] = [:], timeout: Duration = .seconds(3600)) {
        self.image = image
        self.name = name
        self.labels = labels
        self.timeout = timeout
    }
}
