import CLibSSH2
import Foundation

/// One thread that drives the non-blocking libssh2 operations of many sessions with a single `poll(2)`.
///
/// libssh2 calls never run on Swift's cooperative thread pool: an async caller submits an
/// operation and suspends; the loop thread attempts it, and whenever libssh2 answers
/// `LIBSSH2_ERROR_EAGAIN` it waits for the socket in the direction libssh2 asks for
/// (`libssh2_session_block_directions`). Operations of one session run one after another,
/// in submission order, so a session is only ever used by one thread at a time. Long-lived
/// work (a bastion's `BastionPump`) is attached as an `SSHLoopDriver` and driven on every pass.
final class SSHEventLoop: @unchecked Sendable {
    /// What one attempt of an operation achieved.
    enum Attempt<Value> {
        /// The operation finished with a value.
        case done(Value)
        /// The operation must wait for `events` (`POLLIN`/`POLLOUT`) on `descriptor`.
        case blocked(descriptor: Int32, events: Int16)
    }

    /// The loops shared by the whole process, one per core.
    static let shared: [SSHEventLoop] = (0..<max(1, ProcessInfo.processInfo.activeProcessorCount)).map {
        SSHEventLoop(name: "trunkline-ssh-\($0)")
    }
    private static let nextIndex = AtomicCounter()

    /// A loop from `shared`, round robin.
    static func next() -> SSHEventLoop {
        shared[Int(nextIndex.increment() % UInt64(shared.count))]
    }

    /// The longest the loop sleeps before attempting waiting operations again, in milliseconds.
    /// It bounds the cost of readiness that libssh2 buffered internally and poll(2) cannot see.
    private static let recheckMilliseconds: Int32 = 250

    private let lock = NSLock()
    private var submitted: [PendingOperation] = []
    private var pending: [PendingOperation] = []
    private var keepalives: [UInt64: Keepalive] = [:]
    private var attached: [SSHLoopDriver] = []
    /// Drivers of this loop; used on the loop thread only.
    private var drivers: [SSHLoopDriver] = []
    /// A self-pipe: writing to `[1]` wakes the loop from poll(2) reading `[0]`.
    private let wakePipe: [Int32]

    private init(name: String) {
        var descriptors: [Int32] = [-1, -1]
        precondition(pipe(&descriptors) == 0, "pipe failed")
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        wakePipe = descriptors
        let thread = Thread { [unowned self] in self.run() }
        thread.name = name
        thread.start()
    }

