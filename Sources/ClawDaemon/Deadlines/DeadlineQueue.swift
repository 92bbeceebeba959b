import ClawCore

/// The armed deadlines: at most one per subject, earliest first. A binary min-heap with lazy
/// deletion: re-arming or disarming only updates `current`; stale heap entries are skipped.
struct DeadlineQueue<Subject: Hashable & Comparable & Sendable>: Sendable {
    struct Entry: Sendable, Equatable {
        var at: Timestamp
        var subject: Subject
    }

    private var heap: [Entry] = []
    private(set) var current: [Subject: Timestamp] = [:]

    var count: Int { current.count }

    mutating func arm(_ subject: Subject, at: Timestamp) {
        guard current[subject] != at else { return }
        current[subject] = at
        push(Entry(at: at, subject: subject))
        if heap.count > 64, heap.count > 4 * current.count { compact() }
    }

    mutating func disarm(_ subject: Subject) { current[subject] = nil }

    /// The earliest live deadline.
    mutating func peek() -> Entry? {
        while let top = heap.first {
            if current[top.subject] == top.at { return top }
            popTop()
        }
        return nil
    }

    /// Removes and returns every live deadline at or before `now`, in time order.
    mutating func popDue(now: Timestamp) -> [Entry] {
        var due: [Entry] = []
        while let top = peek(), top.at <= now {
            popTop()
            current[top.subject] = nil
            due.append(top)
        }
        return due
    }

    private mutating func push(_ e: Entry) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.less(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func popTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count, Self.less(heap[l], heap[m]) { m = l }
            if r < heap.count, Self.less(heap[r], heap[m]) { m = r }
            guard m != i else { return }
            heap.swapAt(i, m)
            i = m
        }
    }

    private mutating func compact() {
        let live = current.map { Entry(at: $0.value, subject: $0.key) }
        heap = []
        for e in live { push(e) }
    }

    /// Ties broken by the subjects' order, so firing order is deterministic.
    private static func less(_ a: Entry, _ b: Entry) -> Bool {
        a.at != b.at ? a.at < b.at : a.subject < b.subject
    }
}
