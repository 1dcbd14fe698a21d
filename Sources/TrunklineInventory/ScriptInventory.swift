import Foundation
import TrunklineCore
import TrunklineInput

/// Executable inventories as Ansible's script plugin runs them: `SCRIPT --list` prints JSON
/// whose keys are groups (a list of hosts, or a mapping with `hosts`, `vars` and `children`; a
/// mapping with none of these is one host's group with its variables) and `_meta.hostvars`
/// with each host's variables; without `_meta.hostvars`, `SCRIPT --host NAME` is asked for
/// each host's.
enum ScriptInventory {
    /// The longest a script may run.
    static let timeout: TimeInterval = 60

    static func add(_ path: String, to builder: inout InventoryBuilder) throws {
        let location = SourceLocation(whole: path)
        guard let root = try YAMLNode.parse(try run(path, ["--list"]), file: path + " --list") else {
            throw InputError(location, "the inventory script printed nothing")
        }
        var hostvars: YAMLNode?
        var seen: [String] = [], seenSet = Set<String>()
        for (group, keyNode, data) in try root.mapping("the output of \(path) --list") {
            if group == "_meta" {
                hostvars = try data.mapping("_meta").first { $0.key == "hostvars" }?.value
                continue
            }
            try builder.addGroup(group, at: keyNode.location)
            var hosts: [YAMLNode] = [], vars: YAMLNode?, children: [YAMLNode] = []
            if data.isSequence {
                hosts = try data.sequence("the hosts of group '\(group)'")
            } else if !data.isNull {
                let entries = try data.mapping("group '\(group)'")
                if !entries.contains(where: { ["hosts", "vars", "children"].contains($0.key) }) {
                    hosts = [keyNode]
                    vars = data
                } else {
                    for (key, _, value) in entries where !value.isNull {
                        switch key {
                        case "hosts": hosts = try value.sequence("the hosts of group '\(group)'")
                        case "vars": vars = value
                        case "children": children = try value.sequence("the children of group '\(group)'")
                        default: break
                        }
                    }
                }
            }
            for host in hosts {
                let name = try host.string("a host of group '\(group)'")
                try builder.addHost(name, to: group, port: nil, at: host.location)
                if seenSet.insert(name).inserted { seen.append(name) }
            }
            if let vars {
                let origins = vars.origin().children
                for (key, value) in try InventoryBuilder.variables(vars, field: "the vars of group '\(group)'") {
                    try builder.setGroupVariable(group, key, value, origin: origins[key] ?? ValueOrigin(vars.location))
                }
            }
            for child in children {
                let name = try child.string("a child of group '\(group)'")
                try builder.addGroup(name, at: child.location)
                try builder.addChild(name, to: group, at: child.location)
            }
        }
        let fromMeta = try hostvars.map { node in
            node.isNull ? [:] : Dictionary(try node.mapping("_meta.hostvars").map { ($0.key, $0.value) }) { $1 }
        }
        for host in seen {
            let node: YAMLNode?
            if let fromMeta {
                node = fromMeta[host]
            } else {
                node = try YAMLNode.parse(try run(path, ["--host", host]), file: path + " --host " + host)
            }
            guard let node, !node.isNull else { continue }
            let origins = node.origin().children
            for (key, value) in try InventoryBuilder.variables(node, field: "the variables of host '\(host)'") {
                builder.setHostVariable(host, key, value, origin: origins[key] ?? ValueOrigin(node.location))
            }
        }
    }

    /// The standard output of `path arguments`; a failure, or a run longer than `timeout`, is
    /// an error with what the script wrote to its standard error.
    private static func run(_ path: String, _ arguments: [String]) throws -> String {
        let location = SourceLocation(whole: path)
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(path, arguments, timeout: timeout)
        } catch {
            throw InputError(location, "cannot run the inventory script: \(error.localizedDescription)")
        }
        guard outcome.status == 0 else {
            let reason = outcome.errorText()
            throw InputError(
                location,
                "the inventory script \(arguments.joined(separator: " ")) failed"
                    + (outcome.status.map { " with status \($0)" } ?? " (stopped after \(Int(timeout)) s)")
                    + (reason.isEmpty ? "" : ": \(reason)"))
        }
        guard let text = String(data: outcome.output, encoding: .utf8) else {
            throw InputError(location, "the inventory script printed no UTF-8 text")
        }
        return text
    }
}
