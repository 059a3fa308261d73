import Foundation

/// Results of a pure function already worked out, kept per thread so that workers take no lock.
///
/// A corpus repeats its word forms: a stage that looks each form up once per document still redoes
/// most lookups for every document. A stage asks for its memo once per document
/// (``current(_:limit:)``) and consults it per token. The memo is bounded (cleared past `limit` entries)
/// so that memory stays flat however large the corpus.
public final class ThreadMemo<Key: Hashable, Value> {
    // Inlinable so that client modules specialise the dictionary for their key type; a generic
    // call across modules hashes through witness tables and cost more than the lookups it saved.
    @usableFromInline var values: [Key: Value] = [:]
    @usableFromInline let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The value for `key`, computed by `make` the first time.
    @inlinable
    public func value(_ key: Key, _ make: () -> Value) -> Value {
        if let v = values[key] { return v }
        let v = make()
        if values.count >= limit { values.removeAll(keepingCapacity: true) }
        values[key] = v
        return v
    }

    /// This thread's memo under `name`.
    public static func current(_ name: MemoName, limit: Int = 20_000) -> ThreadMemo {
        let slots = Thread.current.threadDictionary
        if let memo = slots[name.key] as? ThreadMemo { return memo }
        let memo = ThreadMemo(limit: limit)
        slots[name.key] = memo
        return memo
    }
}

/// The name of one stage instance's per-thread memo. Each is unique, since what a stage memoises
/// depends on how it was configured (its stop-word list, its lexicon).
public struct MemoName: Sendable {
    let key: String

    public init(_ stage: String) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        Self.next += 1
        key = "loupe.\(stage).\(Self.next)"
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var next = 0
}
