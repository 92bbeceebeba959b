@testable import ClawDaemon
import Testing

@Suite("malloc arenas")
struct MallocArenasTests {
    @Test("glibc's mallopt is found and accepts M_ARENA_MAX")
    func malloptResolves() throws {
        let mallopt = try #require(MallocArenas.mallopt, "mallopt not found in the process")
        #expect(mallopt(MallocArenas.mArenaMax, 4) == 1, "mallopt(M_ARENA_MAX, 4) refused")
    }
}
