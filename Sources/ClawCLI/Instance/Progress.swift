import ClawClient
import ClawWire
import Foundation

/// Follows an action until its operation finishes: every status change of the instance is one
/// line (with the time since the start); on a terminal a spinner line shows the current state.
/// Progress goes to stderr, so stdout keeps only the answer (`--json` stays parseable).
struct Progress {
    var api: API
    var instanceID: String
    var operationID: String?
    var timeout: Duration

    static let spinner = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")

    /// Returns the instance's answer once the operation succeeded; throws when it failed or timed out.
    func run(initialStatus: String?) async throws -> ClawClient.Reply {
        let started = ContinuousClock.now
        let live = Terminal.stderrIsTTY
        var last = initialStatus
        var tick = 0
        if let last { emit("\(instanceID): \(last)", started: started, live: live) }
        let path = "/v1/claw/instances/\(API.segment(instanceID))"
        while true {
            // Without an operation there is nothing to follow: the first look is the answer.
            var finished = operationID == nil
            var failure: OperationDTO?
            if let operationID {
                let reply = try await api.call("GET", "/v1/operations/\(API.segment(operationID))/wait?timeout=1",
                                               accept: [408])
                let op = try reply.decode(OperationDTO.self)
                if reply.status == 200 {
                    finished = true
                    if op.status == "failed" { failure = op }
                }
            }
            let current = try await api.call("GET", path)
            let status: String? = try current.decode(ClawInstanceDTO.self).status
            if status != last {
                emit("\(instanceID): \(last ?? "?") → \(status ?? "?")", started: started, live: live)
                last = status
            }
            if finished {
                if live { Terminal.writeError("\r\u{1B}[K") }
                if let failure {
                    throw CLIFailure.failed("operation \(operationID ?? "?") failed: \(Format.text(failure.error))")
                }
                return current
            }
            if ContinuousClock.now - started > timeout {
                if live { Terminal.writeError("\r\u{1B}[K") }
                throw CLIFailure.failed("timed out after \(Format.elapsed(timeout)): \(instanceID) is \(last ?? "?"), "
                    + "operation \(operationID ?? "-") still running (see clawctl instance wait)")
            }
            if live {
                tick += 1
                let frame = Self.spinner[tick % Self.spinner.count]
                Terminal.writeError("\r\u{1B}[K\(frame) \(last ?? "?")  \(Format.elapsed(ContinuousClock.now - started))")
            }
        }
    }

    func emit(_ line: String, started: ContinuousClock.Instant, live: Bool) {
        let elapsed = Format.elapsed(ContinuousClock.now - started)
        Terminal.writeError((live ? "\r\u{1B}[K" : "") + "\(line)  (\(elapsed))\n")
    }
}
