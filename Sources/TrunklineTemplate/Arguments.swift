/// The arguments of a call, filter or test as written: positional, then `name=value`.
struct Arguments: Sendable {
    var positional: [Expression] = []
    var named: [(String, Expression)] = []

    static let none = Arguments()

    /// The names the arguments read (only strictly: `guarded`).
    func names(guarded: Bool) -> [(String, Position)] {
        positional.flatMap { $0.names(guarded: guarded) } + named.flatMap { $0.1.names(guarded: guarded) }
    }
}
