import ClawCore
import Foundation
import Subprocess

extension CLIRuntime {
    /// `run --rm --interactive` of `spec` in ONE engine call (as a bare `podman run` would be).
    public func runStreaming(_ spec: ContainerSpec, stdin: Data, onLine: @escaping @Sendable (String) -> Void)
        async throws -> Int32 {
        var spec = spec
        spec.interactive = true
        var argv = try arguments.createContainer(spec)
        guard argv.first == "create" else { throw ClawError(.internal, "unexpected create argv") }
        argv[0] = "run"
        argv.insert("--rm", at: 1)
        let configuration = try runner.makeConfiguration(binaryPath, argv, environment: environment)
        let result: TerminationStatus
        do {
            result = try await Subprocess.run(configuration, input: .data(stdin), output: .sequence,
                                              error: .combinedWithOutput) { execution in
                for try await line in execution.standardOutput.strings() {
                    onLine(String(line.trimmingSuffix(while: { $0 == "\n" || $0 == "\r" })))
                }
            }.terminationStatus
        } catch {
            throw ProcessRunner.map(error, binaryPath)
        }
        switch result {
        case .exited(let code): return Int32(code)
        case .signaled(let signal): return 128 + Int32(signal)
        }
    }

    /// One `stats --no-stream` over the running containers carrying all of `labels`.
    public func stats(labels: [String: String]) async throws -> RuntimeStats {
        let running = try await listContainers(labels: labels).filter { $0.state == .running }
        guard !running.isEmpty else { return RuntimeStats(cpuPercent: 0, memoryBytes: 0, containers: 0) }
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
        return RuntimeStats(cpuPercent: cpu, memoryBytes: memory, containers: running.count)
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
