import Dispatch
import Foundation

/// One HTTP `GET /` on `127.0.0.1:<port>`: healthy when anything answers with an HTTP status
/// line (the process behind the port is serving). Blocking socket calls with 2 s timeouts run on
/// a dispatch queue, never on the cooperative pool.
struct HealthProber: Sendable {
    var timeoutSeconds = 2
    private static let queue = DispatchQueue(label: "clawd.engine.probe", attributes: .concurrent)

    func probe(port: Int) async -> Bool {
        let timeout = timeoutSeconds
        return await withCheckedContinuation { continuation in
            Self.queue.async { continuation.resume(returning: Self.blockingProbe(port: port, timeoutSeconds: timeout)) }
        }
    }

    static func blockingProbe(port: Int, timeoutSeconds: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return false }
        let request = Array("GET / HTTP/1.0\r\nHost: 127.0.0.1\r\nUser-Agent: clawd-probe\r\n\r\n".utf8)
        let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { return false }
        var buffer = [UInt8](repeating: 0, count: 16)
        var got = 0
        while got < 5 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + got, 16 - got, 0) }
            guard n > 0 else { break }
            got += n
        }
        return got >= 5 && Array(buffer[0..<5]) == Array("HTTP/".utf8)
    }
}
