import Foundation

/// A credit package of `GET /api/v1/billing/packages` (1 Claw = 1 credit = 1 cent of balance).
/// Configured as `claw_packages: "id:claws:price_cents,…"`.
public struct ClawPackage: Sendable, Equatable, Codable {
    public var id: String
    public var claws: Int64
    /// What the package costs the buyer (paid outside clawd; the admin approves the purchase).
    public var priceCents: Int64

    public init(id: String, claws: Int64, priceCents: Int64) {
        self.id = id
        self.claws = claws
        self.priceCents = priceCents
    }

    /// "1,000 Claws".
    public var name: String {
        var digits = String(claws)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits = String(digits.dropLast(3))
        }
        return digits + out + " Claws"
    }

    /// The default list (the text of the `claw_packages` setting's default).
    public static let defaultsText = "small:1000:1000,medium:5000:4500,large:10000:8500"
    public static let defaults: [ClawPackage] = try! parse(defaultsText)

    /// Parses `id:claws:price_cents` entries separated by commas; ids are 1-32 chars of
    /// `[a-z0-9_-]`, unique; claws from 1, prices from 0. Empty text is no packages.
    public static func parse(_ text: String) throws(ClawError) -> [ClawPackage] {
        var out: [ClawPackage] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else {
                throw ClawError(.config, "'\(entry)' is not id:claws:price_cents")
            }
            let id = parts[0]
            guard (1...32).contains(id.count), !id.hasPrefix("-"),
                  id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_-".unicodeScalars.contains($0) }) else {
                throw ClawError(.config, "package id '\(id)' must be 1-32 chars of [a-z0-9_-]")
            }
            guard let claws = Int64(parts[1]), (1...1_000_000_000).contains(claws) else {
                throw ClawError(.config, "claws of '\(id)' must be a whole number from 1 to 1000000000")
            }
            guard let price = Int64(parts[2]), (0...1_000_000_000).contains(price) else {
                throw ClawError(.config, "price_cents of '\(id)' must be a whole number from 0 to 1000000000")
            }
            guard !out.contains(where: { $0.id == id }) else { throw ClawError(.config, "package id '\(id)' appears twice") }
            out.append(ClawPackage(id: id, claws: claws, priceCents: price))
        }
        return out
    }
}
