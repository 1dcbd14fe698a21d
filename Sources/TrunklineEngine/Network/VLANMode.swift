/// How an Open vSwitch port carries VLANs (its `vlan_mode` column).
public enum VLANMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Untagged frames, on the port's `tag`.
    case access
    /// Tagged frames of the port's `trunks`.
    case trunk
    /// Trunks, with the native VLAN (`tag`) sent tagged.
    case nativeTagged = "native-tagged"
    /// Trunks, with the native VLAN (`tag`) sent untagged.
    case nativeUntagged = "native-untagged"

    /// True for the modes with a native VLAN.
    public var isNative: Bool { self == .nativeTagged || self == .nativeUntagged }

    /// Why a port's VLANs contradict each other: a native VLAN that its trunks leave out; nil
    /// when they agree.
    static func problem(mode: VLANMode?, tag: Int?, trunks: [Int]) -> String? {
        guard let tag, mode?.isNative == true, !trunks.isEmpty, !trunks.contains(tag) else { return nil }
        return "the native VLAN \(tag) is not in trunks \(trunks.map(String.init).joined(separator: ","))"
    }

    /// The name as playbooks write it.
    public var description: String { rawValue }
}
