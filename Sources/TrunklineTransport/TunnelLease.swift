import Foundation

/// A tunnel a host holds on a bastion session: it ends once the channel is gone and the pool
/// has taken it back (closing the bastion session if it was the last). Closing a host waits
/// for that, so that no bastion session is still closing when the process exits.
final class TunnelLease: @unchecked Sendable {
    private let lock = NSLock()
    private var isOver = false
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter: UInt64 = 0

    /// Marks the lease over and wakes everyone waiting.
    func end() {
        let woken = lock.withLock {
            isOver = true
            defer { waiters = [:] }
            return Array(waiters.values)
        }
        woken.forEach { $0.resume() }
    }

    /// Returns once the lease is over, or after `timeout` (a bastion that stopped answering
    /// cannot hold up closing).
    func wait(atMost timeout: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiter: UInt64? = lock.withLock {
                guard !isOver else { return nil }
                nextWaiter += 1
                waiters[nextWaiter] = continuation
                return nextWaiter
            }
            guard let waiter else { return continuation.resume() }
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
                lock.withLock { waiters.removeValue(forKey: waiter) }?.resume()
            }
        }
    }
}
