import ArgumentParser
import ClawClient
import ClawCore
import ClawWire
import Foundation

extension ClawctlCommand {
    struct ChannelCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "channel", abstract: "Channels: connect an org's Telegram or WhatsApp bot, chats, messages.",
            discussion: """
                Every command acts for one org (--org, the X-Clawd-Org header). Tokens and secrets are \
                read from files (or - for stdin), never from the command line; answers show only their \
                last four characters.
                """,
            subcommands: [
                ChannelList.self, ChannelShow.self, ChannelConnect.self, ChannelValidate.self, ChannelDisconnect.self,
                ChannelChats.self, ChannelMessages.self, ChannelSend.self, ChannelAllowlist.self,
            ])
    }
}

extension API {
    /// `/api/v1/channels` + `path`.
    static func channels(_ path: String) -> String { "/api/v1/channels" + path }
}

enum ChannelArgs {
    static func platform(_ name: String) throws {
        guard ChannelPlatform(rawValue: name) != nil else {
            throw ValidationError("NAME must be telegram, whatsapp, slack or discord")
        }
    }

    static func jid(_ text: String) throws {
        do { _ = try ChatJID.parse(text) } catch { throw ValidationError("JID: \(error.message)") }
    }

    static func printChannel(_ c: ChannelWire.Channel) {
        var f = Fields()
        f.add("channel", c.name)
        f.add("status", c.status)
        f.add("since", c.since.map(Format.time) ?? "-")
        if c.status == "connecting" { f.add("attempts", "\(c.attempts)") }
        f.add("last error", Format.text(c.lastError))
        for (k, v) in c.identity.sorted(by: { $0.key < $1.key }) { f.add(k, Format.text(v)) }
        for (k, v) in c.configured.sorted(by: { $0.key < $1.key }) { f.add(k, v) }
        f.print()
    }
}

extension ClawctlCommand.ChannelCommand {
    struct ChannelList: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every platform and its connection.")
        @OptionGroup var orgOption: ContainerOrgOption
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, list) = try await api.answer("GET", API.channels(""), org: orgOption.org, as: [ChannelWire.Channel].self)
            if global.json { return print(reply.text) }
            var table = Table("CHANNEL", "STATUS", "SINCE", "LAST ERROR")
            for c in list { table.add([c.name, c.status, c.since.map(Format.time) ?? "-", Format.text(c.lastError)]) }
            table.print()
        }
    }

    struct ChannelShow: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One platform's connection.")
        @Argument(help: ArgumentHelp("telegram, whatsapp, slack or discord.", valueName: "name")) var name: String
        @OptionGroup var orgOption: ContainerOrgOption
        @OptionGroup var global: GlobalOptions

        func validate() throws { try ChannelArgs.platform(name) }

        func execute(_ api: API) async throws {
            let (reply, c) = try await api.answer("GET", API.channels("/\(name)"), org: orgOption.org, as: ChannelWire.Channel.self)
            if global.json { return print(reply.text) }
            ChannelArgs.printChannel(c)
        }
    }

    struct ChannelDisconnect: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "disconnect", abstract: "Stop and forget a platform's connection.")
        @Argument(help: ArgumentHelp("telegram or whatsapp.", valueName: "name")) var name: String
        @OptionGroup var orgOption: ContainerOrgOption
        @OptionGroup var global: GlobalOptions

        func validate() throws { try ChannelArgs.platform(name) }

        func execute(_ api: API) async throws {
            let reply = try await api.call("POST", API.channels("/\(name)/disconnect"), org: orgOption.org)
            if global.json { return print(reply.text) }
            print("\(name) disconnected")
        }
    }
}
