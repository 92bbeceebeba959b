import ClawCore
import ClawStore

/// An instance's status in the ClawHosters dialect and the power actions it allows (seed 002's
/// table): running F/T/T · stopped T/F/F · paused, provisioning, error, deleting F/F/F.
enum HostersStatus: String, Sendable, CaseIterable {
    case provisioning, running, stopped, paused, error, deleting

    init(_ instance: Instance, deleting: Bool) {
        switch instance.status {
        case .pending, .provisioning: self = .provisioning
        case .running: self = .running
        case .stopped: self = instance.stopReason == .expired ? .paused : .stopped
        case .failed: self = .error
        case .deleted: self = .deleting
        }
        if deleting { self = .deleting }
    }

    init(_ record: HostersInstanceRecord) { self.init(record.instance, deleting: record.deleting) }

    var canStart: Bool { self == .stopped }
    var canStop: Bool { self == .running }
    var canRestart: Bool { self == .running }
}
