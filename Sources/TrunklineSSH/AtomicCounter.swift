import Foundation

/// A thread-safe, monotonically increasing counter.
final class AtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: UInt64 = 0

    /// Increments the counter and returns the new value.
    func increment() -> UInt64 {
        lock.withLock {
            value += 1
            return value
        }
    }
}
