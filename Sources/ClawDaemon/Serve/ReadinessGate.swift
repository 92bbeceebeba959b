/// Calls `onReady` once, when every expected listener has reported that it is up.
actor ReadinessGate {
    private var pending: Set<String>
    private let onReady: @Sendable () async -> Void
    private(set) var isReady = false

    init(expecting names: Set<String>, onReady: @escaping @Sendable () async -> Void) {
        self.pending = names
        self.onReady = onReady
    }

    func up(_ name: String) async {
        pending.remove(name)
        if pending.isEmpty, !isReady {
            isReady = true
            await onReady()
        }
    }
}
