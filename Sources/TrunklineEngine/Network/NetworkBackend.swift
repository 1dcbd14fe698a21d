/// What carries a network model's bridges on the host: Open vSwitch, or the kernel's Linux
/// bridges (`backend:` in the model).
public enum NetworkBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Open vSwitch bridges, bonds and internal ports, reconciled live as well as in files.
    case ovs
    /// Linux bridges and bonds, taken from the files when the system activates them.
    case linuxBridge = "linux-bridge"

    /// The name as playbooks write it.
    public var description: String { rawValue }
}
