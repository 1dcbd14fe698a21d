import Foundation
import TrunklineCore
import TrunklineInput

/// `drift --notify-config FILE`: the webhooks to notify and how hard to try, in YAML:
///
///     webhooks:        # required, at least one http(s) URL
///       - https://chat.example.org/hooks/T000/SECRET
///     timeout: 10      # seconds one attempt may take (default 10)
///     retries: 2       # attempts after the first, on a network error, 5xx or 429 (default 2)
///     backoff: 1       # seconds before the first retry, doubling after (default 1)
///
/// Every error is an `InputError` at the file, line and column, naming the field.
public struct NotifyConfig: Sendable, Equatable {
    /// Where to POST.
    public var webhooks: [URL]
    /// How long one attempt may take, how many more after a failed one, and the wait before the
    /// first of those.
    public var timeout: TimeInterval = 10
    public var retries = 2
    public var backoff: TimeInterval = 1

    static let fields = ["webhooks", "timeout", "retries", "backoff"]
    /// How many retries may be asked for: with the backoff doubling, more would wait for hours.
    static let retryRange = 0...10

    /// The settings alone, for webhooks given on the command line.
    public init(webhooks: [URL]) {
        self.webhooks = webhooks
    }

    /// Reads the file at `path`.
    public static func load(_ path: String) throws -> NotifyConfig {
        try parse(try InputFile.read(path), file: path)
    }

    /// Reads `text`, the contents of `file`.
    public static func parse(_ text: String, file: String) throws -> NotifyConfig {
        guard let root = try YAMLNode.parse(text, file: file) else {
            throw InputError(SourceLocation(whole: file), "empty: webhooks is required")
        }
        var config = NotifyConfig(webhooks: [])
        for (key, keyNode, value) in try root.mapping("the notify config") {
            switch key {
            case "webhooks": config.webhooks = try urls(value)
            case "timeout": config.timeout = try seconds(value, field: key, allowingZero: false)
            case "retries": config.retries = try count(value, field: key)
            case "backoff": config.backoff = try seconds(value, field: key, allowingZero: true)
            default:
                throw InputError(
                    keyNode.location, "unknown field '\(key)'",
                    hint: Suggestion.hint(for: key, in: fields) ?? "fields: \(fields.joined(separator: ", "))")
            }
        }
        guard !config.webhooks.isEmpty else {
            throw InputError(root.location, "webhooks is required: at least one http(s) URL")
        }
        return config
    }

    /// A webhook for each URL, each with these settings.
    public var hooks: [Webhook] {
        webhooks.map { Webhook(url: $0, attempts: retries + 1, timeout: timeout, backoff: backoff) }
    }

    private static func urls(_ node: YAMLNode) throws -> [URL] {
        try node.sequence("webhooks").enumerated().map { index, item in
            let text = try item.string("webhooks[\(index)]")
            guard let url = Webhook.url(text) else {
                throw InputError(item.location, "webhooks[\(index)]: '\(text)' is not an http(s) URL")
            }
            return url
        }
    }

    private static func seconds(_ node: YAMLNode, field: String, allowingZero: Bool) throws -> TimeInterval {
        let seconds: Double
        switch node.value() {
        case .int(let number): seconds = Double(number)
        case .double(let number): seconds = number
        default: throw node.mismatch(field, expected: "a number of seconds")
        }
        guard allowingZero ? seconds >= 0 : seconds > 0, seconds.isFinite else {
            throw InputError(
                node.location,
                "\(field) must be \(allowingZero ? "0 or more" : "more than 0") seconds, not \(node.value().scalarText ?? "")"
            )
        }
        return seconds
    }

    private static func count(_ node: YAMLNode, field: String) throws -> Int {
        guard case .int(let number) = node.value() else { throw node.mismatch(field, expected: "a whole number") }
        guard retryRange.contains(number) else {
            throw InputError(node.location, "\(field) must be from 0 to \(retryRange.upperBound), not \(number)")
        }
        return number
    }
}
