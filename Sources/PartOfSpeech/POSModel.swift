import Foundation
import LoupeCore

/// The part-of-speech tagger's weights: for each of its passes, one row of 17 tag weights per hashed
/// feature bucket.
///
/// File format (little-endian): the magic `LOUPEPOS`, a format version (UInt32, 2), the feature-schema
/// fingerprint (UInt64, ``POSFeatures/fingerprint``), the number of bucket bits (UInt32), the number of tags
/// (UInt32, 17), the number of passes (UInt32, 1 or 2), the second pass's margin (Float32), then for each pass a scale (Float32), the number of
/// stored rows (UInt32), and each non-zero row: its bucket (UInt32) and 17 weights as Int16 (weight = value ×
/// scale). Written by `loupe train pos`.
public struct POSModel: Sendable {
    public static let magic = Array("LOUPEPOS".utf8)
    public static let version: UInt32 = 2

    /// One pass's table, `rows × 17` weights, quantised to 16 bits: weight = value × `scale`. 16-bit
    /// weights keep the table small enough for the caches (2^16 rows: 2.2 MB, 4.5 MB widened), which is what
    /// the tagger's speed depends on.
    public struct Table: Sendable {
        /// The quantised weights widened to 32 bits, what the tagger adds up (a vector load and add, no
        /// conversion); only these are kept in memory.
        public let wide: [Int32]
        public let scale: Float
        /// The quantised weights as stored.
        public var quantized: [Int16] { wide.map { Int16(truncatingIfNeeded: $0) } }
        /// The weights as numbers (for training and tests).
        public var weights: [Float] { wide.map { Float($0) * scale } }

        /// Quantises `weights`.
        public init(weights: [Float]) {
            let largest = weights.reduce(Float(0)) { max($0, abs($1)) }
            let scale = largest > 0 ? largest / 32767 : 1
            self.init(quantized: weights.map { Int16(clamping: Int(($0 / scale).rounded())) }, scale: scale)
        }

        init(quantized: [Int16], scale: Float) {
            self.scale = scale
            self.wide = quantized.map { Int32($0) }
        }
    }

    public let bits: Int
    /// The greedy left-to-right pass.
    public let first: Table
    /// The second pass, which also reads the first pass's tags of the words after (nil: one pass).
    public let second: Table?
    /// The second pass retags the tokens whose best first-pass score is less than this ahead of the next.
    public let gate: Float
    public var mask: UInt64 { (1 << UInt64(bits)) - 1 }

    /// Quantises `first` and `second` (`rows × 17` each).
    public init(bits: Int, first: [Float], second: [Float]? = nil, gate: Float = 0) {
        precondition(first.count == (1 << bits) * POSFeatures.tagCount && (second?.count ?? first.count) == first.count)
        self.bits = bits
        self.first = Table(weights: first)
        self.second = second.map { Table(weights: $0) }
        self.gate = second == nil ? 0 : gate
    }

    /// The same model without its second pass: what the first pass alone says (for tests and comparisons).
    public var firstPass: POSModel { POSModel(bits: bits, first: first, second: nil, gate: 0) }

    private init(bits: Int, first: Table, second: Table?, gate: Float) {
        self.bits = bits
        self.first = first
        self.second = second
        self.gate = gate
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
        let tables = [first] + (second.map { [$0] } ?? [])
        u32(Self.version); u64(POSFeatures.fingerprint); u32(UInt32(bits)); u32(UInt32(n)); u32(UInt32(tables.count)); u32(gate.bitPattern)
        for table in tables {
            u32(table.scale.bitPattern)
            var rows: [(UInt32, ArraySlice<Int16>)] = []
            let quantized = table.quantized
            for r in 0..<(1 << bits) {
                let q = quantized[(r * n)..<(r * n + n)]
                if q.contains(where: { $0 != 0 }) { rows.append((UInt32(r), q)) }
            }
            u32(UInt32(rows.count))
            for (r, q) in rows {
                u32(r)
                for v in q { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
            }
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
        let passes = Int(try read(UInt32.self))
        guard (1...2).contains(passes) else { throw FormatError(description: "part-of-speech model has \(passes) passes") }
        let gate = Float(bitPattern: try read(UInt32.self))
        guard gate.isFinite, gate >= 0 else { throw FormatError(description: "part-of-speech model has a bad margin") }
        var tables: [Table] = []
        for _ in 0..<passes {
            let scale = Float(bitPattern: try read(UInt32.self))
            let count = Int(try read(UInt32.self))
            var quantized = [Int16](repeating: 0, count: (1 << bits) * n)
            for _ in 0..<count {
                let r = Int(try read(UInt32.self))
                guard r < 1 << bits else { throw FormatError(description: "part-of-speech model row out of range") }
                for k in 0..<n { quantized[r * n + k] = try read(Int16.self) }
            }
            tables.append(Table(quantized: quantized, scale: scale))
        }
        self.bits = bits
        self.first = tables[0]
        self.second = tables.count > 1 ? tables[1] : nil
        self.gate = gate
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
