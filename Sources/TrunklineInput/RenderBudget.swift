import TrunklineCore

/// What one `Template.render` may produce and do, so that templates which multiply (four nested
/// loops over 100 items, variables that each repeat the next ten times) end with an error at
/// their place instead of running for hours: bytes rendered, loop iterations, values made.
final class RenderBudget {
    /// The most bytes the templates of one value render.
    static let outputLimit = 1 << 20
    /// The most tags (`{{ }}`, `{% %}`) in one text given to Stencil, whose reading takes time
    /// in proportion to the text's length times its tags.
    static let tagLimit = 10_000
    /// The most loop iterations, nested ones included.
    static let iterationLimit = 100_000
    /// The most list items and mapping entries the rendered value has, repeated ones counted.
    static let valueLimit = 1_000_000
    /// The budget's key in a Stencil context; a template cannot name it (a dot is an attribute).
    static let contextKey = "trunkline.budget"

    private let field: String
    private let location: SourceLocation
    /// Bytes charged so far.
    private(set) var bytes = 0
    private var iterations = 0, values = 0
    /// The limit passed, if one was: Stencil wraps what its nodes throw in its own error, so
    /// the renderer takes the error from here.
    private(set) var exceeded: InputError?

    /// A budget for the value of `field`, written at `location`.
    init(field: String, at location: SourceLocation) {
        self.field = field
        self.location = location
    }

    /// Charges `count` rendered bytes.
    func spend(bytes count: Int) throws {
        bytes += max(0, count)
        try check(bytes <= Self.outputLimit, "the template in \(field) renders more than \(Self.outputLimit >> 20) MiB")
    }

    /// Checks the size of `text` before Stencil reads it.
    func read(_ text: String) throws {
        var tags = 0, previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "{") && (byte == UInt8(ascii: "{") || byte == UInt8(ascii: "%")) { tags += 1 }
            previous = byte
        }
        try check(tags <= Self.tagLimit, "the template in \(field) has more than \(Self.tagLimit) tags")
    }

    /// Charges a loop of `count` iterations, before it runs.
    func spend(iterations count: Int) throws {
        let (total, overflow) = iterations.addingReportingOverflow(count)
        iterations = total
        try check(!overflow && total <= Self.iterationLimit, "the template in \(field) loops more than \(Self.iterationLimit) times (nested loops?)")
    }

    /// Charges `count` values made.
    func spend(values count: Int) throws {
        values += count
        try check(values <= Self.valueLimit, "the templates in \(field) make more than \(Self.valueLimit) values (variables that repeat each other?)")
    }

    private func check(_ holds: Bool, _ message: String) throws {
        guard !holds else { return }
        let error = InputError(location, message)
        exceeded = error
        throw error
    }
}
