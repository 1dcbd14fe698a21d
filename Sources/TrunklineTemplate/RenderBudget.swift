/// What one rendering may produce and do, shared by the templates it renders (a variable's
/// template rendered where it is used counts to the template that uses it), so that templates
/// which multiply end with an error at their place instead of running for hours.
public final class RenderBudget: @unchecked Sendable {
    /// The most bytes any text the templates make may have.
    public static let outputLimit = 1 << 20
    /// The most loop iterations, nested ones included (and the longest `range`).
    public static let iterationLimit = 100_000
    /// The most evaluation steps (expressions and statements).
    public static let stepLimit = 2_000_000
    /// How deep expressions, blocks and macro calls may nest when they are evaluated.
    public static let depthLimit = 64

    private var iterations = 0
    private var steps = 0

    /// A fresh budget.
    public init() {}

    /// Charges a loop of `count` iterations, before it runs.
    func spend(iterations count: Int) throws {
        let (total, overflow) = iterations.addingReportingOverflow(count)
        iterations = total
        guard !overflow && total <= Self.iterationLimit else {
            throw TemplateError(.limit, "loops more than \(Self.iterationLimit) times (nested loops?)")
        }
    }

    /// Charges one evaluation step.
    func step() throws {
        steps += 1
        guard steps <= Self.stepLimit else {
            throw TemplateError(.limit, "takes more than \(Self.stepLimit) steps to render")
        }
    }

    /// Throws if a text of `length` bytes would be more than the output limit.
    func check(length: Int) throws {
        guard length <= Self.outputLimit else {
            throw TemplateError(.limit, "renders more than \(Self.outputLimit >> 20) MiB")
        }
    }

    /// Throws if a list of `count` items would be longer than a loop may be.
    func check(count: Int) throws {
        guard count <= Self.iterationLimit else {
            throw TemplateError(.limit, "loops more than \(Self.iterationLimit) times (nested loops?)")
        }
    }
}
