import ArgumentParser
import Foundation

extension ClawctlCommand.InstanceCommand {
    struct InstanceLogs: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "logs", abstract: "Print an instance's container logs (stdout and stderr).",
            discussion: """
                --follow keeps printing new lines until the container stops or Ctrl-C. --previous prints \
                the saved logs of the container generation a rebuild replaced. --json prints one \
                {"line": ...} object per line.
                """)
        @Argument(help: "The instance's id.") var id: String
        @Option(name: .shortAndLong, help: ArgumentHelp("Only the last N lines.", valueName: "n")) var tail: Int?
        @Flag(name: .shortAndLong, help: "Keep printing new lines.") var follow = false
        @Flag(help: "The logs of the previous container generation (before the last rebuild).") var previous = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let tail, tail < 1 { throw ValidationError("--tail must be a positive number of lines") }
            if previous && follow { throw ValidationError("--previous and --follow exclude each other") }
        }

        func execute(_ api: API) async throws {
            var query = ["follow=\(follow)"]
            if let tail { query.append("tail=\(tail)") }
            if previous { query.append("previous=true") }
            let path = "/v1/claw/instances/\(API.segment(id))/logs?" + query.joined(separator: "&")
            let reply = try await api.client.stream(path)
            guard reply.status == 200 else { throw API.failure(try await reply.collect()) }
            if global.json {
                for try await line in reply.lines {
                    Terminal.write(Terminal.json(["line": line]) + "\n")
                }
                return
            }
            for try await chunk in reply.body {
                FileHandle.standardOutput.write(Data(chunk.readableBytesView))
            }
        }
    }
}
