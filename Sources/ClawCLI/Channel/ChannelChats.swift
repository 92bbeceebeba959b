import ArgumentParser
import ClawClient
import ClawCore
import ClawWire
import Foundation

extension ClawctlCommand.ChannelCommand {
    struct ChannelChats: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "chats", abstract: "Chats seen; those of no group (namespace -) can be registered through a group's chatJids.")
        @OptionGroup var orgOption: ContainerOrgOption
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, chats) = try await api.answer("GET", API.channels("/chats"), org: orgOption.org, as: [ChannelWire.Chat].self)
            if global.json { return print(reply.text) }
            var table = Table("JID", "NAME", "GROUP", "LAST MESSAGE")
            for c in chats {
                table.add([c.jid, Format.text(c.name), c.namespace ?? "-", c.lastMessageAt.map(Format.time) ?? "-"])
            }
            table.print()
        }
    }

    struct ChannelMessages: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "messages", abstract: "A chat's stored messages, newest first.")
        @Argument(help: ArgumentHelp("The chat: tg:<id>, wa:<phone>.", valueName: "jid")) var jid: String
        @Option(help: ArgumentHelp("At most this many, 1-500 (default 50).", valueName: "n")) var limit: Int?
        @Option(help: ArgumentHelp("Only messages older than this message id.", valueName: "id")) var before: String?
        @OptionGroup var orgOption: ContainerOrgOption
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try ChannelArgs.jid(jid)
            try ContainerArgs.limit(limit, max: 500)
        }

        func execute(_ api: API) async throws {
            let path = API.channels("/chats/\(API.segment(jid))/messages") + API.query([("limit", limit.map(String.init)), ("before", before)])
            let (reply, list) = try await api.answer("GET", path, org: orgOption.org, as: [ChannelWire.Message].self)
            if global.json { return print(reply.text) }
            var table = Table("AT", "DIR", "FROM", "STATUS", "TEXT")
            for m in list {
                table.add([Format.time(m.at), m.direction, Format.text(m.senderName), m.status,
                           Format.text(String(m.text.prefix(80)))])
            }
            table.print()
        }
    }

    struct ChannelSend: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "send", abstract: "Send a text to a chat (through the outbox).")
        @Argument(help: ArgumentHelp("The chat: tg:<id>, wa:<phone>.", valueName: "jid")) var jid: String
        @Argument(help: ArgumentHelp("The text.", valueName: "text")) var text: String
        @OptionGroup var orgOption: ContainerOrgOption
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            do { try ChannelWire.SendRequest(chatJid: jid, text: text).validate() } catch { throw ValidationError(error.message) }
        }

        func execute(_ api: API) async throws {
            let (reply, accepted) = try await api.answer("POST", API.channels("/messages"), body: ChannelWire.SendRequest(chatJid: jid, text: text),
                                                         org: orgOption.org, as: ChannelWire.SendAccepted.self)
            if global.json { return print(reply.text) }
            print("\(accepted.messageId) \(accepted.status)")
        }
    }

    struct ChannelAllowlist: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "allowlist", abstract: "Show the sender allowlist, or replace it with --set FILE (JSON, - for stdin).")
        @Option(help: ArgumentHelp("Replace it with this JSON document.", valueName: "file")) var set: String?
        @OptionGroup var orgOption: ContainerOrgOption
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let reply: ClawClient.Reply
            if let set {
                let text = try ContainerArgs.readText(set, what: "allowlist", maxBytes: 1 << 20)
                let list = try Wire.decodeBody(SenderAllowlist.self, from: Data(text.utf8))
                reply = try await api.call("PUT", API.channels("/sender-allowlist"), body: list, org: orgOption.org)
            } else {
                reply = try await api.call("GET", API.channels("/sender-allowlist"), org: orgOption.org)
            }
            print(reply.text)
        }
    }
}
