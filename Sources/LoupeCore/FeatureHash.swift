/// 64-bit hashing of bytes and feature templates, without building strings: FNV-1a with a splitmix64
/// finaliser, so that the low bits of a hash can index a table directly. The tagger's feature keys
/// are these hashes, so the function must not change without retraining the model. Inlined always:
/// it runs dozens of times per token in other modules, and as a call it cost 4 % of an analysis.
public enum FeatureHash {
    public static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inlinable @inline(__always) public static func bytes(_ p: UnsafeBufferPointer<UInt8>, _ from: Int = 0, _ to: Int? = nil, seed s: UInt64 = seed) -> UInt64 {
        var h = s
        var i = from
        let end = to ?? p.count
        while i < end { h = (h ^ UInt64(p[i])) &* prime; i += 1 }
        return mix(h)
    }

    @inlinable @inline(__always) public static func bytes(_ a: [UInt8], _ from: Int = 0, _ to: Int? = nil, seed s: UInt64 = seed) -> UInt64 {
        a.withUnsafeBufferPointer { bytes($0, from, to, seed: s) }
    }

    @inlinable @inline(__always) public static func string(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { bytes($0) }
    }

    /// splitmix64 finaliser.
    @inlinable @inline(__always) public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A feature: template number combined with one or two values.
    @inlinable @inline(__always) public static func feature(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> UInt64 {
        mix((template &* 0x2545_f491_4f6c_dd1d ^ a) &+ mix(b ^ template &* 0x9e37_79b9_7f4a_7c15))
    }
}
