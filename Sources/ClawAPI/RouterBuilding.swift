import Hummingbird

extension RouterBuilding {
    /// The router for one listener. Admin routes exist only on the Unix socket's router, so the
    /// TCP listener answers 404 for them exactly as for a missing route.
    public static func router(env: APIEnvironment, listener: Listener) -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: DialectErrorMiddleware())
        router.add(middleware: AuditMiddleware(runs: env.containerRuns?.runs, stage: .denials))
        router.add(middleware: AuthMiddleware(store: env.store, listener: listener, bodyLimit: env.maxBodyBytes))
        router.add(middleware: RateLimitMiddleware(limiter: env.rateLimiter, audit: env.containerRuns?.runs))
        router.add(middleware: AuditMiddleware(runs: env.containerRuns?.runs, stage: .mutations))
        router.add(middleware: HostersMethodMiddleware())
        router.add(middleware: IdempotencyMiddleware(store: env.store, locks: env.idempotencyLocks))
        addHealthRoutes(router, env: env)
        addOpenAPIRoute(router)
        addClawRoutes(router, env: env)
        addLogRoutes(router, env: env)
        addLedgerRoutes(router, env: env)
        addOperationRoutes(router, env: env)
        addEventRoutes(router, env: env)
        addContainerRoutes(router, env: env)
        addHostersRoutes(router, env: env)
        addHostersBillingRoutes(router, env: env)
        addContainerRunRoutes(router, env: env)
        addHostersBackupRoutes(router, env: env)
        addChannelRoutes(router, env: env)
        if listener == .adminSocket {
            addAdminRoutes(router, env: env)
            addAdminPurchaseRoutes(router, env: env)
            addAdminConsoleLinkRoute(router, env: env)
        } else {
            let renderer = ConsoleRenderer()
            addConsoleSessionRoutes(router, env: env, renderer: renderer)
            addConsoleInstanceRoutes(router, env: env, renderer: renderer)
            addConsoleAccountRoutes(router, env: env, renderer: renderer)
            addConsoleAdminRoutes(router, env: env, renderer: renderer)
            addConsoleBackupRoutes(router, env: env, renderer: renderer)
            addConsoleAgentRoutes(router, env: env, renderer: renderer)
        }
        return router
    }
}
