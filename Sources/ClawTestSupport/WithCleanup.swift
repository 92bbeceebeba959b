/// The one fixture shape of the suites: run `body`, then `cleanup` whether `body` returned or
/// threw (the body's error is the one reported). Fixtures (`RunsDaemon.with`, `EngineHarness.with`,
/// …) build on it instead of repeating `catch { cleanup; throw }`.
public func withCleanup<T>(_ body: () async throws -> T, cleanup: () async -> Void) async throws -> T {
    let value: T
    do {
        value = try await body()
    } catch {
        await cleanup()
        throw error
    }
    await cleanup()
    return value
}
