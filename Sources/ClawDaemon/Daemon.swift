import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Logging

/// The daemon: `build` composes every part from the settings (store, runtime, services, engine,
/// deadlines, boot pass, listeners); `run` builds and serves HTTP on TCP and on the Unix socket
/// until SIGTERM/SIGINT.
public struct Daemon: Sendable {
    let settings: Settings

    public init(settings: Settings) { self.settings = settings }

    public func run() async throws {
        try await Self.build(settings).run()
    }

    static func openStore(_ settings: Settings) throws(ClawError) -> Store {
        try DataDirectory(path: settings.dataDir).prepare()
        return try Store(path: settings.databasePath)
    }

    static func databaseCheck(_ store: Store) async -> HealthReport.Check {
        do {
            _ = try await store.meta("install_id")
            return .init(ok: true, detail: "sqlite \(store.path)")
        } catch {
            return .init(ok: false, detail: "\(error)")
        }
    }
}
