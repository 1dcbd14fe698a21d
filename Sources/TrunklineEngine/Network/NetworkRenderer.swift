/// One configuration system's interface files, rendered from a `NetworkModel`. The `network`
/// step knows configuration systems only through their renderers (`NetworkRenderers.all`):
/// the `system:` choices, which renderer a host gets, the files read before planning and the
/// files an earlier model left behind all derive from these declarations, so a new system is
/// one conforming type (and its golden case).
protocol NetworkRenderer {
    /// The configuration system, as facts name it (`HostFacts.networkSystem`) and `system:` takes it.
    static var system: String { get }
    /// The backends it renders.
    static var backends: [NetworkBackend] { get }
    /// Every file of the model, by path; the same model always gives the same bytes.
    static func files(_ model: NetworkModel) -> [String: String]
    /// The paths of `files(model)`, what facts read before planning: fixed paths, or (ifcfg)
    /// plain lines, never a whole rendering through an emitter.
    static func paths(_ model: NetworkModel) -> Set<String>
    /// The mode of the rendered files (0644 unless the system wants them closed).
    static var mode: Int32 { get }
    /// The command that makes written files take effect with `backend`, if one is needed
    /// (Open vSwitch files need none: the live `ovs` reconciliation already made their state).
    static func activation(for backend: NetworkBackend) -> [String]?
    /// Settings of a file the system shares with others (network-scripts'
    /// `/etc/sysconfig/network`), set line by line with every other line kept; nil if none.
    static func settings(_ model: NetworkModel) -> (path: String, values: [String: String])?
    /// A glob of the files it may have rendered (`ifcfg-*`), which facts list so that those a
    /// smaller model no longer renders are removed; nil if its paths are fixed.
    static var listing: String? { get }
    /// Fixed paths it renders that are removed once the host is configured otherwise (the
    /// netplan file); empty for a file that stays (`/etc/network/interfaces`).
    static var removable: [String] { get }
}

extension NetworkRenderer {
    static var mode: Int32 { 0o644 }
    static func activation(for backend: NetworkBackend) -> [String]? { nil }
    static func settings(_ model: NetworkModel) -> (path: String, values: [String: String])? { nil }
    static var listing: String? { nil }
    static var removable: [String] { [] }
}
