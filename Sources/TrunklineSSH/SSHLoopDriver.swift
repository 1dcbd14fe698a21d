import Foundation

/// Long-lived work an `SSHEventLoop` drives on every pass besides its queued operations, such
/// as a `BastionPump` moving the bytes of many tunnels over one session. Used on the loop thread only.
protocol SSHLoopDriver: AnyObject {
    /// Advances as far as the sockets allow and says what to wait for (descriptors with their
    /// `POLLIN`/`POLLOUT` events, and the time by which to be driven again whatever happens),
    /// or nil when the work is over and the loop should forget the driver.
    func drive(now: ContinuousClock.Instant) -> (descriptors: [pollfd], deadline: ContinuousClock.Instant?)?
}
