import Foundation

/// A non-blocking TCP connection in progress (`getaddrinfo`, `socket`, `connect`).
final class SocketConnector {
    /// The socket being connected.
    let descriptor: Int32
    /// True when `connect` completed at once (loopback often does).
    let isConnected: Bool
    private let host: String
    private let port: Int
    private var owned = true

    /// Resolves `host` and starts connecting to the first address that accepts a socket.
    init(host: String, port: Int) throws {
        self.host = host
        self.port = port
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            throw SSHError(
                .unreachable, host: host, message: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(results) }
        var lastError: Int32 = 0
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            let descriptor = socket(
                address.pointee.ai_family,
                Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else { lastError = errno; continue }
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                self.descriptor = descriptor
                isConnected = true
                return
            }
            lastError = errno
            if lastError == EINPROGRESS {
                self.descriptor = descriptor
                isConnected = false
                return
            }
            close(descriptor)
        }
        throw Self.failure(host: host, port: port, errorNumber: lastError)
    }

    /// After the socket became writable: the connected descriptor, or why connecting failed.
    func finish() throws -> Int32 {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
        guard error == 0 else {
            abandon()
            throw Self.failure(host: host, port: port, errorNumber: error)
        }
        owned = false
        return descriptor
    }

    /// Closes the socket of a connection that is given up.
    func abandon() {
        guard owned else { return }
        owned = false
        close(descriptor)
    }

    private static func failure(host: String, port: Int, errorNumber: Int32) -> SSHError {
        SSHError(
            .unreachable, host: host,
            message: "cannot connect to port \(port): \(String(cString: strerror(errorNumber)))")
    }
}
