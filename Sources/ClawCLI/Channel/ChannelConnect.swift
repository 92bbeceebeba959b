import ArgumentParser
import ClawCore
import ClawWire
import Foundation

/// The secrets of `connect` and `validate`, each from a file (or `-` for stdin).
struct ChannelSecretOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Telegram, Slack (xoxb-…), Discord: the file holding the bot token.", valueName: "file"))
    var tokenFile: String?
    @Option(help: ArgumentHelp("Slack: the file holding the app-level token (xapp-…, Socket Mode).", valueName: "file"))
    var appTokenFile: String?
    @Option(help: ArgumentHelp("WhatsApp: the phone number id.", valueName: "id")) var phoneNumberId: String?
    @Option(help: ArgumentHelp("WhatsApp: the file holding the access token.", valueName: "file")) var accessTokenFile: String?
    @Option(help: ArgumentHelp("WhatsApp: the file holding the app secret.", valueName: "file")) var appSecretFile: String?
    @Option(help: ArgumentHelp("WhatsApp: the file holding the webhook verify token.", valueName: "file")) var verifyTokenFile: String?

    func check(_ platform: String) throws {
        switch platform {
        case "whatsapp":
            guard phoneNumberId != nil, accessTokenFile != nil, appSecretFile != nil, verifyTokenFile != nil else {
                throw ValidationError("whatsapp needs --phone-number-id, --access-token-file, --app-secret-file and --verify-token-file")
            }
            let stdin = [accessTokenFile, appSecretFile, verifyTokenFile].filter { $0 == "-" }.count
            guard stdin <= 1 else { throw ValidationError("only one secret can come from stdin (-)") }
        case "slack":
            guard tokenFile != nil, appTokenFile != nil else {
                throw ValidationError("slack needs --token-file (bot token, xoxb-…) and --app-token-file (xapp-…)")
            }
            guard tokenFile != "-" || appTokenFile != "-" else { throw ValidationError("only one secret can come from stdin (-)") }
        default:
            guard tokenFile != nil else { throw ValidationError("\(platform) needs --token-file FILE (or - for stdin)") }
        }
    }

    /// The request body, secrets read now (at most 4 KiB each).
    func body(_ platform: String) throws -> Data {
        func read(_ path: String?, _ what: String) throws -> String {
            try ContainerArgs.readText(path ?? "-", what: what, maxBytes: 4096)
        }
        if platform == "whatsapp" {
            return try Wire.encode(ChannelWire.WhatsAppRequest(
                phoneNumberId: phoneNumberId ?? "", accessToken: try read(accessTokenFile, "access token"),
                appSecret: try read(appSecretFile, "app secret"), verifyToken: try read(verifyTokenFile, "verify token")))
        }
        if platform == "slack" {
            return try Wire.encode(ChannelWire.SlackRequest(botToken: try read(tokenFile, "bot token"),
                                                            appToken: try read(appTokenFile, "app token")))
        }
        return try Wire.encode(ChannelWire.BotTokenRequest(botToken: try read(tokenFile, "bot token")))
    }
}

extension ClawctlCommand.ChannelCommand {
    struct ChannelConnect: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "connect", abstract: "Connect the org's bot (checked with the platform first).",
            discussion: """
                clawctl channel connect telegram --org ORG --token-file ~/bot.token
                clawctl channel connect slack --org ORG --token-file bot.token --app-token-file app.token
                clawctl channel connect discord --org ORG --token-file - < bot.token
                clawctl channel connect whatsapp --org ORG --phone-number-id 1098… --access-token-file a \
                --app-secret-file s --verify-token-file v
                """)
        @Argument(help: ArgumentHelp("telegram, whatsapp, slack or discord.", valueName: "name")) var name: String
        @OptionGroup var secrets: ChannelSecretOptions
        @OptionGroup var orgOption: ContainerOrgOption
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try ChannelArgs.platform(name)
            try secrets.check(name)
        }

        func execute(_ api: API) async throws {
            let reply = try await api.send("POST", API.channels("/\(name)/connect"), json: try secrets.body(name),
                                           org: orgOption.org, timeout: .seconds(60), accept: [])
            if global.json { return print(reply.text) }
            ChannelArgs.printChannel(try reply.decode(ChannelWire.Channel.self))
        }
    }

    struct ChannelValidate: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "validate", abstract: "Check credentials with the platform; stores nothing (exit 2 when refused).")
        @Argument(help: ArgumentHelp("telegram, whatsapp, slack or discord.", valueName: "name")) var name: String
        @OptionGroup var secrets: ChannelSecretOptions
        @OptionGroup var orgOption: ContainerOrgOption
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try ChannelArgs.platform(name)
            try secrets.check(name)
        }

        func execute(_ api: API) async throws {
            let reply = try await api.send("POST", API.channels("/\(name)/validate"), json: try secrets.body(name),
                                           org: orgOption.org, timeout: .seconds(60), accept: [])
            if global.json { return print(reply.text) }
            let v = try reply.decode(ChannelWire.Validated.self)
            print("valid: " + v.identity.sorted { $0.key < $1.key }.map { "\($0.key)=\(Format.text($0.value))" }.joined(separator: " "))
        }
    }
}
