/// Where a variable's value, and each part of it, is written: the value's place, and the
/// origins of a mapping's entries by key and of a list's items as `[0]`, `[1]`, … — so that an
/// error about `network.bridges.cloudbr0.address` can name the line in `host_vars/` that holds
/// the address, not only the step that used the variable.
public struct ValueOrigin: Sendable, Equatable {
    /// Where the value is written.
    public var location: SourceLocation
    /// The origins of its entries or items.
    public var children: [String: ValueOrigin]

    /// Creates an origin.
    public init(_ location: SourceLocation, children: [String: ValueOrigin] = [:]) {
        self.location = location
        self.children = children
    }

    /// The place of the deepest part of the value that `path` reaches
    /// (`bridges.cloudbr0.ports[0].tag`); keys may contain dots (`bond0.100`).
    public func location(at path: String) -> SourceLocation {
        location(at: Self.components(path))
    }

    private func location(at components: [String]) -> SourceLocation {
        guard !components.isEmpty else { return location }
        for count in stride(from: components.count, through: 1, by: -1) {
            if let child = children[components.prefix(count).joined(separator: ".")] {
                return child.location(at: Array(components.dropFirst(count)))
            }
        }
        return location
    }

    /// `a.b[0].c` as `a`, `b`, `[0]`, `c`.
    private static func components(_ path: String) -> [String] {
        path.split(separator: ".").flatMap { part -> [String] in
            guard let bracket = part.firstIndex(of: "[") else { return [String(part)] }
            let name = part[..<bracket]
            let indices = part[bracket...].split(separator: "]").map { String($0) + "]" }
            return (name.isEmpty ? [] : [String(name)]) + indices
        }
    }
}
