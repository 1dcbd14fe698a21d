import TrunklineEngine

/// A `--serial` or `serial:` value that is not a batch list.
public struct SerialSpecError: Error, CustomStringConvertible {
    /// The entry refused.
    public let text: String
    /// Why.
    public let reason: String

    public var description: String { "'\(text)' is not a batch size: \(reason)" }
}
