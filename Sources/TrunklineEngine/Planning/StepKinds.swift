/// Every step kind by the name a playbook uses.
public enum StepKinds {
    /// The kinds, by name.
    public static let all: [String: any StepKind.Type] = Dictionary(
        uniqueKeysWithValues: [
            FileStep.self, LinesStep.self, GrubCmdlineStep.self, SysctlStep.self, CommandStep.self,
            ModuleBlacklistStep.self, ModulesLoadStep.self, HostnameStep.self, ServiceStep.self, OVSStep.self,
            PackageStep.self, NetworkStep.self,
            LibvirtNetworkStep.self, RebootStep.self,
        ].map { ($0.name, $0) })
}
