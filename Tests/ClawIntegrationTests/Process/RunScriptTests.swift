import ClawDaemon
import ClawTestSupport
import Foundation
import Testing

/// scripts/run's configuration step, without its setup, build and daemon.
@Suite("scripts/run configuration")
struct RunScriptTests {
    @Test("scripts/run points the agent image context at the repo's etc/agent-image, and clawd loads it over the config file")
    func agentImageContextFromTheRepo() async throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestPaths.repoRoot + "/scripts/run")
        p.arguments = ["--print-config"]
        var env = ProcessInfo.processInfo.environment
        env["CLAWD_AGENT_IMAGE_CONTEXT"] = nil
        p.environment = env
        let result = try await ProcessResultCapture.run(p)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        var printed: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            printed[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        let context = try #require(printed["CLAWD_AGENT_IMAGE_CONTEXT"], "\(result.stdout)")
        let repo = URL(fileURLWithPath: TestPaths.repoRoot).standardizedFileURL.resolvingSymlinksInPath().path
        #expect(URL(fileURLWithPath: context).resolvingSymlinksInPath().path == repo + "/etc/agent-image")
        #expect(FileManager.default.fileExists(atPath: context + "/Containerfile"), "no Containerfile in \(context)")

        // What clawd makes of it: the environment wins over the config file's /usr/share path.
        let settings = try SettingsLoader.load(environment: ["CLAWD_AGENT_IMAGE_CONTEXT": context],
                                               flags: ["config": TestPaths.repoRoot + "/etc/clawd.yaml"])
        #expect(settings.agentImageContext == context)
        let installed = try SettingsLoader.load(environment: [:], flags: ["config": TestPaths.repoRoot + "/etc/clawd.yaml"])
        #expect(installed.agentImageContext == "/usr/share/clawd/agent-image", "scripts/install keeps its path")
    }
}
