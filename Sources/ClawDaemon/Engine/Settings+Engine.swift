extension Settings {
    /// The engine's settings for this install.
    public func engineConfig(installID: String) -> EngineConfig {
        EngineConfig(installID: installID, stateDir: stateDir, instancePort: instancePort,
                     stopTimeoutSeconds: stopTimeoutSeconds, resync: .seconds(resyncSeconds),
                     orphanGraceSeconds: orphanGraceSeconds)
    }
}
