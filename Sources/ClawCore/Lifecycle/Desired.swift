/// What the runtime should converge to; written with the status in one transaction.
public enum Desired: String, Sendable, Codable, CaseIterable {
    case running, stopped, absent
}
