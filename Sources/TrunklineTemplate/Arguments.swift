/// The arguments of a call, filter or test as written: positional, then `name=value`.
struct Arguments: Sendable {
    var positional: [Expression] = []
    var named: [(String, Expression)] = []

    static let none = Arguments()

    /// The names the arguments read strictly.
    var strictNames: [(String, Position)] {
        positional.flatMap(\.strictNames) + named.flatMap(\.1.strictNames)
    }
}
