import Foundation

/// A bound `AF_UNIX` datagram socket standing in for systemd's `NOTIFY_SOCKET` in tests.
public final class NotifySocket: @unchecked Sendable {
    public let path: String
    private let fd: Int32
    private let lock = NSLock()
    private var received: [String] = []

    public init(path: String) throws {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        precondition(bytes.count < MemoryLayout.size(ofValue: addr.sun_path), "notify socket path too long")
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in for (i, b) in bytes.enumerated() { raw[i] = b } }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else { close(fd); throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Every datagram received so far, one string each (lines joined by `\n`).
    public var messages: [String] {
        drain()
        return lock.withLock { received }
    }

    /// Every `KEY=value` line received so far, in order.
    public var lines: [String] { messages.flatMap { $0.split(separator: "\n").map(String.init) } }

    /// Polls until `count` lines equal to `line` arrived; false after `timeout`.
    public func waitFor(line: String, count: Int, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if lines.filter({ $0 == line }).count >= count { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return lines.filter { $0 == line }.count >= count
    }

    /// Polls until a line equal to `line` arrived; false after `timeout`.
    public func waitFor(line: String, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if lines.contains(line) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return lines.contains(line)
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            guard n > 0 else { return }
            let text = String(decoding: buffer[0..<n], as: UTF8.self)
            lock.withLock { received.append(text) }
        }
    }
}
