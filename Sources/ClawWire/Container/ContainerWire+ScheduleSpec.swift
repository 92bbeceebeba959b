import ClawCore

extension ContainerWire {
    /// When a schedule fires: `{"type": "cron"|"interval"|"once", "value": text or milliseconds}`.
    public struct ScheduleSpec: Codable, Sendable, Equatable {
        public var type: String
        public var value: Value

        /// A schedule's value: cron text or an ISO time, or an interval's milliseconds (a number
        /// in answers; a request may send either).
        public enum Value: Codable, Sendable, Equatable {
            case text(String)
            case number(Int64)

            public var text: String {
                switch self {
                case .text(let s): s
                case .number(let n): String(n)
                }
            }

            public init(from decoder: any Decoder) throws {
                switch try JSONValue(from: decoder) {
                case .string(let s): self = .text(s)
                case .int(let n): self = .number(n)
                case .double(let d) where d.rounded() == d && abs(d) < 9e15: self = .number(Int64(d))
                case .null:
                    throw DecodingError.valueNotFound(String.self, .init(codingPath: decoder.codingPath, debugDescription: "null"))
                default:
                    throw DecodingError.dataCorrupted(.init(
                        codingPath: decoder.codingPath, debugDescription: "not a string or a whole number",
                        underlyingError: WireFieldError("must be a string or a whole number")))
                }
            }

            public func encode(to encoder: any Encoder) throws {
                var c = encoder.singleValueContainer()
                switch self {
                case .text(let s): try c.encode(s)
                case .number(let n): try c.encode(n)
                }
            }
        }

        public init(type: String, value: Value) {
            self.type = type
            self.value = value
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case type, value }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            type = try c.decode(String.self, forKey: .type)
            value = try c.decode(Value.self, forKey: .value)
        }

        /// As answered: an interval's value is its milliseconds.
        public init(_ schedule: RunSchedule) {
            type = schedule.type
            value = if case .interval(let ms) = schedule { .number(ms) } else { .text(schedule.value) }
        }
    }

    /// A schedule's `containerConfig`: its runs' timeout in seconds (0: none).
    public struct ScheduleConfig: Codable, Sendable, Equatable {
        public var timeoutSecs: Int?

        public init(timeoutSecs: Int?) { self.timeoutSecs = timeoutSecs }

        enum CodingKeys: String, CodingKey, CaseIterable { case timeoutSecs }

        public init(from decoder: any Decoder) throws {
            timeoutSecs = try decoder.strictContainer(keyedBy: CodingKeys.self).decodeIntegerIfPresent(forKey: .timeoutSecs)
        }
    }
}
