extension Settings {
    /// The engine's settings for this install.
    public func engineConfig(installID: String) -> EngineConfig {
        var config = EngineConfig(installID: installID, stateDir: stateDir, instancePort: instancePort,
                                  stopTimeoutSeconds: stopTimeoutSeconds, resync: .seconds(resyncSeconds),
                                  orphanGraceSeconds: orphanGraceSeconds)
        config.logArchiveDir = logArchiveDir
        return config
    }
}

extension Settings {
    /// Rotated logs of replaced containers (`LogArchive`).
    public var logArchiveDir: String { dataDir + "/logs" }
}
