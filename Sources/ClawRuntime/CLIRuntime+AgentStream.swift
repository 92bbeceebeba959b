import ClawCore
import Foundation
import Subprocess

extension CLIRuntime {
    /// `start --attach --interactive <name>` on a created container: writes `stdin` to it and
    /// hands every line it prints (stdout and stderr merged) to `onLine` as it comes, until the
    /// container exits. Cancelling the caller tears the attach process down (the container is
    /// the caller's to stop). Answers the container's exit code as the engine reports it.
    public func attachStreaming(_ name: String, stdin: Data, onLine: @escaping @Sendable (String) -> Void)
        async throws -> Int? {
        try RuntimeValidation.name(name)
        let configuration = try runner.makeConfiguration(binaryPath, ["start", "--attach", "--interactive", name],
                                                         environment: environment)
        do {
            _ = try await Subprocess.run(configuration, input: .data(stdin), output: .sequence,
                                         error: .combinedWithOutput) { execution in
                for try await line in execution.standardOutput.strings() {
                    onLine(String(line.trimmingSuffix(while: { $0 == "\n" || $0 == "\r" })))
                }
            }
        } catch {
            throw ProcessRunner.map(error, binaryPath)
        }
        return try await inspectContainer(name)?.exitCode
    }

    /// CPU percent and memory bytes of the running containers carrying all of `labels`
    /// (`stats --no-stream`); zeros when none runs.
    public func stats(labels: [String: String]) async throws -> (cpuPercent: Double, memoryBytes: Int64, containers: Int) {
        let running = try await listContainers(labels: labels).filter { $0.state == .running }
        guard !running.isEmpty else { return (0, 0, 0) }
        let argv = ["stats", "--no-stream", "--format", "{{.ID}}\t{{.CPUPerc}}\t{{.MemUsage}}"] + running.map(\.id)
        let result = try await run(argv, timeout: .seconds(20))
        var cpu = 0.0, memory: Int64 = 0
        for line in result.stdout.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 3 else { continue }
            cpu += Double(fields[1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")) ?? 0
            let used = fields[2].split(separator: "/").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            memory += Self.parseSize(used)
        }
        return (cpu, memory, running.count)
    }

    /// `12.5MB`, `1.2GiB`, `512kB`, `100B` → bytes.
    static func parseSize(_ text: String) -> Int64 {
        let units: [(String, Double)] = [("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("TiB", 1_099_511_627_776),
                                         ("kB", 1e3), ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("B", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            return Int64((Double(text.dropLast(suffix.count)) ?? 0) * factor)
        }
        return Int64(text) ?? 0
    }
}

extension StringProtocol {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
