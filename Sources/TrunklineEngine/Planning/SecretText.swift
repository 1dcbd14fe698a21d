import Foundation
import TrunklineCore

/// Hides the values of settings whose names say they are secret (`password`, `passphrase`,
/// `secret`, `token`, `credential`, `private_key`, `api_key`, …) in what Trunkline shows: change
/// summaries and diffs, hence also the check output and every drift report. CloudStack's
/// `agent.properties`, for one, holds `keystore.passphrase`. Values decrypted from
/// ansible-vault (`SecretValues`) are masked wherever they appear.
public enum SecretText {
    /// The mask shown instead of a secret value.
    public static let mask = "********"

    private static let name =
        #"[A-Za-z0-9_.\-]*(?:pass(?:word|phrase|wd)?|secret|token|credential|private[_.\-]?key|api[_.\-]?key)[A-Za-z0-9_.\-]*"#
    /// `NAME = value…` on a line of a file (a diff line may start with ` `, `+` or `-`): the
    /// rest of the line is the value.
    private static let line = try! NSRegularExpression(
        pattern: #"(?i)^([ +\-]?\s*"# + name + #"\s*(?:[=:]\s*|\s+))(\S.*)$"#, options: [.anchorsMatchLines])
    /// `NAME=value` inside a summary line: the value ends at a comma or space.
    private static let inline = try! NSRegularExpression(pattern: #"(?i)(\b"# + name + #"\s*[=:]\s*)([^\s,]+)"#)

    /// `text` (a diff or a file, line by line) with secret values masked.
    public static func redactLines(_ text: String) -> String {
        SecretValues.redact(replace(line, in: text), mask: mask)
    }

    /// A one-line summary with secret `NAME=value` values masked.
    public static func redactInline(_ text: String) -> String {
        SecretValues.redact(replace(inline, in: text), mask: mask)
    }

    private static func replace(_ expression: NSRegularExpression, in text: String) -> String {
        guard !text.isEmpty else { return text }
        return expression.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1" + mask)
    }
}
