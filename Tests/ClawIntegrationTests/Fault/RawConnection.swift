import Foundation

/// A plain TCP connection to 127.0.0.1 for requests no HTTP client would send: idle or
/// byte-by-byte connections, oversized headers, raw invalid bytes.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard ok else {
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends `bytes`; false when the peer has closed the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// The status code of the answer's first line; nil when the connection closed (or stayed
    /// silent for 10 s) without one.
    func status() -> Int? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var got: [UInt8] = []
        while !got.contains(UInt8(ascii: "\n")) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n <= 0 { break }
            got += buffer[0..<n]
        }
        let line = String(decoding: got.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        let parts = line.split(separator: " ")
        return parts.count >= 2 && parts[0].hasPrefix("HTTP/") ? Int(parts[1]) : nil
    }

    /// One request with `body` (Content-Length set) and its status.
    static func request(port: Int, _ method: String, _ path: String, headers: [String] = [], body: [UInt8] = []) throws -> Int? {
        let c = try RawConnection(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for h in headers { head += h + "\r\n" }
        if !body.isEmpty || method != "GET" { head += "Content-Length: \(body.count)\r\nContent-Type: application/json\r\n" }
        guard c.send(head + "\r\n") else { return nil }
        if !body.isEmpty { _ = c.send(body) }
        return c.status()
    }
}
