/// The extra `ovs-vsctl set` arguments of an internal port (its MAC and external IDs), as both
/// interface-file systems hand them to ovs-vsctl: ifupdown's hook `eval`s
/// `OVS_EXTRA=\"${IF_OVS_EXTRA}\"` and initscripts source `OVS_EXTRA="…"`, so both read the
/// text inside shell double quotes. It is escaped here, once, for that context.
enum OVSExtra {
    /// `text` as the inside of a shell double-quoted string: `\`, `"`, `$` and `` ` `` escaped,
    /// so it reads back as the same literal text. It goes by Unicode scalars, not characters: a
    /// `"` followed by a combining mark is one `Character`, but the shell still reads the `"`.
    static func escapedForDoubleQuotes(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if "\\\"$`".unicodeScalars.contains(scalar) { escaped.append("\\") }
            escaped.append(scalar)
        }
        return String(escaped)
    }

    /// `datapath_type=…` of the model's bridges, escaped; nil when the model sets none.
    static func bridgeSettings(_ model: NetworkModel) -> String? {
        model.datapathType.map { escapedForDoubleQuotes("datapath_type=\($0)") }
    }

    /// `mac="…" external_ids:"KEY"="VALUE" …`, escaped; nil when the port has neither.
    static func interfaceSettings(_ port: NetworkModel.InternalPort) -> String? {
        var settings: [String] = []
        if let mac = port.mac { settings.append(#"mac="\#(mac)""#) }
        settings += port.externalIDs.keys.sorted().map { #"external_ids:"\#($0)"="\#(port.externalIDs[$0]!)""# }
        return settings.isEmpty ? nil : escapedForDoubleQuotes(settings.joined(separator: " "))
    }
}
