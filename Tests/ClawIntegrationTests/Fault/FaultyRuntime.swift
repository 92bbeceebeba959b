import ClawTestSupport
import Foundation

/// `scripts/faulty-runtime` in front of the real podman, driven through files in `dir`: a shim
/// that clawd runs as its `runtime_binary`, the fault rate and kinds, and the log of every call.
struct FaultyRuntime {
    let dir: String
    var shim: String { dir + "/podman" }

    init(under parent: String, seed: Int) throws {
        dir = parent + "/faults"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let real = ["/usr/bin/podman", "/usr/local/bin/podman", "/bin/podman"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? "podman"
        try "#!/bin/sh\nFAULT_DIR='\(dir)' FAULT_REAL='\(real)' exec '\(TestPaths.repoRoot)/scripts/faulty-runtime' \"$@\"\n"
            .write(toFile: shim, atomically: true, encoding: .utf8)
        chmod(shim, 0o755)
        try set("seed", "\(seed)")
        try set("rate", "0")
    }

    func set(_ name: String, _ value: String) throws {
        try value.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }

    /// Calls logged so far: (epoch milliseconds, fate).
    func calls() -> [(ms: Int, fate: String)] {
        let text = (try? String(contentsOfFile: dir + "/calls.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line -> (ms: Int, fate: String)? in
            let f = line.split(separator: " ", maxSplits: 3)
            guard f.count >= 3, let ms = Int(f[0]) else { return nil }
            return (ms, String(f[2]))
        }
    }

    /// The most calls started within any one second since `sinceMs`.
    func maxCallsPerSecond(sinceMs: Int) -> Int {
        let times = calls().map(\.ms).filter { $0 >= sinceMs }.sorted()
        var best = 0, lo = 0
        for hi in times.indices {
            while times[hi] - times[lo] >= 1000 { lo += 1 }
            best = max(best, hi - lo + 1)
        }
        return best
    }
}

/// Latencies of repeated requests, in milliseconds.
struct LatencySample: CustomStringConvertible {
    var millis: [Double] = []

    mutating func add(_ start: ContinuousClock.Instant) {
        let d = ContinuousClock.now - start
        millis.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
    }

    func percentile(_ p: Double) -> Double {
        guard !millis.isEmpty else { return 0 }
        let sorted = millis.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    var description: String {
        String(format: "n=%d p50=%.1fms p99=%.1fms", millis.count, percentile(0.5), percentile(0.99))
    }

    static func nowMs() -> Int { Int(Date().timeIntervalSince1970 * 1000) }
}
