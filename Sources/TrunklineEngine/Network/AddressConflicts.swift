import TrunklineCore

/// The rule that looks across hosts: no address may be given to two hosts' network models.
public enum AddressConflicts {
    /// Throws for the first address that two hosts' `network` steps both carry.
    public static func check(_ hosts: [(name: String, steps: [StepInstance])]) throws {
        var owners: [IPv4Address: String] = [:]
        for (host, steps) in hosts {
            for step in steps {
                guard let network = step.kind as? NetworkStep else { continue }
                let model = network.model
                let addressed =
                    model.bridges.map { ($0.name, $0.layer3) } + model.internalPorts.map { ($0.name, $0.layer3) }
                for (port, layer3) in addressed {
                    guard let ip = layer3.address?.ip else { continue }
                    let owner = "\(host) (\(port))"
                    if let other = owners[ip], !other.hasPrefix(host + " ") {
                        throw InputError(step.location, "address \(ip) is given to both \(other) and \(owner)")
                    }
                    owners[ip] = owner
                }
            }
        }
    }
}
