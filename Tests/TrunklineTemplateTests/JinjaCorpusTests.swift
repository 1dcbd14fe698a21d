import Foundation
import Testing
import TrunklineCore
import TrunklineTemplate

/// The differential test: every case of `JinjaCorpus/*.json` (with the variables of
/// `JinjaCorpus/variables/common.json` under its own `vars`) rendered by Python's Jinja2 with
/// Ansible's settings (`JinjaCorpus/render.py`, run once over the whole corpus, from the venv
/// `scripts/install-deps` makes) and by Trunkline, compared byte for byte; a case Jinja2
/// refuses must be refused by Trunkline too. A case's `files` are written to a directory of its
/// own, which both load its included, imported and extended templates and its file lookups from.
@Suite("Jinja corpus against Python's Jinja2")
struct JinjaCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "JinjaCorpus")
    static let python =
        ProcessInfo.processInfo.environment["TRUNKLINE_JINJA_PYTHON"] ?? "/var/lib/trunkline-venv/bin/python"

    struct Case: Decodable {
        let name: String
        let template: String
        let vars: [String: CorpusValue]?
        let files: [String: String]?
    }

    /// A loader over a new directory holding `files` (none: a loader that finds nothing).
    static func loader(_ files: [String: String]?, name: String) throws -> TemplateLoader {
        guard let files else { return .none }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jinja-corpus-\(ProcessInfo.processInfo.processIdentifier)/\(name)")
        try? FileManager.default.removeItem(at: directory)
        for (path, text) in files {
            let file = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return TemplateSearchPath(templates: [directory.path], files: [directory.path]).loader
    }

    /// A JSON value as a variable's `Value`.
    struct CorpusValue: Decodable {
        let value: Value

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let flag = try? container.decode(Bool.self) {
                value = .bool(flag)
            } else if let number = try? container.decode(Int.self) {
                value = .int(number)
            } else if let number = try? container.decode(Double.self) {
                value = .double(number)
            } else if let text = try? container.decode(String.self) {
                value = .string(text)
            } else if let items = try? container.decode([CorpusValue].self) {
                value = .list(items.map(\.value))
            } else {
                value = .map(try container.decode([String: CorpusValue].self).mapValues(\.value))
            }
        }
    }

    struct Reference: Decodable {
        let output: String?
        let error: String?
    }

    static let common = corpus.appendingPathComponent("variables/common.json")

    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }

    /// What Python's Jinja2 renders for every case, by name.
    static func reference(_ files: [URL]) throws -> [String: Reference] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [corpus.appendingPathComponent("render.py").path, common.path] + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TemplateError(.failed, "render.py exited with \(process.terminationStatus)")
        }
        return try JSONDecoder().decode([String: Reference].self, from: data)
    }

    @Test("every case renders byte for byte as Jinja2 renders it, or fails where Jinja2 fails")
    func corpusMatches() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            Issue.record(
                "no Python with Jinja2 at \(Self.python): run scripts/install-deps (or set TRUNKLINE_JINJA_PYTHON)")
            return
        }
        let files = try Self.files()
        let cases = try files.flatMap { try JSONDecoder().decode([Case].self, from: Data(contentsOf: $0)) }
        let reference = try Self.reference(files)
        let common = try JSONDecoder().decode([String: CorpusValue].self, from: Data(contentsOf: Self.common))
            .mapValues(\.value)
        #expect(cases.count >= 200)
        // Cases both refuse prove little on their own: they are the corpus's few error cases, not a
        // variable every case lacks.
        let refused = reference.values.filter { $0.output == nil }.count
        #expect(refused * 10 <= cases.count, "Jinja2 refused \(refused) of \(cases.count) cases")
        var mismatches: [String] = []
        for item in cases {
            let variables = common.merging((item.vars ?? [:]).mapValues(\.value)) { _, own in own }
            let ours: Result<String, Error> = Result {
                try JinjaTemplate(item.template, name: item.name).render(
                    variables: { variables[$0] }, loader: try Self.loader(item.files, name: item.name))
            }
            switch (reference[item.name]?.output, ours) {
            case (let expected?, .success(let actual)) where expected == actual: continue
            case (nil, .failure): continue
            case (let expected, let actual):
                mismatches.append(
                    "\(item.name) \(item.template.debugDescription)\n  jinja2:    \(expected?.debugDescription ?? reference[item.name]?.error ?? "?")\n  trunkline: \((try? actual.get())?.debugDescription ?? "\(actual)")"
                )
            }
        }
        #expect(
            mismatches.isEmpty,
            "\(mismatches.count) of \(cases.count) cases differ:\n\(mismatches.joined(separator: "\n"))")
    }
}
