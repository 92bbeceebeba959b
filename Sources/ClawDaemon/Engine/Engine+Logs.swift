import ClawCore
import ClawStore

extension Engine {
    /// Lines of a replaced container's logs that are kept (the runtime call is bounded too).
    static let archivedLogLines = 10_000

    var logArchive: LogArchive? { config.logArchiveDir.map { LogArchive(directory: $0) } }

    /// Saves the logs of the instance's current container before a rebuild removes it. Best
    /// effort: a container without logs, or a failing runtime call, never fails the rebuild.
    func archiveLogs(_ id: String, generation: Int?) async {
        guard let archive = logArchive else { return }
        do {
            let text = try await runtime.logs(RuntimeNames.container(id), tail: Self.archivedLogLines)
            try archive.save(instanceID: id, generation: generation ?? 0, text: text)
        } catch {
            logger.warning("cannot keep logs of the replaced container",
                           metadata: ["instance": "\(id)", "error": "\(error)"])
        }
    }
}
