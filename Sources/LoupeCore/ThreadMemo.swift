import Foundation

/// Results of a pure function already worked out, kept per thread so that workers take no lock.
///
/// A corpus repeats its word forms: a stage that looks each form up once per document still redoes
/// most lookups for every document. A stage asks for its memo once per document
/// (``current(_:)``) and consults it per token. The memo is bounded (cleared past `limit` entries)
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

    /// This thread's memo under `name` (see ``uniqueName(_:)``).
    public static func current(_ name: String, limit: Int = 20_000) -> ThreadMemo {
        let slots = Thread.current.threadDictionary
        if let memo = slots[name] as? ThreadMemo { return memo }
        let memo = ThreadMemo(limit: limit)
        slots[name] = memo
        return memo
    }

    /// A name no other memo uses: one per configured stage, since results depend on its settings.
    public static func uniqueName(_ prefix: String) -> String {
        MemoNames.lock.lock()
        defer { MemoNames.lock.unlock() }
        MemoNames.next += 1
        return "loupe.\(prefix).\(MemoNames.next)"
    }
}

private enum MemoNames {
    static let lock = NSLock()
    nonisolated(unsafe) static var next = 0
}
