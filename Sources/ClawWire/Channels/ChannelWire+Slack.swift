import ClawCore
import Foundation

extension ChannelWire {
    /// `POST /channels/slack/connect|validate`: the bot token (`xoxb-…`, Web API) and the
    /// app-level token (`xapp-…`, Socket Mode).
    public struct SlackRequest: ContainerWire.CheckedRequest, Equatable {
        public var botToken: String
        public var appToken: String

        public init(botToken: String, appToken: String) {
            self.botToken = botToken
            self.appToken = appToken
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case botToken, appToken }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            botToken = try c.decode(String.self, forKey: .botToken)
            appToken = try c.decode(String.self, forKey: .appToken)
        }

        public func validate() throws(ClawError) {
            try ChannelWire.secret(botToken, "botToken")
            try ChannelWire.secret(appToken, "appToken")
            guard appToken.hasPrefix("xapp-") else {
                throw ClawError(.invalidArgument, "'appToken' must be an app-level token (xapp-…) with connections:write", param: "appToken")
            }
        }
    }
}
