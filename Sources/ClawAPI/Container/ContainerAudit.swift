import ClawCore
import ClawStore
import Hummingbird

extension APIContext {
    /// Who the audit log names: `admin` on the socket, `key:<id>` for an API key, else `anonymous`.
    var auditActor: String { isAdmin ? "admin" : apiKeyID.map { "key:" + $0 } ?? "anonymous" }
}

/// The container API's dedicated audit entries (`mount.validate`, `proxy.*`, …), written by the
/// route that makes the decision, beside the generic per-request line of `AuditMiddleware`.
/// Targets and details carry ids, names and paths only, never a credential or a placeholder.
struct ContainerAudit: Sendable {
    let runs: ContainerRunStore?

    init(env: APIEnvironment) { runs = env.containerRuns?.runs }
    init(runs: ContainerRunStore?) { self.runs = runs }

    /// A refused request (401, 403, 429): action `denied`, target the method and path.
    func denied(_ request: Request, _ context: APIContext, _ error: ClawError) async {
        await record(context, "denied", target: "\(request.method.rawValue) \(request.uri.path)", outcome: error.code.rawValue,
               detail: error.message)
    }

    func record(_ context: APIContext, _ action: String, target: String, outcome: String, detail: String? = nil) async {
        await runs?.audit(AuditEntry(at: .now(), orgID: context.orgID, actor: context.auditActor, action: action,
                               target: target, outcome: outcome, detail: detail))
    }

    /// Runs `change`; records `action` with outcome `ok`, `detail(result)` and `doneTarget(result)`
    /// (when given), or the error's code and message when it throws (then rethrows).
    func recording<T>(_ context: APIContext, _ action: String, target: String, doneTarget: ((T) -> String)? = nil,
                      detail: (T) -> String? = { _ in nil }, _ change: () async throws -> T) async throws -> T {
        do {
            let result = try await change()
            await record(context, action, target: doneTarget?(result) ?? target, outcome: "ok", detail: detail(result))
            return result
        } catch let error as ClawError {
            await record(context, action, target: target, outcome: error.code.rawValue, detail: error.message)
            throw error
        } catch {
            await record(context, action, target: target, outcome: "error", detail: nil)
            throw error
        }
    }
}
