import ClawCore
import Metrics

/// How late a deadline fired compared with its time: the histogram `clawd_deadline_lag_seconds`
/// (by kind). The timer's promise is "within 1 s"; catch-up at boot after downtime shows here too.
enum DeadlineLag {
    static let label = "clawd_deadline_lag_seconds"

    /// Milliseconds from `deadline` to `firedAt`; never negative.
    static func millis(deadline: Timestamp, firedAt: Timestamp) -> Int64 {
        max(0, firedAt.millis - deadline.millis)
    }

    static func record(kind: String, deadline: Timestamp, firedAt: Timestamp = .now()) {
        Metrics.Timer(label: label, dimensions: [("kind", kind)])
            .recordNanoseconds(millis(deadline: deadline, firedAt: firedAt) * 1_000_000)
    }
}
