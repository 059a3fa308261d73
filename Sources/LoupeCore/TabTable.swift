#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only `key<TAB>value…` table over sorted UTF-8 bytes, looked up by binary search.
///
/// Large lexicons (hundreds of thousands of forms) stay in the binary's read-only data instead of
/// being copied into a dictionary: only an array of line offsets is allocated, 4 bytes a line.
/// Lines must be sorted by the key's UTF-8 bytes (`LC_ALL=C sort`); `#` lines are skipped.
/// `@unchecked Sendable`: `bytes` points into the binary's read-only data, never written; the rest are values.
public struct TabTable: @unchecked Sendable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var lineStarts: [Int32] = []
    /// Line numbers + 1 by the hash of their key, open addressing (0: an empty slot); filled by
    /// ``indexKeys()``, else `value` bisects.
    private var keyIndex: [UInt32] = []
    private var keyMask = 0

    public init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var i = 0
        let n = bytes.count
        lineStarts.reserveCapacity(n / 16)
        while i < n {
            let start = i
            i = Self.lineEnd(bytes, from: i)
            if i > start && bytes[start] != UInt8(ascii: "#") { lineStarts.append(Int32(start)) }
            i += 1
        }
    }

    /// The index of the next line feed at or after `from`, or the count: memchr, since a byte loop over
    /// the 7 MB lemma table was a visible part of start-up.
    @inline(__always)
    public static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        guard let hit = memchr(base + from, 0x0A, bytes.count - from) else { return bytes.count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// An empty table, for builds without the resource.
    public init() {
        self.bytes = UnsafeBufferPointer(start: nil, count: 0)
    }

    public var count: Int { lineStarts.count }

    /// Indexes the lines by a hash of their key, for tables looked up often: a lookup then reads a
    /// slot or two and one line, where bisecting a 330,000-line table read ~18 lines, each a cache
    /// miss (2.9 % of an analysis's time). Costs ~100 instructions a line, once. Keys must be unique.
    public mutating func indexKeys() {
        var size = 16
        while size * 2 < lineStarts.count * 3 { size *= 2 }  // at most two thirds full
        var slots = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        for (n, start) in lineStarts.enumerated() {
            let a = Int(start)
            var b = a
            while b < bytes.count && bytes[b] != 0x09 && bytes[b] != 0x0A { b += 1 }
            var slot = Int(truncatingIfNeeded: FeatureHash.bytes(bytes, a, b)) & mask  // as `value` hashes a key
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(n + 1)
        }
        keyIndex = slots
        keyMask = mask
    }

    /// The second field of the line whose key equals `key`, or nil (no allocation but the result).
    public func value(_ key: String) -> String? {
        var key = key
        return key.withUTF8 { k -> String? in
            lineStart(of: k).flatMap { value(at: $0, keyLength: k.count) }
        }
    }

    /// Field `field` (0 is the key) of the line whose key equals `key`; nil when there is no such line or
    /// the line has fewer fields. Allocates only the result.
    public func value(_ key: String, field: Int) -> String? {
        var key = key
        return key.withUTF8 { k -> String? in
            guard let start = lineStart(of: k) else { return nil }
            let end = Self.lineEnd(bytes, from: start)
            var a = start, n = 0
            while n < field {
                guard let tab = bytes[a..<end].firstIndex(of: 0x09) else { return nil }
                a = tab + 1
                n += 1
            }
            let b = bytes[a..<end].firstIndex(of: 0x09) ?? end
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
        }
    }

    private func lineStart(of k: UnsafeBufferPointer<UInt8>) -> Int? {
        if !keyIndex.isEmpty {
            var slot = Int(truncatingIfNeeded: FeatureHash.bytes(k)) & keyMask
            while true {
                let v = keyIndex[slot]
                if v == 0 { return nil }
                let start = Int(lineStarts[Int(v) - 1])
                if compare(k, lineAt: start) == 0 { return start }
                slot = (slot + 1) & keyMask
            }
        }
        var lo = 0, hi = lineStarts.count - 1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            let start = Int(lineStarts[mid])
            let c = compare(k, lineAt: start)
            if c == 0 { return start }
            if c < 0 { hi = mid - 1 } else { lo = mid + 1 }
        }
        return nil
    }

    private func value(at start: Int, keyLength: Int) -> String? {
        var a = start + keyLength + 1, b = a
        guard a <= bytes.count else { return nil }
        while b < bytes.count && bytes[b] != 0x0A && bytes[b] != 0x09 { b += 1 }
        if a > b { a = b }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
    }

    /// Calls `body` with the second field of every line, as raw bytes (for building sets quickly).
    public func forEachValue(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        for start in lineStarts {
            var a = Int(start)
            while a < bytes.count && bytes[a] != 0x09 && bytes[a] != 0x0A { a += 1 }
            guard a < bytes.count, bytes[a] == 0x09 else { continue }
            a += 1
            var b = a
            while b < bytes.count && bytes[b] != 0x09 && bytes[b] != 0x0A { b += 1 }
            body(UnsafeBufferPointer(rebasing: bytes[a..<b]))
        }
    }

    /// Every line split into fields, in order (for small tables copied into dictionaries).
    public func allRows() -> [[Substring]] {
        lineStarts.map { fields(at: Int($0)) }
    }

    private func compare(_ key: UnsafeBufferPointer<UInt8>, lineAt start: Int) -> Int {
        var i = 0, j = start
        while true {
            let lineEnded = j >= bytes.count || bytes[j] == 0x09 || bytes[j] == 0x0A
            if i == key.count { return lineEnded ? 0 : -1 }
            if lineEnded { return 1 }
            let a = key[i], b = bytes[j]
            if a != b { return a < b ? -1 : 1 }
            i += 1
            j += 1
        }
    }

    /// The line's fields, cut at tab bytes (splitting a String by Character cost a third of start-up).
    private func fields(at start: Int) -> [Substring] {
        let end = Self.lineEnd(bytes, from: start)
        var out: [Substring] = []
        var a = start
        for b in start...end where b == end || bytes[b] == 0x09 {
            out.append(Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)))
            a = b + 1
        }
        return out
    }
}
