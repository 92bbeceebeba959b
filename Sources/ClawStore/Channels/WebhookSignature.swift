import Crypto
import Foundation

/// Meta's `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`, checked in
/// constant time.
public enum WebhookSignature {
    public static func header(body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    public static func matches(_ presented: String?, body: Data, secret: String) -> Bool {
        guard let presented, presented.hasPrefix("sha256=") else { return false }
        let hex = Array(presented.dropFirst(7).lowercased().utf8)
        guard hex.count == 64 else { return false }
        var bytes: [UInt8] = []
        var i = 0
        while i < 64 {
            guard let b = UInt8(String(decoding: hex[i..<i + 2], as: UTF8.self), radix: 16) else { return false }
            bytes.append(b)
            i += 2
        }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
    }

    /// Equal strings, compared in time that depends on the length only.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
