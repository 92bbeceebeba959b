import Foundation
import Logging

/// The leader Lease `clawd-leader`: a daemon takes it before it writes, renews it while it runs
/// and stops when it loses it. Decisions are `LeaseRules`'; this type does the calls.
public struct LeaderLease: Sendable {
    public static let name = "clawd-leader"

    let api: any KubernetesAPI
    public let rules: LeaseRules
    let logger = Logger(label: "clawd.lease")
    let now: @Sendable () -> Date

    public init(api: any KubernetesAPI, rules: LeaseRules, now: @escaping @Sendable () -> Date = { Date() }) {
        self.api = api
        self.rules = rules
        self.now = now
    }

    /// Returns once this contender holds the Lease; meanwhile logs who holds it and retries.
    public func acquire() async throws {
        var lastHolder: String?
        while true {
            try Task.checkCancellation()
            switch try await attempt() {
            case .held:
                logger.notice("leader lease acquired", metadata: ["identity": "\(rules.identity)"])
                return
            case .heldBy(let holder, let until):
                if holder != lastHolder {
                    logger.notice("waiting for the leader lease held by \(holder)", metadata: ["holder": "\(holder)"])
                    lastHolder = holder
                }
                let wait = max(0.2, min(until.timeIntervalSince(now()), rules.renewEvery.seconds))
                try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            case .contended:
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// Renews every `renewEvery` until cancelled; throws `LeaseLost` once another contender holds
    /// the Lease, or once renewals failed for as long as the Lease lasts.
    public func keep() async throws {
        var renewed = now()
        while true {
            try await Task.sleep(for: rules.renewEvery)
            do {
                switch try await attempt() {
                case .held: renewed = now()
                case .heldBy(let holder, _): throw LeaseLost(holder: holder)
                case .contended: break
                }
            } catch let lost as LeaseLost {
                throw lost
            } catch is CancellationError {
                return
            } catch {
                logger.warning("cannot renew the leader lease", metadata: ["error": "\(error)"])
            }
            guard rules.stillLeader(renewed: renewed, now: now()) else { throw LeaseLost(holder: nil) }
        }
    }

    enum Outcome: Equatable {
        case held
        case heldBy(String, until: Date)
        /// Another write came first (409): read again.
        case contended
    }

    /// One read and, when the rules say so, one write.
    func attempt() async throws -> Outcome {
        let lease = try await api.get(Lease.self, name: Self.name)
        let t = now()
        let view = lease.map { l in
            LeaseView(holder: l.spec?.holderIdentity, renewTime: l.spec?.renewTime.flatMap(LeaseSpec.parseTime),
                      durationSeconds: l.spec?.leaseDurationSeconds)
        }
        do {
            switch rules.decide(view, now: t) {
            case .wait(let holder, let until):
                return .heldBy(holder, until: until)
            case .create:
                _ = try await api.create(Lease(metadata: ObjectMeta(name: Self.name, namespace: api.namespace),
                                               spec: spec(acquired: t, transitions: 0, now: t)))
            case .take:
                var taken = lease!
                taken.spec = spec(acquired: t, transitions: (lease?.spec?.leaseTransitions ?? 0) + 1, now: t)
                _ = try await api.replace(taken)
            case .renew:
                var renewed = lease!
                renewed.spec?.renewTime = LeaseSpec.microTime(t)
                renewed.spec?.leaseDurationSeconds = rules.durationSeconds
                _ = try await api.replace(renewed)
            }
            return .held
        } catch let error as KubeAPIError where error.isConflict {
            return .contended
        }
    }

    func spec(acquired: Date, transitions: Int, now: Date) -> LeaseSpec {
        LeaseSpec(holderIdentity: rules.identity, leaseDurationSeconds: rules.durationSeconds,
                  acquireTime: LeaseSpec.microTime(acquired), renewTime: LeaseSpec.microTime(now),
                  leaseTransitions: transitions)
    }
}

/// The leader Lease went to another contender (or could not be renewed in time).
public struct LeaseLost: Error, CustomStringConvertible {
    public var holder: String?
    public var description: String {
        holder.map { "the leader lease is held by \($0) now" } ?? "the leader lease could not be renewed in time"
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
