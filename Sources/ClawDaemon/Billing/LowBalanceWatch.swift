import ClawCore
import ClawStore
import Logging
import ServiceLifecycle
import Synchronization

/// Time alone can make a balance "low": an instance enters the 7-day horizon of
/// `billing.low_balance` at `paidUntil - 7 days` with no request or charge to notice it. This
/// keeps one such moment per live instance in a deadline queue (loaded at boot, re-armed by every
/// commit, the same mechanism as `DeadlineService`) and re-checks the org when it comes. At boot
/// every moment already past fires at once: that is the boot check. Charges and expiry/retention
/// check in their own transactions (`InstanceService`).
public final class LowBalanceWatch: Service, Sendable {
    let instances: InstanceService
    private let queue = Mutex(DeadlineQueue())
    private let orgs = Mutex<[String: String]>([:])
    private let wakeup = Wakeup()
    private let logger = Logger(label: "clawd.billing")

    public init(instances: InstanceService) { self.instances = instances }

    /// Arms the horizon moment of every live instance.
    public func load() throws(ClawError) {
        let rows = try instances.store.instancesToConverge()
        for i in rows { arm(i) }
        wakeup.signal()
    }

    /// The `onCommit` hook: a change to an instance may move its `paidUntil` or end it. Changes
    /// without effects (e.g. this watch's own events) are skipped.
    public func handle(_ change: CommittedChange) {
        guard !change.effects.isEmpty else { return }
        arm(change.instance)
        wakeup.signal()
    }

    private func arm(_ i: Instance) {
        let key = DeadlineQueue.Key(instanceID: i.id, kind: .expiry)
        if let at = LowBalance.checkAt(i) {
            orgs.withLock { $0[i.id] = i.orgID }
            queue.withLock { $0.arm(key, at: at) }
        } else {
            queue.withLock { $0.disarm(key) }
            _ = orgs.withLock { $0.removeValue(forKey: i.id) }
        }
    }

    public func run() async {
        await wakeup.runDeadlines(next: { self.queue.withLock { $0.peek()?.at } }, fireDue: { self.fireDue() })
    }

    /// One check per org, however many of its instances came due together (boot catch-up).
    func fireDue() {
        let due = queue.withLock { $0.popDue(now: .now()) }
        guard !due.isEmpty else { return }
        let orgIDs = orgs.withLock { map in Set(due.compactMap { map[$0.key.instanceID] }) }
        for orgID in orgIDs.sorted() {
            do {
                if try instances.checkLowBalance(orgID: orgID) {
                    logger.notice("low balance", metadata: ["org": "\(orgID)"])
                }
            } catch {
                logger.error("low balance check failed", metadata: ["org": "\(orgID)", "error": "\(error)"])
            }
        }
    }
}
