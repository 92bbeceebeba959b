/// An amount of money in integer cents. Never a floating-point number.
public struct Cents: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var value: Int64
    public init(_ value: Int64) { self.value = value }
    public static func < (a: Cents, b: Cents) -> Bool { a.value < b.value }
    public static func + (a: Cents, b: Cents) -> Cents { Cents(a.value + b.value) }
    public static func - (a: Cents, b: Cents) -> Cents { Cents(a.value - b.value) }
    public static let zero = Cents(0)

    /// Dollars as the Claw dialect shows them (e.g. 20, 12.5); exact for any cent amount.
    public var dollars: Double { Double(value) / 100 }

    /// `$100.00`, for humans.
    public var description: String {
        let sign = value < 0 ? "-" : ""
        let a = value.magnitude
        let c = a % 100
        return "\(sign)$\(a / 100).\(c < 10 ? "0" : "")\(c)"
    }
}
