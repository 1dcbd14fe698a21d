import Dispatch

/// Pure work for many items on every core, such as building each host's steps before a run.
public enum ParallelMap {
    /// `body` of every item, in the items' order; if any throws, the error of the first such
    /// item in that order is thrown, as a loop over them would have thrown it.
    public static func map<Item, Result>(_ items: [Item], _ body: (Item) throws -> Result) throws -> [Result] {
        var outcomes = [Swift.Result<Result, Error>?](repeating: nil, count: items.count)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                slots[index] = Swift.Result { try body(items[index]) }
            }
        }
        return try outcomes.map { try $0!.get() }
    }
}
