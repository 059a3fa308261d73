import Foundation

/// Results of a pure function already worked out, kept per thread so that workers take no lock.
///
/// A corpus repeats its word forms: a stage that looks each form up once per document still redoes
/// most lookups for every document. A stage asks for its memo once per document
/// (``current(_:limit:)``) and consults it per token. The memo is bounded (cleared past `limit` entries)
/// so that memory stays flat however large the corpus.
///
/// Keys are 64-bit hashes of what the value depends on, made with ``FeatureHash`` (the token's bytes,
/// seeded with its kind or lemma): hashing a `String` key (SipHash, with Unicode normalisation for
/// accented words) and comparing it cost more than the lookups saved. Two of 16,000 forms sharing a
/// 64-bit hash is a chance of about 1 in 10^11.
public final class ThreadMemo<Value> {
    // Inlinable so that client modules specialise the map for their value type. The map sits behind a
    // pointer: a class's stored property is checked for exclusive access at run time on every lookup.
    @usableFromInline let values: UnsafeMutablePointer<HashMap64<Value>>
    @usableFromInline let limit: Int

    init(limit: Int) {
        self.limit = limit
        values = .allocate(capacity: 1)
        values.initialize(to: HashMap64())
    }

    deinit {
        values.deinitialize(count: 1)
        values.deallocate()
    }

    /// The value stored for `key`, if any. A lookup and a ``store(_:for:)`` rather than one call
    /// taking a closure: a closure that uses a stage's methods copies the stage (a struct of lexicons)
    /// on every call, which cost a third of the lookups.
    @inlinable
    public func cached(_ key: UInt64) -> Value? {
        values.pointee[key]
    }

    /// Keeps `value` for `key`; past `limit` entries the memo starts afresh.
    @inlinable
    public func store(_ value: Value, for key: UInt64) {
        if values.pointee.count >= limit { values.pointee = HashMap64() }
        values.pointee[key] = value
    }

    /// This thread's memo under `name`. The default limit keeps a memo's table at 32,768 slots (the map
    /// doubles past half full): 20,000 entries made it 65,536, and a run's peak memory 30 MB higher.
    public static func current(_ name: MemoName, limit: Int = 16_000) -> ThreadMemo {
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
