import Foundation
import LoupeCore

/// The part-of-speech tagger's weights: one row of 17 tag weights per hashed feature bucket.
///
/// File format (little-endian): the magic `LOUPEPOS`, a format version (UInt32, 1), the feature-schema
/// fingerprint (UInt64, ``POSFeatures/fingerprint``), the number of bucket bits (UInt32), the number of tags
/// (UInt32, 17), a scale (Float32), the number of stored rows (UInt32), then each non-zero row: its bucket
/// (UInt32) and 17 weights as Int16 (weight = value × scale). Written by `loupe train pos`.
public struct POSModel: Sendable {
    public static let magic = Array("LOUPEPOS".utf8)
    public static let version: UInt32 = 1

    public let bits: Int
    /// `rows × 17` weights, quantised: weight = value × `scale`. 16-bit weights keep the table small enough
    /// for the caches (2^16 rows: 2.2 MB, 4.5 MB widened), which is what the tagger's speed depends on.
    public let quantized: [Int16]
    /// The same widened to 32 bits, what the tagger adds up (a vector load and add, no conversion).
    public let wide: [Int32]
    public let scale: Float
    public var mask: UInt64 { (1 << UInt64(bits)) - 1 }

    /// The weights as numbers (for training and tests).
    public var weights: [Float] { quantized.map { Float($0) * scale } }

    /// Quantises `weights` (`rows × 17`).
    public init(bits: Int, weights: [Float]) {
        precondition(weights.count == (1 << bits) * POSFeatures.tagCount)
        let largest = weights.reduce(Float(0)) { max($0, abs($1)) }
        let scale = largest > 0 ? largest / 32767 : 1
        self.bits = bits
        self.scale = scale
        self.quantized = weights.map { Int16(clamping: Int(($0 / scale).rounded())) }
        self.wide = quantized.map { Int32($0) }
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The rows that are not all zero, quantised; the same weights give the same bytes.
    public func serialized() -> [UInt8] {
        let n = POSFeatures.tagCount
        var out = Self.magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        u32(Self.version); u64(POSFeatures.fingerprint); u32(UInt32(bits)); u32(UInt32(n)); u32(scale.bitPattern)
        var rows: [(UInt32, [Int16])] = []
        for r in 0..<(1 << bits) {
            let q = Array(quantized[(r * n)..<(r * n + n)])
            if q.contains(where: { $0 != 0 }) { rows.append((UInt32(r), q)) }
        }
        u32(UInt32(rows.count))
        for (r, q) in rows {
            u32(r)
            for v in q { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        }
        return out
    }

    public init(bytes: UnsafeBufferPointer<UInt8>) throws(FormatError) {
        let n = POSFeatures.tagCount
        var at = 0
        func read<T: FixedWidthInteger>(_: T.Type) throws(FormatError) -> T {
            guard at + MemoryLayout<T>.size <= bytes.count else { throw FormatError(description: "truncated part-of-speech model") }
            var v: T = 0
            withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[at..<at + MemoryLayout<T>.size]))) }
            at += MemoryLayout<T>.size
            return T(littleEndian: v)
        }
        guard bytes.count >= 8, Array(bytes[0..<8]) == Self.magic else { throw FormatError(description: "not a Loupe part-of-speech model") }
        at = 8
        let version = try read(UInt32.self)
        guard version == Self.version else { throw FormatError(description: "part-of-speech model format \(version), this Loupe reads \(Self.version)") }
        let fingerprint = try read(UInt64.self)
        guard fingerprint == POSFeatures.fingerprint else {
            throw FormatError(description: "part-of-speech model made for other features (schema \(String(fingerprint, radix: 16)), this Loupe makes \(String(POSFeatures.fingerprint, radix: 16))): retrain it with `loupe train pos`")
        }
        let bits = Int(try read(UInt32.self))
        guard (8...24).contains(bits), try read(UInt32.self) == UInt32(n) else { throw FormatError(description: "part-of-speech model has a bad header") }
        let scale = Float(bitPattern: try read(UInt32.self))
        let count = Int(try read(UInt32.self))
        var quantized = [Int16](repeating: 0, count: (1 << bits) * n)
        for _ in 0..<count {
            let r = Int(try read(UInt32.self))
            guard r < 1 << bits else { throw FormatError(description: "part-of-speech model row out of range") }
            for k in 0..<n { quantized[r * n + k] = try read(Int16.self) }
        }
        self.bits = bits
        self.scale = scale
        self.quantized = quantized
        self.wide = quantized.map { Int32($0) }
    }

    public init(contentsOf path: String) throws(FormatError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw FormatError(description: "cannot read \(path)") }
        let bytes = [UInt8](data)
        self = try bytes.withUnsafeBufferPointer { (b) throws(FormatError) -> POSModel in try POSModel(bytes: b) }
    }

    /// The model compiled into the binary (`pos-model.bin`), or `LOUPE_POS_MODEL`'s file; nil if neither.
    public static var builtIn: POSModel? {
        get throws(FormatError) { try builtInResult.get() }
    }

    private static let builtInResult: Result<POSModel?, FormatError> = {
        if let path = ProcessInfo.processInfo.environment["LOUPE_POS_MODEL"], !path.isEmpty {
            do throws(FormatError) { return .success(try POSModel(contentsOf: path)) } catch { return .failure(FormatError(description: "LOUPE_POS_MODEL=\(error.description)")) }
        }
        guard let bytes = EmbeddedResource.bytes("pos-model.bin") else { return .success(nil) }
        do throws(FormatError) { return .success(try POSModel(bytes: bytes)) } catch { return .failure(error) }
    }()
}
