extension Settings {
    /// The engine's settings for this install.
    public func engineConfig(installID: String) -> EngineConfig {
        var config = EngineConfig(installID: installID, stateDir: stateDir, instancePort: instancePort,
                                  stopTimeoutSeconds: stopTimeoutSeconds, resync: .seconds(resyncSeconds),
                                  orphanGraceSeconds: orphanGraceSeconds)
        config.logArchiveDir = logArchiveDir
        switch runtime {
        case .auto, .podman, .docker: break
        // A cluster starts pods in parallel, and a start waits for its pod (an image pull included):
        // more workers keep mass starts from queueing behind a few slow pulls.
        case .kubernetes: config.maxWorkers = 16
        }
        return config
    }
}

extension Settings {
    /// Rotated logs of replaced containers (`LogArchive`).
    public var logArchiveDir: String { dataDir + "/logs" }
}
