import Foundation
import Testing
import TrunklineCore
import TrunklineInput
import TrunklineTestSupport

@testable import TrunklineEngine

/// Every role × backend × configuration system rendered from a fixed model, compared byte for
/// byte with the expected files under Golden/ROLE-BACKEND/SYSTEM/, which were checked by hand
/// against the field guide each comes from. The cases are those directories (the model is
/// Golden/models/ROLE-BACKEND.yml): a new one is an empty directory that
/// `TRUNKLINE_UPDATE_GOLDEN=1 swift test --filter GoldenRendering` fills (refused where `CI` is
/// set), then checked by hand.
@Suite("Golden renderings of the built-in roles' networks")
struct GoldenRenderingTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// "MODEL SYSTEM" for every Golden/MODEL/SYSTEM/ directory.
    static let cases: [String] = subdirectories(of: golden).filter { $0 != "models" }.flatMap { model in
        subdirectories(of: golden.appendingPathComponent(model)).map { "\(model) \($0)" }
    }

    static func subdirectories(of directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(
                    atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// The network step of Golden/models/`model`.yml, rendering for `system`.
    static func step(_ model: String, system: String) throws -> NetworkStep {
        let path = golden.appendingPathComponent("models/\(model).yml").path
        let value = try #require(try YAMLNode.load(path)).value()
        return try NetworkStep(
            StepArguments(
                kind: "network", location: SourceLocation(file: path, line: 1, column: 1),
                values: ["model": value, "system": .string(system)]))
    }

    /// The files the network step writes for `system` (and the IPv6 sysctl file, if any).
    static func rendered(_ model: String, system: String) throws -> [String: String] {
        let step = try step(model, system: system)
        var facts = HostFacts(files: [
            "/etc/sysconfig/network": .present(contents: [], mode: 0o644, owner: "root", group: "root")
        ])
        facts.networkSystem = try #require(NetworkSystem(rawValue: system))
        facts[OSRelease.self] = OSRelease(
            family: facts.networkSystem == .networkScripts ? .rhel : .debian, id: "", version: "")
        facts.hostname = "hv1"
        facts.ovs = OVSState()
        var files: [String: String] = [:]
        for effect in step.plan(facts).flatMap(\.effects) {
            if case .writeFile(let file, let contents, _) = effect {
                files[file] = String(decoding: contents, as: UTF8.self)
            }
        }
        return files
    }

    /// The paths of the regular files under `directory`, each with its leading `/`, sorted.
    static func files(under directory: URL) -> [String] {
        (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])?.allObjects
            ?? [])
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map { String($0.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count)) }
            .sorted()
    }

    static func write(_ files: [String: String], to directory: URL) throws {
        try? FileManager.default.removeItem(at: directory)
        for (path, text) in files {
            let url = directory.appendingPathComponent(String(path.dropFirst()))
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    @Test("rendered files equal the committed golden files", arguments: cases)
    func matches(name: String) throws {
        let parts = name.split(separator: " ").map(String.init)
        let files = try Self.rendered(parts[0], system: parts[1])
        let directory = Self.golden.appendingPathComponent("\(parts[0])/\(parts[1])")
        if try GoldenUpdate.requested() { try Self.write(files, to: directory) }
        let expected = Self.files(under: directory)
        #expect(files.keys.sorted() == expected)
        for path in expected {
            let golden = try String(
                contentsOf: directory.appendingPathComponent(String(path.dropFirst())), encoding: .utf8)
            #expect(files[path] == golden, "\(path) differs from its golden file")
        }
    }

    @Test("each renderer's paths, read before planning without rendering, are the files it renders", arguments: cases)
    func pathsWithoutRendering(name: String) throws {
        let parts = name.split(separator: " ").map(String.init)
        let model = try Self.step(parts[0], system: parts[1]).model
        for renderer in NetworkRenderers.all {
            #expect(renderer.paths(model) == Set(renderer.files(model).keys), "\(renderer.system)")
        }
    }

    @Test("every configuration system has a golden case for each backend it renders")
    func everyRendererHasACase() throws {
        var covered: Set<String> = []
        for name in Self.cases {
            let parts = name.split(separator: " ").map(String.init)
            covered.insert("\(try Self.step(parts[0], system: parts[1]).model.backend) \(parts[1])")
        }
        for renderer in NetworkRenderers.all {
            for backend in renderer.backends {
                #expect(
                    covered.contains("\(backend) \(renderer.system)"),
                    "no golden case renders the \(backend) backend for \(renderer.system)")
            }
        }
    }

    @Test("the update variable rewrites only when asked, and is refused where CI is set")
    func updateVariable() throws {
        #expect(try GoldenUpdate.requested(in: [:]) == false)
        #expect(try GoldenUpdate.requested(in: [GoldenUpdate.variable: "0"]) == false)
        #expect(try GoldenUpdate.requested(in: [GoldenUpdate.variable: "1", "CI": ""]) == true)
        #expect(throws: GoldenUpdate.Refused.self) {
            try GoldenUpdate.requested(in: [GoldenUpdate.variable: "1", "CI": "true"])
        }
    }
}
