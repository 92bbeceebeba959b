#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// glibc gives every thread that allocates its own malloc arena, up to eight per core. The
/// database's work runs on GRDB's dispatch queues, so each of their threads grew an arena of
/// its own: about 7 MiB more resident memory for the same requests (measured with
/// `scripts/bench --compare`). One arena per core (at least two) is plenty for a daemon of
/// this size. An operator's `MALLOC_ARENA_MAX` wins.
enum MallocArenas {
    static func limit(environment: [String: String] = ProcessInfo.processInfo.environment) {
        #if canImport(Glibc)
        guard environment["MALLOC_ARENA_MAX"] == nil, let mallopt else { return }
        _ = mallopt(mArenaMax, Int32(max(2, min(16, ProcessInfo.processInfo.activeProcessorCount))))
        #endif
    }

    #if canImport(Glibc)
    /// `M_ARENA_MAX` of glibc's `<malloc.h>`, which Swift's Glibc module does not import.
    static let mArenaMax: Int32 = -8

    /// glibc's `int mallopt(int param, int value)`, looked up at run time for the same reason.
    static var mallopt: (@convention(c) (Int32, Int32) -> Int32)? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }
    #endif
}
