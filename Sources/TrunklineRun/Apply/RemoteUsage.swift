import Foundation
import TrunklineEngine

/// Counts the SSH connections opened and remote commands run for one host, for the run's
/// result and the benchmarks.
public final class RemoteUsage: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = (connections: 0, execs: 0)

    /// A counter at zero.
    public init() {}

    func connected() { lock.withLock { counts.connections += 1 } }
    func ran() { lock.withLock { counts.execs += 1 } }

    /// The counts so far.
    public var snapshot: (connections: Int, execs: Int) { lock.withLock { counts } }
}
