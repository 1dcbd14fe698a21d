/// Ansible's names for what Trunkline writes otherwise, so that a playbook written as Ansible's
/// is told the Trunkline name: a play's `tasks:` is `steps:`, a module is a step kind.
enum AnsibleNames {
    /// Ansible's play keys, by the Trunkline key that does their work.
    static let playKeys = ["tasks": "steps"]

    /// Ansible's modules (without their collection), by the step kind that does their work.
    static let modules = [
        "lineinfile": "lines", "sysctl": "sysctl", "template": "file: {template: …}", "copy": "file: {content: …}",
        "openvswitch_bridge": "ovs", "openvswitch_port": "ovs", "openvswitch_bond": "ovs", "openvswitch_db": "ovs",
        "kernel_blacklist": "module_blacklist", "modprobe": "modules_load", "service": "service", "systemd": "service",
        "systemd_service": "service", "apt": "package", "yum": "package", "dnf": "package", "package": "package",
        "shell": "command: {shell: …}", "command": "command: {argv: […]}", "hostname": "hostname", "reboot": "reboot",
    ]

    /// The hint for a play key Ansible has, if `key` is one.
    static func playKeyHint(_ key: String) -> String? {
        playKeys[key].map { "Trunkline's '\(key)' is '\($0)'" }
    }

    /// The hint for a step kind written as an Ansible module (`ansible.builtin.lineinfile` or
    /// `lineinfile`), if `kind` is one.
    static func moduleHint(_ kind: String) -> String? {
        let module = kind.split(separator: ".").last.map(String.init) ?? kind
        return modules[module].map { "Ansible's \(kind) is Trunkline's '\($0)'" }
    }
}
