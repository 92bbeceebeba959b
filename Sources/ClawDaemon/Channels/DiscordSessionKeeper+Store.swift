import ClawStore

/// The channel row keeps the Discord session (a write that fails leaves the old one: the next
/// resume is refused with op 9 and the connector identifies afresh).
extension ChannelStore: DiscordSessionKeeper {
    func discordSession(channelID: String) async -> GatewaySession? {
        try? await gatewaySession(channelID: channelID)
    }

    func discordSessionBegan(channelID: String, _ session: GatewaySession?) async {
        try? await setGatewaySession(channelID: channelID, session)
    }
}
