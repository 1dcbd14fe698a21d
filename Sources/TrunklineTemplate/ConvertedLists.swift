import Foundation
import TrunklineCore

/// Large lists converted for templates once, however many hosts' templates read them: the
/// `groups`, `play_hosts` and `ansible_play_hosts` of a play are one list shared by every host,
/// and converting it for each host's template made rendering quadratic in the fleet's size.
///
/// A list is known by its storage: the cache keeps the list, so its storage is neither freed
/// nor changed while cached, and no other list can have the same address. It holds at most
/// `capacity` lists, and starts again empty when full.
final class ConvertedLists: @unchecked Sendable {
    /// The lists every rendering shares.
    static let shared = ConvertedLists()
    /// How many items make a list worth caching.
    static let minimumCount = 256
    /// How many lists it holds at most.
    static let capacity = 64

    private let lock = NSLock()
    private var lists: [UnsafeRawPointer: (items: [Value], converted: TemplateValue)] = [:]

    /// `items` as a template's list, converted by `convert` the first time this storage is seen.
    func list(_ items: [Value], _ convert: ([Value]) -> TemplateValue) -> TemplateValue {
        guard items.count >= Self.minimumCount, let address = Self.address(of: items) else { return convert(items) }
        if let cached = lock.withLock({ lists[address] }) { return cached.converted }
        let converted = convert(items)
        lock.withLock {
            if lists.count >= Self.capacity { lists.removeAll() }
            lists[address] = (items, converted)
        }
        return converted
    }

    /// Whether the storage of `items` is cached.
    func contains(_ items: [Value]) -> Bool {
        guard let address = Self.address(of: items) else { return false }
        return lock.withLock { lists[address] != nil }
    }

    private static func address(of items: [Value]) -> UnsafeRawPointer? {
        items.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }
}
