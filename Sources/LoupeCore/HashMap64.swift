/// A map keyed by 64-bit hashes that are already well mixed (``FeatureHash``), with open addressing.
///
/// The tagger's word lists are looked up several times per token (cue words, learnt names, first
/// names, places); Swift's `Dictionary` re-hashes a `UInt64` key with SipHash on every lookup, which
/// cost more than the probe. Here the key's low bits are the slot. Entries are never removed.
@frozen public struct HashMap64<Value: Sendable>: Sendable {
    @usableFromInline var slots: [UInt64] = []
    @usableFromInline var values: [Value?] = []
    @usableFromInline var mask = -1
    /// The value of key 0, which marks empty slots.
    @usableFromInline var zero: Value?
    @usableFromInline var storedCount = 0
    /// The number of entries.
    @inlinable public var count: Int { storedCount }

    @inlinable public init() {}

    @inlinable public init(_ dictionary: [UInt64: Value]) {
        reserveCapacity(dictionary.count)
        for (k, v) in dictionary { self[k] = v }
    }

    @inlinable public var isEmpty: Bool { count == 0 }

    @inlinable public mutating func reserveCapacity(_ n: Int) {
        var size = 8
        while size < n * 2 { size <<= 1 }
        if size > slots.count { rehash(size) }
    }

    @inlinable @inline(__always)
    public subscript(key: UInt64) -> Value? {
        get {
            if key == 0 { return zero }
            if mask < 0 { return nil }
            var i = Int(truncatingIfNeeded: key) & mask
            while true {
                let k = slots[i]
                if k == key { return values[i] }
                if k == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { preconditionFailure("HashMap64 never removes an entry") }
            if key == 0 {
                if zero == nil { storedCount += 1 }
                zero = newValue
                return
            }
            if (count + 1) * 2 > slots.count { rehash(max(8, slots.count * 2)) }
            var i = Int(truncatingIfNeeded: key) & mask
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & mask }
            if slots[i] == 0 { storedCount += 1 }
            slots[i] = key
            values[i] = newValue
        }
    }

    @inlinable public subscript(key: UInt64, default fallback: @autoclosure () -> Value) -> Value {
        get { self[key] ?? fallback() }
        set { self[key] = newValue }
    }

    /// Every entry, in no particular order.
    @inlinable public var entries: [(key: UInt64, value: Value)] {
        var out: [(key: UInt64, value: Value)] = []
        out.reserveCapacity(count)
        if let zero { out.append((0, zero)) }
        for (i, k) in slots.enumerated() where k != 0 { out.append((k, values[i]!)) }
        return out
    }

    @inlinable mutating func rehash(_ size: Int) {
        let old = entries
        slots = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
        storedCount = 0
        zero = nil
        for (k, v) in old { self[k] = v }
    }
}

extension HashMap64 where Value == Bool {
    /// Set use: `insert` and `contains`.
    @inlinable public mutating func insert(_ key: UInt64) { self[key] = true }
    @inlinable public func contains(_ key: UInt64) -> Bool { self[key] != nil }
}
