import Synchronization

/// Results of a pure function already worked out, so that a corpus's repeated word forms are looked
/// up once rather than once per document.
///
/// A stage asks its ``Workspace`` for its memo once per document and consults it per token. The memo
/// is bounded (cleared past `limit` entries) so that memory stays flat however large the corpus.
/// A memo belongs to one worker's workspace and is never shared between threads, so it takes no lock.
///
/// Keys are 64-bit hashes of what the value depends on, made with ``FeatureHash`` (the token's bytes,
/// seeded with its kind or lemma): hashing a `String` key (SipHash, with Unicode normalisation for
/// accented words) and comparing it cost more than the lookups saved. Two of 60,000 forms sharing a
/// 64-bit hash is a chance of about 1 in 10^10.
public final class Memo<Value: Sendable> {
    // Values sit in a dense array in the order stored, and the hash table holds only keys and positions:
    // with the values in the table's slots, half of them empty, a memo of the entity tagger's word facts
    // (about 100 bytes each) took twice the memory. The table is made once at its full size, so filling
    // it never rehashes. Inlinable so that client modules specialise it for their value type; the
    // storage sits behind pointers, since a class's stored array is checked for exclusive access at
    // run time on every lookup.
    @usableFromInline let keys: UnsafeMutablePointer<UInt64>
    @usableFromInline let positions: UnsafeMutablePointer<Int32>
    @usableFromInline let values: UnsafeMutablePointer<[Value]>
    @usableFromInline let mask: Int
    @usableFromInline let limit: Int
    /// The value of key 0, which marks empty slots.
    @usableFromInline var zero: Value?

    init(limit: Int) {
        self.limit = max(1, limit)
        var size = 8
        while size < self.limit * 2 { size <<= 1 }
        mask = size - 1
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        positions = .allocate(capacity: size)
        positions.initialize(repeating: 0, count: size)
        values = .allocate(capacity: 1)
        values.initialize(to: [])
    }

    deinit {
        keys.deallocate()
        positions.deallocate()
        values.deinitialize(count: 1)
        values.deallocate()
    }

    /// The value stored for `key`, if any. A lookup and a ``store(_:for:)`` rather than one call
    /// taking a closure: a closure that uses a stage's methods copies the stage (a struct of lexicons)
    /// on every call, which cost a third of the lookups.
    @inlinable
    public func cached(_ key: UInt64) -> Value? {
        if key == 0 { return zero }
        var i = Int(truncatingIfNeeded: key) & mask
        while true {
            let k = keys[i]
            if k == key { return values.pointee[Int(positions[i])] }
            if k == 0 { return nil }
            i = (i &+ 1) & mask
        }
    }

    /// Keeps `value` for `key`; past `limit` entries the memo starts afresh.
    @inlinable
    public func store(_ value: Value, for key: UInt64) {
        if key == 0 { zero = value; return }
        if values.pointee.count >= limit {
            keys.update(repeating: 0, count: mask + 1)
            values.pointee.removeAll(keepingCapacity: true)
        }
        var i = Int(truncatingIfNeeded: key) & mask
        while keys[i] != 0 && keys[i] != key { i = (i &+ 1) & mask }
        if keys[i] == key {
            values.pointee[Int(positions[i])] = value
        } else {
            keys[i] = key
            positions[i] = Int32(values.pointee.count)
            values.pointee.append(value)
        }
    }
}

/// The scratch memory of one worker: the stages' memos of word facts.
///
/// Whoever runs the pipeline owns its workspaces (the corpus loop makes one per worker, `loupe bench`
/// one per run), so the memos go when the run ends instead of living on in the threads of a
/// long-running host. A workspace is used by one thread at a time; it is deliberately not `Sendable`.
public final class Workspace {
    private var memos: [Int: AnyObject] = [:]

    public init() {}

    /// The memo named `name`, made on first use. The default limit holds the forms of a corpus of a
    /// million words (38,000 forms in ELTeC's 850,000): at 16,000 the stages' memos were cleared four
    /// times in that run and worked out twice as many forms again, a sixth of the analysis's time.
    public func memo<Value: Sendable>(_ name: MemoName, of: Value.Type = Value.self, limit: Int = 60_000) -> Memo<Value> {
        if let memo = memos[name.id] { return unsafeDowncast(memo, to: Memo<Value>.self) }
        let memo = Memo<Value>(limit: limit)
        memos[name.id] = memo
        return memo
    }
}

/// The name of one stage instance's memo. Each is unique, since what a stage memoises depends on how
/// it was configured (its stop-word list, its lexicon); a name is only ever used with one value type.
public struct MemoName: Sendable, CustomStringConvertible {
    let id: Int
    let stage: String

    public init(_ stage: String) {
        self.stage = stage
        id = Self.next.add(1, ordering: .relaxed).newValue
    }

    public var description: String { "\(stage)#\(id)" }

    private static let next = Atomic<Int>(0)
}
