import ClawAPI
import ClawCore
import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle

/// One HTTP listener (TCP or Unix socket) as a service. A bind failure becomes one clear
/// `ClawError` naming the address instead of NIO's raw error.
struct ListenerService: Service {
    let name: String
    let address: String
    let application: Application<RouterResponder<APIContext>>

    func run() async throws {
        do {
            try await application.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ClawError(.unavailable, "cannot listen on \(address): address already in use", cause: error)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ClawError(.unavailable, "listener on \(address) failed: \(error)")
        }
    }
}
