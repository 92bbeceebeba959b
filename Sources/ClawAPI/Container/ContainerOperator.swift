import ClawCore
import Hummingbird

/// Host-wide container controls (the run queue's cap, the mount allowlist, the credential proxy
/// and its mappings) are shared by every org on the host: only the host admin (the Unix socket,
/// `clawctl`) or a key of an org named in `container_operator_orgs` may change them.
enum ContainerOperator {
    static func isOperator(_ context: APIContext, env: APIEnvironment) -> Bool {
        if context.isAdmin { return true }
        guard context.apiKeyID != nil, let org = context.orgID else { return false }
        return env.containerOperatorOrgs.contains(org)
    }

    /// Throws 403 `forbidden` for anyone else, before the body is read, and records the refusal
    /// in the audit log as `denied` (like a 401 or 429) with the caller's key.
    static func require(_ request: Request, _ context: APIContext, env: APIEnvironment, action: String) async throws {
        guard !isOperator(context, env: env) else { return }
        let error = ClawError(.forbidden, "\(action) changes a host-wide setting: only the host admin (clawctl, the Unix "
            + "socket) or a key of an org listed in container_operator_orgs may do it")
        await ContainerAudit(env: env).denied(request, context, error)
        throw error
    }
}
