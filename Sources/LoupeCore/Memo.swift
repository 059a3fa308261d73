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
/// accented words) and comparing it cost more than the lookups saved. Two of 16,000 forms sharing a
/// 64-bit hash is a chance of about 1 in 10^11.
public final class Memo<Value: Sendable> {
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
}

/// The scratch memory of one worker: the stages' memos of word facts.
///
/// Whoever runs the pipeline owns its workspaces (the corpus loop makes one per worker, `loupe bench`
/// one per run), so the memos go when the run ends instead of living on in the threads of a
/// long-running host. A workspace is used by one thread at a time; it is deliberately not `Sendable`.
public final class Workspace {
    private var memos: [Int: AnyObject] = [:]

    public init() {}

    /// The memo named `name`, made on first use. The default limit keeps a memo's table at 32,768
    /// slots (the map doubles past half full): 20,000 entries made it 65,536, and a run's peak memory
    /// 30 MB higher.
    public func memo<Value: Sendable>(_ name: MemoName, of: Value.Type = Value.self, limit: Int = 16_000) -> Memo<Value> {
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
