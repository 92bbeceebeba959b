import Synchronization

/// One lock per string key, held across awaits: requests with the same `Idempotency-Key` of
/// the same org run one after the other, so the second finds the first's stored answer.
public final class KeyedLocks: Sendable {
    private let waiters = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    public init() {}

    /// Returns once the caller holds `key`; pair with `release(key)`.
    func acquire(_ key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = waiters.withLock { table -> Bool in
                guard table[key] != nil else {
                    table[key] = []
                    return true
                }
                table[key]!.append(continuation)
                return false
            }
            if free { continuation.resume() }
        }
    }

    /// Hands `key` to the next waiter, or frees it.
    func release(_ key: String) {
        let next = waiters.withLock { table -> CheckedContinuation<Void, Never>? in
            guard var queue = table[key], !queue.isEmpty else {
                table[key] = nil
                return nil
            }
            let first = queue.removeFirst()
            table[key] = queue
            return first
        }
        next?.resume()
    }

    var heldCount: Int { waiters.withLock { $0.count } }
}
