/// Where the events of every connection made with some settings go (`-vvv`). Two traces are
/// equal only if they are the same object, so settings stay comparable.
public final class ConnectionTrace: Sendable, Hashable {
    private let sink: @Sendable (_ host: String, _ event: ConnectionEvent) -> Void

    /// A trace that hands each event of host `host` to `sink`, from whichever task makes it.
    public init(_ sink: @escaping @Sendable (_ host: String, _ event: ConnectionEvent) -> Void) {
        self.sink = sink
    }

    /// Records `event` of `host`.
    public func record(_ host: String, _ event: ConnectionEvent) {
        sink(host, event)
    }

    public static func == (lhs: ConnectionTrace, rhs: ConnectionTrace) -> Bool { lhs === rhs }

    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
