import ClawCore
import ClawStore

extension ContainerRunExecutor {
    /// How often a group's IPC directory is read while (and only while) it has an active run.
    static let ipcScanInterval = Duration.seconds(1)
    /// While the run is active, a task file is read once it has not changed for this long.
    static let ipcSettleSeconds: Double = 0.5

    /// Runs `body` (one run) with a sibling task that applies the group's IPC task files about
    /// every second, so a schedule a running agent asks for exists before the run ends. The
    /// watcher is a child of the run: it ends with it, so an idle daemon reads nothing. The
    /// final sweep after the run (and the one at boot) catches what the last interval missed.
    func watchingIPC(group: String, during body: @escaping @Sendable () async throws -> RunResult) async throws -> RunResult {
        try await withThrowingTaskGroup(of: RunResult?.self) { tasks in
            tasks.addTask { try await body() }
            tasks.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.ipcScanInterval)
                    if Task.isCancelled { break }
                    await self.scanIPC(group: group, settledFor: Self.ipcSettleSeconds)
                }
                return nil
            }
            while let next = try await tasks.next() {
                if let result = next {
                    tasks.cancelAll()
                    return result
                }
            }
            throw ClawError(.internal, "agent run of \(group) ended without a result")
        }
    }

    /// Applies the group's task files (`ContainerRunStore.processTaskFiles`); the channels
    /// hear of the scan and send the group's `messages/` files.
    func scanIPC(group: String, settledFor: Double = 0) async {
        channelFeed?.ipcScanned(group: group)
        let tasks = await runs.processTaskFiles(group: group, settledFor: settledFor)
        if tasks.applied + tasks.refused > 0 {
            logger.info("ipc tasks", metadata: ["group": "\(group)", "applied": "\(tasks.applied)",
                                                "refused": "\(tasks.refused)"])
        }
    }
}
