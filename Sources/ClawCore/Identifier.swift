/// Random, URL-safe, lowercase identifiers such as `c` + 24 base36 characters.
public enum Identifier {
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")

    /// `prefix` followed by `length` random base36 characters from the system CSPRNG.
    public static func make(prefix: String, length: Int = 24) -> String {
        var rng = SystemRandomNumberGenerator()
        var out = prefix
        out.reserveCapacity(prefix.count + length)
        for _ in 0..<length { out.append(alphabet[Int(rng.next(upperBound: UInt64(alphabet.count)))]) }
        return out
    }

    /// Lowercase hex of `bytes` (digests, secrets, tokens).
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return out
    }

    /// `count` bytes from the system CSPRNG.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
    }
}
