import TrunklineTestSupport
import Foundation
import Testing
import TrunklineCore
import TrunklineInput
@testable import TrunklineEngine

/// Every role × backend × configuration system rendered from a fixed model, compared byte for
/// byte with the expected files under Golden/ROLE-BACKEND/SYSTEM/, which were checked by hand
/// against the field guide each comes from. `TRUNKLINE_UPDATE_GOLDEN=1 swift test` rewrites them.
@Suite("Golden renderings of the built-in roles' networks")
struct GoldenRenderingTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let cases: [(model: String, system: String)] = [
        ("cloudstack-kvm-ovs", "ifupdown"), ("cloudstack-kvm-ovs", "network-scripts"),
        ("cloudstack-kvm-linux-bridge", "netplan"), ("cloudstack-kvm-linux-bridge", "network-scripts"),
        ("homelab-trunk-ovs", "ifupdown"), ("homelab-trunk-ovs", "network-scripts"),
        ("lacp-mgmt-ovs", "ifupdown"), ("lacp-mgmt-ovs", "network-scripts"),
    ]

    /// The files the network step writes for `system` (and the IPv6 sysctl file, if any).
    static func rendered(_ model: String, system: String) throws -> [String: String] {
        let path = golden.appendingPathComponent("models/\(model).yml").path
        let value = try #require(try YAMLNode.load(path)).value()
        let step = try NetworkStep(StepArguments(kind: "network", location: SourceLocation(file: path, line: 1, column: 1),
                                                 values: ["model": value, "system": .string(system)]))
        var facts = HostFacts(files: ["/etc/sysconfig/network": .present(contents: [], mode: 0o644, owner: "root", group: "root")])
        facts.networkSystem = try #require(NetworkSystem(rawValue: system))
        facts[OSRelease.self] = OSRelease(family: facts.networkSystem == .networkScripts ? .rhel : .debian, id: "", version: "")
        facts.hostname = "hv1"
        facts.ovs = OVSState()
        var files: [String: String] = [:]
        for effect in step.plan(facts).flatMap(\.effects) {
            if case .writeFile(let file, let contents, _) = effect { files[file] = String(decoding: contents, as: UTF8.self) }
        }
        return files
    }

    @Test("rendered files equal the committed golden files", arguments: cases.map { "\($0.model) \($0.system)" })
    func matches(name: String) throws {
        let parts = name.split(separator: " ").map(String.init)
        let files = try Self.rendered(parts[0], system: parts[1])
        let directory = Self.golden.appendingPathComponent("\(parts[0])/\(parts[1])")
        if ProcessInfo.processInfo.environment["TRUNKLINE_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: directory)
            for (path, text) in files {
                let url = directory.appendingPathComponent(String(path.dropFirst()))
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }
        let expected = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])?.allObjects ?? [])
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map { String($0.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count)) }
            .sorted()
        #expect(files.keys.sorted() == expected)
        for path in expected {
            let golden = try String(contentsOf: directory.appendingPathComponent(String(path.dropFirst())), encoding: .utf8)
            #expect(files[path] == golden, "\(path) differs from its golden file")
        }
    }
}
