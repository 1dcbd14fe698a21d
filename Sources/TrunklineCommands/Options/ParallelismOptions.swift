import ArgumentParser

/// How many hosts are worked on at once.
public struct ParallelismOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "How many hosts are in flight at once.")
    var forks: Int = 50

    public init() {}

    public mutating func validate() throws {
        guard forks >= 1 else { throw ValidationError("--forks must be at least 1") }
    }
}
