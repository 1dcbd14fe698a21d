import Foundation

/// A loopback port that accepts TCP connections (the kernel completes them from the backlog)
/// and never says a word: an SSH client waits there for a handshake that never comes.
public final class SilentListener {
    /// The listening port on 127.0.0.1.
    public let port: Int
    private let descriptor: Int32

    public init() {
        (descriptor, port) = LocalCommand.loopbackSocket()
        listen(descriptor, 8)
    }

    deinit {
        close(descriptor)
    }
}