    /// Runs `body` on the loop thread, again each time the socket it waits for is ready,
    /// until it returns `.done` or throws, or `deadline` passes (then `onTimeout` gives the error).
    /// With a `silence` bound, the operation also ends when its socket stays without any
    /// readiness for that long (then `silence.error` gives the error), and the session's
    /// keepalives go on while it waits, so that a live server answers them.
    func perform<Value>(
        owner: UInt64,
        deadline: ContinuousClock.Instant,
        silence: SilenceBound? = nil,
        onTimeout: @escaping () -> Error,
        _ body: @escaping () throws -> Attempt<Value>
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let operation = PendingOperation(owner: owner, deadline: deadline, silenceLimit: silence?.limit) {
                do {
                    switch try body() {
                    case .done(let value):
                        continuation.resume(returning: value)
                        return nil
                    case .blocked(let descriptor, let events):
                        return (descriptor, events)
                    }
                } catch {
                    continuation.resume(throwing: error)
                    return nil
                }
            } expire: { silent in
                continuation.resume(throwing: silent ? silence?.error() ?? onTimeout() : onTimeout())
            }
            lock.withLock { submitted.append(operation) }
            wake()
        }
    }

    /// Sends libssh2 keepalives for `session` while it is idle, every `interval` seconds.
    func keepAlive(owner: UInt64, session: OpaquePointer, interval: Int) {
        lock.withLock { keepalives[owner] = Keepalive(session: session, interval: interval) }
        wake()
    }

    /// Stops keepalives for a session and runs `free` on the loop thread after the session's
    /// queued operations, so its handles are never freed while the loop may still use them.
    func release(owner: UInt64, _ free: @escaping () -> Void) {
        let operation = PendingOperation(
            owner: owner, deadline: .now + .seconds(3600),
            attempt: {
                free()
                return nil
            }, expire: { _ in })
        lock.withLock {
            keepalives[owner] = nil
            submitted.append(operation)
        }
        wake()
    }

    /// Drives `driver` on every pass of the loop until it says it is finished.
    func attach(_ driver: SSHLoopDriver) {
        lock.withLock { attached.append(driver) }
        wake()
    }

    /// Stops sending keepalives for a session.
    func forget(owner: UInt64) {
        lock.withLock { keepalives[owner] = nil }
    }

    /// Interrupts the loop's poll(2), so that it drives its operations and drivers again.
    func wake() {
        var byte: UInt8 = 1
        _ = write(wakePipe[1], &byte, 1)
    }

    private func run() {
        while true {
            let (fresh, freshDrivers) = lock.withLock {
                defer { submitted.removeAll(); attached.removeAll() }
                return (submitted, attached)
            }
            pending.append(contentsOf: fresh)
            drivers.append(contentsOf: freshDrivers)
            let waiting = advance(now: .now)
            let driven = drive(now: .now)
            // Read after `advance`: a session released (and freed) there is no longer listed.
            sendKeepalives(lock.withLock { keepalives })
            sleep(waiting, driven: driven)
        }
    }

    /// Attempts every operation at the head of its session's queue that may progress,
    /// expires those past their deadline, and returns those left waiting on a socket.
    private func advance(now: ContinuousClock.Instant) -> [PendingOperation] {
        var busyOwners = Set<UInt64>()
        var remaining: [PendingOperation] = []
        var waiting: [PendingOperation] = []
        for operation in pending {
            if busyOwners.contains(operation.owner) {
                remaining.append(operation)
                continue
            }
            if operation.needsAttempt {
                guard let wait = operation.attempt() else { continue }
                operation.wait = wait
                operation.needsAttempt = false
            }
            if operation.deadline <= now || operation.isSilent(now: now) {
                operation.expire(operation.deadline > now)
                continue
            }
            busyOwners.insert(operation.owner)
            remaining.append(operation)
            waiting.append(operation)
        }
        pending = remaining
        return waiting
    }

    /// Drives every driver once, forgets those that finished, and returns what the others wait for.
    private func drive(now: ContinuousClock.Instant) -> (descriptors: [pollfd], deadline: ContinuousClock.Instant?) {
        var descriptors: [pollfd] = []
        var deadline: ContinuousClock.Instant?
        drivers = drivers.filter { driver in
            guard let wait = driver.drive(now: now) else { return false }
            descriptors += wait.descriptors
            if let due = wait.deadline { deadline = min(deadline ?? due, due) }
            return true
        }
        return (descriptors, deadline)
    }

    /// Sends the keepalives that are due, for idle sessions and for those whose operations
    /// watch for silence while they wait for the server; never while the session sends (a
    /// keepalive left half sent in a full socket buffer would make libssh2 refuse the
    /// operation's next packet), and never while a packet is half sent.
    private func sendKeepalives(_ sessions: [UInt64: Keepalive]) {
        let busy = Set(
            pending.filter { $0.silenceLimit == nil || $0.wait.events & Int16(POLLOUT) != 0 }.map(\.owner))
        for (owner, keepalive) in sessions where !busy.contains(owner) && keepalive.isDue {
            guard libssh2_session_block_directions(keepalive.session) & tl_session_block_outbound == 0 else {
                continue
            }
            var seconds: Int32 = 0
            _ = libssh2_keepalive_send(keepalive.session, &seconds)
            keepalive.schedule()
        }
    }

    private func sleep(
        _ waiting: [PendingOperation], driven: (descriptors: [pollfd], deadline: ContinuousClock.Instant?)
    ) {
        var descriptors = [pollfd(fd: wakePipe[0], events: Int16(POLLIN), revents: 0)]
        descriptors += waiting.map { pollfd(fd: $0.wait.descriptor, events: $0.wait.events, revents: 0) }
        descriptors += driven.descriptors
        let timeout = pollTimeout(waiting.map(\.deadline) + [driven.deadline].compactMap { $0 })
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
        let now = ContinuousClock.now
        for (index, operation) in waiting.enumerated() where ready == 0 || descriptors[index + 1].revents != 0 {
            operation.needsAttempt = true
            if ready > 0 { operation.lastHeard = now }
        }
        if descriptors[0].revents != 0 {
            var drained = [UInt8](repeating: 0, count: 256)
            while read(wakePipe[0], &drained, drained.count) > 0 {}
        }
    }

    /// Until the earliest deadline, at most `recheckMilliseconds`; with none, `recheckMilliseconds`
    /// while drivers run (libssh2 may hold data poll(2) cannot see), a second while keepalives
    /// run, else forever.
    private func pollTimeout(_ deadlines: [ContinuousClock.Instant]) -> Int32 {
        let hasKeepalives = lock.withLock { !keepalives.isEmpty }
        guard let earliest = deadlines.min() else {
            if !drivers.isEmpty { return Self.recheckMilliseconds }
            return hasKeepalives ? 1000 : -1
        }
        let remaining = ContinuousClock.now.duration(to: earliest)
        let milliseconds = max(
            0, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
        return Int32(min(milliseconds, Int64(Self.recheckMilliseconds)))
    }
}

/// An operation waiting in an `SSHEventLoop`; used on the loop thread only.
private final class PendingOperation {
    let owner: UInt64
    let deadline: ContinuousClock.Instant
    /// How long the socket may stay without readiness before the operation ends, if it may not forever.
    let silenceLimit: Duration?
    /// Tries once; nil when finished (the continuation was resumed), else what to wait for.
    let attempt: () -> (descriptor: Int32, events: Int16)?
    /// Ends the operation: true when for silence, false when for its deadline.
    let expire: (Bool) -> Void
    var needsAttempt = true
    var wait: (descriptor: Int32, events: Int16) = (-1, 0)
    /// When poll(2) last saw the socket ready (bytes from the server, room to send, an error).
    var lastHeard = ContinuousClock.now

    init(
        owner: UInt64, deadline: ContinuousClock.Instant, silenceLimit: Duration? = nil,
        attempt: @escaping () -> (descriptor: Int32, events: Int16)?, expire: @escaping (Bool) -> Void
    ) {
        self.owner = owner
        self.deadline = deadline
        self.silenceLimit = silenceLimit
        self.attempt = attempt
        self.expire = expire
    }

    /// True when the socket has stayed without readiness for longer than `silenceLimit`.
    func isSilent(now: ContinuousClock.Instant) -> Bool {
        guard let silenceLimit else { return false }
        return lastHeard + silenceLimit <= now
    }
}

/// When an idle session next sends a keepalive.
private final class Keepalive {
    let session: OpaquePointer
    let interval: Int
    private var due: ContinuousClock.Instant

    init(session: OpaquePointer, interval: Int) {
        self.session = session
        self.interval = interval
        due = .now + .seconds(interval)
    }

    var isDue: Bool { due <= .now }

    func schedule() { due = .now + .seconds(interval) }
}
