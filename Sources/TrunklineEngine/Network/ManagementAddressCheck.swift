import TrunklineCore

/// The pre-flight rule that keeps a host reachable: no host's network model may put the
/// address Trunkline reaches it at on an interface whose bridge has no uplink. (Whether a model
/// takes that address off an interface it enslaves needs the host's live addresses, so the
/// network step's precondition checks it, before any change.)
public enum ManagementAddressCheck {
    /// Throws for the first host whose `network` step would cut it off at `address`.
    public static func check(_ hosts: [(name: String, address: String, steps: [StepInstance])]) throws {
        for host in hosts {
            for step in host.steps {
                guard let network = step.kind as? NetworkStep,
                    let problem = network.refusal(managementAddress: host.address)
                else { continue }
                throw InputError(step.location, "\(host.name): \(problem)")
            }
        }
    }
}
