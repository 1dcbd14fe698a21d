import TrunklineCore

/// `hostname`: the host's name in `/etc/hostname` and live (`hostname NAME`).
public struct HostnameStep: StepKind {
    public static let name = "hostname"
    public static let parameters = ["name"]

    let hostname: String

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        hostname = try arguments.requiredString("name")
        let labels = hostname.split(separator: ".", omittingEmptySubsequences: false)
        guard hostname.utf8.count <= 253,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            })
        else {
            throw InputError(
                arguments.place("name"),
                "'\(hostname)' is not a valid host name (letters, digits and -, labels of 1 to 63)")
        }
    }

    public var needs: FactNeeds { FactNeeds(files: ["/etc/hostname"]) }

    public func plan(_ facts: HostFacts) -> [Change] {
        var changes: [Change] = []
        let current = facts.files["/etc/hostname"] ?? .absent
        let contents = Array((hostname + "\n").utf8)
        let attributes = FileContent.attributes(mode: nil, owner: nil, group: nil, keeping: current)
        if FileContent.differs(current, contents: contents, attributes: attributes) {
            changes.append(
                FileContent.change(path: "/etc/hostname", from: current, to: contents, attributes: attributes))
        }
        if facts.hostname != hostname {
            changes.append(
                Change(
                    summary: "set the running host name to \(hostname)", diff: "-\(facts.hostname)\n+\(hostname)\n",
                    effects: [.setHostname(hostname)]))
        }
        return changes
    }
}
