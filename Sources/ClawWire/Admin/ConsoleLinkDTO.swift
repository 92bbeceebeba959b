/// `POST /admin/console/link`: a one-time admin login link for the web console.
public struct ConsoleLinkDTO: Codable, Sendable, Equatable {
    public var url: String
    public var expiresAt: String

    public init(url: String, expiresAt: String) {
        self.url = url
        self.expiresAt = expiresAt
    }
}
