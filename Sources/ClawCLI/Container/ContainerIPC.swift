import ArgumentParser
import ClawClient
import ClawWire
import Foundation

extension ClawctlCommand.ContainerCommand {
    struct ContainerFollowUp: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "follow-up", abstract: "Send a follow-up message to a group's running agent.",
            discussion: """
                Writes input/<ms>-<rand>.json into the group's IPC directory (POST /api/v1/container/ipc/follow-up). \
                The text is TEXT or the contents of --text-file (- for stdin). Exits 1 when the group has no \
                active run.
                """)
        @OptionGroup var orgOption: ContainerOrgOption
        @Option(help: ArgumentHelp("The group (namespace) whose run gets the message.", valueName: "group")) var group: String
        @Argument(help: ArgumentHelp("The message.", valueName: "text")) var text: String?
        @Option(help: ArgumentHelp("Read the message from this file, or - for stdin.", valueName: "file")) var textFile: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try ContainerArgs.group(group)
            guard (text == nil) != (textFile == nil) else {
                throw ValidationError(text == nil ? "give TEXT or --text-file" : "give TEXT or --text-file, not both")
            }
            if let text, text.isEmpty { throw ValidationError("TEXT must not be empty") }
        }

        func execute(_ api: API) async throws {
            let message = try text ?? ContainerArgs.readText(textFile!, what: "message", maxBytes: 100_000)
            guard !message.isEmpty else { throw CLIFailure.usage("the message is empty") }
            let (reply, answer) = try await api.answer("POST", API.container("/ipc/follow-up"),
                                                       body: ContainerWire.FollowUpRequest(group: group, text: message),
                                                       org: orgOption.org, as: ContainerWire.FollowUpDelivered.self)
            if global.json { return print(reply.text) }
            print("delivered to \(group): \(answer.file)")
        }
    }

    struct ContainerClose: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "close", abstract: "Ask a group's running agent to finish (writes input/_close).",
            discussion: """
                An agent that waits for follow-up messages (as NanoClaw's does) ends its run when it sees the \
                close marker (POST /api/v1/container/ipc/close).
                """)
        @OptionGroup var orgOption: ContainerOrgOption
        @Option(help: ArgumentHelp("The group (namespace) to close.", valueName: "group")) var group: String
        @OptionGroup var global: GlobalOptions

        func validate() throws { try ContainerArgs.group(group) }

        func execute(_ api: API) async throws {
            let (reply, _) = try await api.answer("POST", API.container("/ipc/close"), body: ContainerWire.GroupRequest(group: group),
                                                  org: orgOption.org, as: ContainerWire.Closed.self)
            if global.json { return print(reply.text) }
            print("closed \(group)")
        }
    }
}
