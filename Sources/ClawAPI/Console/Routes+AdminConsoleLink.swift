import ClawCore
import ClawStore
import ClawWire
import Hummingbird

extension RouterBuilding {
    /// `POST /admin/console/link` (Unix socket): a one-time link that opens a host-admin console
    /// session in a browser, valid for five minutes.
    static func addAdminConsoleLinkRoute(_ router: Router<APIContext>, env: APIEnvironment) {
        router.post("/admin/console/link") { _, _ in
            let (token, expires) = try await ConsoleStore(store: env.store).makeLoginLink()
            return JSONResponse.make(.created, ConsoleLinkDTO(url: env.consoleBaseURL + "/console/admin-login?token=" + token,
                                                              expiresAt: expires.iso8601))
        }
    }
}
