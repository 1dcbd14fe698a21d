/// The configuration systems the `network` step renders for: the one list a new
/// `NetworkRenderer` joins.
enum NetworkRenderers {
    /// Every renderer, in the order `system:` lists the choices.
    static let all: [any NetworkRenderer.Type] = [
        IfupdownRenderer.self, NetworkScriptsRenderer.self, NetplanRenderer.self,
    ]

    /// The `system:` choices.
    static var systems: [String] { all.map { $0.system } }

    /// The systems that render `backend`, sorted.
    static func systems(rendering backend: NetworkBackend) -> [String] {
        all.filter { $0.backends.contains(backend) }.map { $0.system }.sorted()
    }

    /// The files any renderer may have written before, given what facts `listed` by glob: its
    /// listing's matches and its removable paths (candidates for removal, if Trunkline wrote them).
    static func earlierFiles(listed: [String: [String]]) -> [String] {
        all.flatMap { renderer in (renderer.listing.flatMap { listed[$0] } ?? []) + renderer.removable }
    }

    /// The renderer of `system` for `backend`; nil if the system does not render it.
    static func renderer(for system: String, backend: NetworkBackend) -> (any NetworkRenderer.Type)? {
        all.first { $0.system == system && $0.backends.contains(backend) }
    }
}
