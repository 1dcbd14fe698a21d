/// Runs work for many items with at most `limit` in flight at once (`--forks`).
public enum BoundedParallelism {
    /// Calls `body` for every item, at most `limit` at a time, and returns the results in the
    /// items' order. `onResult` is called as each one finishes (for progress output).
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        limit: Int,
        onResult: @escaping @Sendable (Item, Result) async -> Void = { _, _ in },
        _ body: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        await map(items, limit: limit, shouldStart: { true }, onResult: onResult, body).map { $0! }
    }

    /// Like `map`, but an item starts only while `shouldStart` says so; the results of items
    /// never started are nil. Items already started always finish.
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        limit: Int,
        shouldStart: @escaping @Sendable () -> Bool,
        onResult: @escaping @Sendable (Item, Result) async -> Void = { _, _ in },
        _ body: @escaping @Sendable (Item) async -> Result
    ) async -> [Result?] {
        var results = [Result?](repeating: nil, count: items.count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func startNext() {
                guard next < items.count, shouldStart() else { return }
                let index = next
                next += 1
                group.addTask { (index, await body(items[index])) }
            }
            for _ in 0..<max(1, limit) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                await onResult(items[index], result)
                startNext()
            }
        }
        return results
    }
}
