import Foundation
import ClawStore

extension BusinessMetrics {
    /// The Prometheus text exposition of these samples (appended to the registry's series).
    var prometheusText: String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ labels: [String], _ samples: [Sample]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for s in samples {
                let pairs = zip(labels, s.labels).map { "\($0)=\"\(Self.escape($1))\"" }.joined(separator: ",")
                out += pairs.isEmpty ? "\(name) \(s.value)\n" : "\(name){\(pairs)} \(s.value)\n"
            }
        }
        family("clawd_instances", "gauge", "Instances by status.", ["status"], instances)
        family("clawd_runs", "gauge", "Agent runs by status.", ["status"], runs)
        family("clawd_balance_cents", "gauge", "Sum of every org's balance, in cents.", [], [.init(labels: [], value: balanceCents)])
        family("clawd_channel_connections", "gauge", "Channel connections by platform and status.", ["platform", "status"],
               channelConnections)
        family("clawd_operations_total", "counter", "Finished operations by kind and outcome.", ["kind", "outcome"],
               operationsFinished)
        family("clawd_operations_open", "gauge", "Operations pending or running, by kind.", ["kind"], operationsOpen)
        family("clawd_channel_messages_total", "counter", "Channel messages by platform and direction (in, out).",
               ["platform", "direction"], channelMessages)
        return out
    }

    /// Label values escape backslash, double quote and newline.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
