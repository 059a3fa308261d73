import Foundation
import ICUBridge
import LoupeCore

/// A trained entity tagger: hashed feature weights (16-bit, one per tag), tag transitions, and the
/// names learnt from the training data. Saved as one little-endian binary file:
///
///     "LNER" version:u32 fingerprint:u64 tags:u32 features:u32 scale:f32
///     (fingerprint: ``NERFeatureSchema/fingerprint`` of the build that trained it; another build refuses it)
///     keys: u32 × features            (upper 32 bits of each feature's 64-bit hash)
///     rows: per feature a u16 mask of the tags with a non-zero weight, then those weights as i16
///     transitions: i32 × (tags + 1) × tags   (last row: sentence start)
///     names: u32 count, then (u64 hash, u8 type) × count; starts: u32 count, u64 × count;
///     first names: u32 count, u64 × count; maxTokens: u32
///     word types: u32 count, then (u64 hash, u8 type mask) × count
///     if the file goes on, the document pass (``NERDocFeatures``): u32 features, keys and rows as above
///     (weights in the first pass's scale), transitions: i32 × (tags + 1) × tags
///
/// Tagging hashes features straight from token bytes and looks them up in an open-addressing table.
public final class NERModel: Sendable {
    /// What one unit of the quantised weights is worth, in units of one training update.
    public let scale: Float
    /// Dense weights, features × tags.
    let weights: [Int16]
    /// Quantised tag transitions, (tags + 1) × tags; the last row holds the sentence-start scores.
    public let transitions: [Int32]
    public let lexicon: NERLexicon
    /// Names this model's memo (in a ``Workspace``) of word facts (``NERFeatureExtractor/WordFacts``), which
    /// depend on its lexicon.
    private let wordMemo = MemoName("ner-words")
    /// Names this model's memo of the summed weights of a word's own templates
    /// (``NERFeatureExtractor/wordFeatures(_:into:)``), keyed by the word's hash.
    private let wordWeights = MemoName("ner-word-weights")

    /// The nine tag weights (``NERTags``) of some features, added up.
    struct WordWeights {
        var eight = SIMD8<Int32>(repeating: 0)
        var ninth: Int32 = 0
    }
    public let featureCount: Int
    /// Open addressing over a small index that stays in cache: per slot, row + 1 in the low 20 bits and
    /// 12 bits of the key above them (0: empty), so most unknown features are rejected without
    /// touching the weights. The weights of a row sit beside its full key in `entries`.
    private let table: [UInt32]
    private let mask: Int
    /// Per row: the 32-bit key as two Int16, the tags' weights, padding to `stride`.
    private let entries: [Int16]
    static let entryStride = 12
    /// Keys, kept for saving.
    private let keys: [UInt32]

    static let magic: [UInt8] = Array("LNER".utf8)
    /// 4: the feature schema's fingerprint (``NERFeatureSchema``) after the version; the document pass
    /// wherever the file goes on after the word types. Versions 2 (no document pass) and 3 had no
    /// fingerprint: they are refused, since nothing says which features they were trained for.
    static let version: UInt32 = 4

    /// A model as training builds it: `keys` the 64-bit feature hashes, `weights` features × tags
    /// (``NERTags``), `transitions` (tags + 1) × tags, all in units of `scale`.
    public convenience init(keys: [UInt64], weights: [Int16], transitions: [Int32], scale: Float, lexicon: NERLexicon,
                            documentPass: DocumentPass? = nil) {
        self.init(keys32: keys.map { Self.key($0) }, weights: weights, transitions: transitions, scale: scale, lexicon: lexicon,
                  documentPass: documentPass)
    }

    private init(keys32: [UInt32], weights: [Int16], transitions: [Int32], scale: Float, lexicon: NERLexicon, documentPass: DocumentPass?) {
        self.keys = keys32
        self.weights = weights
        self.transitions = transitions
        self.scale = scale
        self.lexicon = lexicon
        self.featureCount = keys32.count
        self.documentPass = documentPass
        (table, mask, entries) = Self.buildTable(keys32, weights)
    }

    /// This model's first pass with another document pass (nil: none); this model is unchanged.
    public func withDocumentPass(_ pass: DocumentPass?) -> NERModel {
        NERModel(keys32: keys, weights: weights, transitions: transitions, scale: scale, lexicon: lexicon, documentPass: pass)
    }

    /// The 32 bits of a 64-bit feature hash that a model keeps.
    @inline(__always) public static func key(_ h: UInt64) -> UInt32 {
        let k = UInt32(truncatingIfNeeded: h >> 32)
        return k == UInt32.max ? k - 1 : k
    }

    static func buildTable(_ keys: [UInt32], _ weights: [Int16]) -> ([UInt32], Int, [Int16]) {
        precondition(keys.count < (1 << 20) - 1, "too many features for the index")
        let T = NERTags.count
        var capacity = 16
        while capacity < keys.count * 2 { capacity *= 2 }
        let mask = capacity - 1
        var table = [UInt32](repeating: 0, count: capacity)
        var entries = [Int16](repeating: 0, count: keys.count * entryStride)
        for (r, k) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: UInt64(k) &* 0x9e37_79b9_7f4a_7c15 >> 40) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = (k >> 20) << 20 | UInt32(r + 1)
            entries[r * entryStride] = Int16(truncatingIfNeeded: k & 0xffff)
            entries[r * entryStride + 1] = Int16(truncatingIfNeeded: k >> 16)
            for t in 0..<T { entries[r * entryStride + 2 + t] = weights[r * T + t] }
        }
        return (table, mask, entries)
    }

    /// The table slot where the search for feature `h` starts.
    @inline(__always) static func firstSlot(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(key(h)) &* 0x9e37_79b9_7f4a_7c15 >> 40) & mask
    }

    /// The offset in `entries` of the weights of feature `h`, or -1.
    @inline(__always) static func offset(_ h: UInt64, _ tb: UnsafeBufferPointer<UInt32>, _ eb: UnsafeBufferPointer<Int16>, _ mask: Int) -> Int {
        let k = Self.key(h)
        let tag = (k >> 20) << 20
        var slot = firstSlot(h, mask)
        while true {
            let v = tb[slot]
            if v == 0 { return -1 }
            if v & 0xfff0_0000 == tag {
                let o = Int(v & 0xfffff - 1) * Self.entryStride
                if UInt16(bitPattern: eb[o]) == UInt16(k & 0xffff) && UInt16(bitPattern: eb[o + 1]) == UInt16(k >> 16) { return o + 2 }
            }
            slot = (slot + 1) & mask
        }
    }

    // MARK: tagging

    /// The second, document-level pass (``NERDocFeatures``): weights added to the first pass's scores,
    /// and its own transitions. Nil in models without one.
    public struct DocumentPass: Sendable {
        /// Feature keys (``NERModel/key(_:)``), weights (features × tags, in the first pass's scale) and transitions.
        public let keys: [UInt32]
        public let weights: [Int16]
        public let transitions: [Int32]
        let table: [UInt32]
        let mask: Int
        let entries: [Int16]

        public init(keys: [UInt32], weights: [Int16], transitions: [Int32]) {
            self.keys = keys
            self.weights = weights
            self.transitions = transitions
            (table, mask, entries) = NERModel.buildTable(keys, weights)
        }
    }
    public let documentPass: DocumentPass?

    /// How far from a word that may be part of a name (``windows(_:_:)``) the tagger still looks.
    static let windowRadius = 4

    /// The parts of a sentence worth tagging: every word within ``windowRadius`` of one with a capital
    /// letter (a stop word opening the sentence aside), a cue word or a word of a listed name, merged
    /// where they touch. The rest, lower-case prose far from any of those, is left O: in fiction that
    /// is most words of the sentences that hold a name at all.
    static func windows(_ infos: [TokenInfo], _ range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var opening = true
        for i in range {
            let info = infos[i]
            var trigger = info.cue & (NERLexicon.orgHead | NERLexicon.placeHead | NERLexicon.orgWord) != 0 || info.learnt != 0 || info.place != 0
            if !info.flags.contains(.punctuation) {
                if !(opening && info.flags.contains(.stopword)) && info.hasUppercase { trigger = true }
                opening = false
            }
            guard trigger else { continue }
            let window = max(range.lowerBound, i - windowRadius)..<min(range.upperBound, i + windowRadius + 1)
            if let last = out.last, window.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, window.upperBound)
            } else {
                out.append(window)
            }
        }
        return out
    }

    /// The first pass: emission scores of the tagged tokens (n × tags, zero elsewhere), the tags Viterbi
    /// decodes from them (0 elsewhere), and the token ranges tagged, each decoded on its own.
    /// `windowed`: only the ``windows(_:_:)`` of each included sentence, with O before and after each
    /// (tagging); else whole sentences (training, whose models must not change with this shortcut).
    func firstPass(_ doc: Document, _ infos: [TokenInfo], _ extractor: NERFeatureExtractor, include: (Int) -> Bool, windowed: Bool = false,
                   workspace: Workspace = Workspace())
        -> (emissions: [Int32], tags: [UInt8], parts: [(sentence: Int, tokens: Range<Int>)]) {
        let T = NERTags.count
        precondition(T == 9, "the weights are added as SIMD8 + 1")  // parse rejects any other tag count
        let n = doc.tokens.count
        var emissions = [Int32](repeating: 0, count: n * T)
        var tags = [UInt8](repeating: 0, count: n)
        var features: [UInt64] = []
        features.reserveCapacity(NERFeatureExtractor.templateCount)
        var decoded: [UInt8] = []
        var parts: [(sentence: Int, tokens: Range<Int>)] = []
        let wordSums = workspace.memo(wordWeights, of: WordWeights.self)
        table.withUnsafeBufferPointer { tb in entries.withUnsafeBufferPointer { wb in
            emissions.withUnsafeMutableBufferPointer { e in
                for (s, sentence) in doc.sentences.enumerated() where include(s) {
                    let range = sentence.tokens
                    if range.isEmpty { continue }
                    for part in windowed ? Self.windows(infos, range) : [range] {
                        parts.append((s, part))
                        for i in part {
                            let base = i * T
                            // The nine tag weights of a feature: eight in one vector add, one scalar.
                            let w = UnsafeRawPointer(wb.baseAddress!)
                            func add(_ features: [UInt64], to sum: inout WordWeights) {
                                // The weight table is megabytes: ask for every feature's slot first, so that
                                // the cache misses overlap instead of coming one after the other.
                                for h in features { loupe_prefetch(tb.baseAddress! + Self.firstSlot(h, mask)) }
                                for h in features {
                                    let o = Self.offset(h, tb, wb, mask)
                                    if o < 0 { continue }
                                    sum.eight &+= SIMD8<Int32>(truncatingIfNeeded: w.loadUnaligned(fromByteOffset: o * 2, as: SIMD8<Int16>.self))
                                    sum.ninth &+= Int32(wb[o + 8])
                                }
                            }
                            // The word's own templates: summed once per form and thread.
                            var sum: WordWeights
                            if let known = wordSums.cached(infos[i].word) {
                                sum = known
                            } else {
                                features.removeAll(keepingCapacity: true)
                                extractor.wordFeatures(infos[i], into: &features)
                                sum = WordWeights()
                                add(features, to: &sum)
                                wordSums.store(sum, for: infos[i].word)
                            }
                            features.removeAll(keepingCapacity: true)
                            extractor.contextFeatures(infos, i, range, into: &features)
                            add(features, to: &sum)
                            for t in 0..<8 { e[base + t] = sum.eight[t] }
                            e[base + 8] = sum.ninth
                        }
                        transitions.withUnsafeBufferPointer { tr in
                            Viterbi.decode(UnsafeBufferPointer(rebasing: e[(part.lowerBound * T)..<(part.upperBound * T)]), count: part.count,
                                           transitions: tr, into: &decoded, minusInfinity: Int32.min,
                                           afterO: part.lowerBound > range.lowerBound, beforeO: part.upperBound < range.upperBound)
                        }
                        for (k, t) in decoded.enumerated() { tags[part.lowerBound + k] = t }
                    }
                }
            }
        } }
        return (emissions, tags, parts)
    }

    /// Whether a sentence may hold a name: whether it has any ``windows(_:_:)``. The others, over half the
    /// words of fiction, are not tagged: the tagger finds nothing there.
    static func mayHoldName(_ infos: [TokenInfo], _ range: Range<Int>) -> Bool {
        !windows(infos, range).isEmpty
    }

    /// Tags every sentence of `doc` for which `include` is true; returns mentions' token ranges and types.
    /// `margin`: how far the chosen type's score on the span's first token is ahead of the best other
    /// type's (B tag against B tag), in units of one training update: small means unsure.
    /// `words` must be the lookups the model was trained with (``DictionaryWords``).
    public func tag(_ doc: Document, include: (Int) -> Bool = { _ in true }, words: DictionaryWords? = nil,
                    in workspace: Workspace = Workspace())
        -> [(tokens: Range<Int>, type: EntityType, sentence: Int, margin: Float)] {
        let extractor = NERFeatureExtractor(lexicon: lexicon, words: words)
        let infos = extractor.tokenInfo(doc, memo: workspace.memo(wordMemo, of: NERFeatureExtractor.WordFacts.self))
        // Sentences without a window (no word that may be part of a name) are left out by the windows.
        var (emissions, tags, parts) = firstPass(doc, infos, extractor, include: include, windowed: true, workspace: workspace)
        let T = NERTags.count
        var finalTransitions = transitions
        if let pass = documentPass {
            var features: [UInt64] = []
            NERDocFeatures.extract(doc, infos, tags: tags, into: &features)
            let K = NERDocFeatures.count
            pass.table.withUnsafeBufferPointer { tb in pass.entries.withUnsafeBufferPointer { wb in
                for part in parts { for i in part.tokens {
                    for k in 0..<K {
                        let h = features[i * K + k]
                        if h == 0 { continue }
                        let o = Self.offset(h, tb, wb, pass.mask)
                        if o < 0 { continue }
                        for t in 0..<T { emissions[i * T + t] &+= Int32(wb[o + t]) }
                    }
                } }
            } }
            finalTransitions = pass.transitions
        }
        var out: [(tokens: Range<Int>, type: EntityType, sentence: Int, margin: Float)] = []  // labelled as returned: an unlabelled array was cast element by element
        var decoded: [UInt8] = []
        for (s, part) in parts {
            let sentence = doc.sentences[s].tokens
            let range = part
            if documentPass != nil {
                emissions.withUnsafeBufferPointer { e in
                    finalTransitions.withUnsafeBufferPointer { tr in
                        Viterbi.decode(UnsafeBufferPointer(rebasing: e[(range.lowerBound * T)..<(range.upperBound * T)]), count: range.count,
                                       transitions: tr, into: &decoded, minusInfinity: Int32.min,
                                       afterO: range.lowerBound > sentence.lowerBound, beforeO: range.upperBound < sentence.upperBound)
                    }
                }
            } else {
                decoded = Array(tags[range])
            }
            for span in NERTags.spans(decoded) {
                let base = (range.lowerBound + span.range.lowerBound) * T
                let chosen = Int(NERTags.begin(span.type))
                var other = Int32.min
                for t in stride(from: 1, to: T, by: 2) where t != chosen { other = max(other, emissions[base + t]) }
                let margin = Float(emissions[base + chosen] - other) * scale
                out.append(((range.lowerBound + span.range.lowerBound)..<(range.lowerBound + span.range.upperBound), span.type, s, margin))
            }
        }
        return out
    }

    /// What this model's first pass makes of a document the model has not been trained on: the document
    /// features it leads to (``NERDocFeatures/count`` per token) and its scores (tokens × tags, in units of
    /// one training update), the material document-pass training learns from.
    public func documentPassSample(_ doc: Document, words: DictionaryWords?) -> (features: [UInt64], offsets: [Float]) {
        let extractor = NERFeatureExtractor(lexicon: lexicon, words: words)
        let infos = extractor.tokenInfo(doc)
        let (emissions, tags, _) = firstPass(doc, infos, extractor, include: { _ in true })
        var features: [UInt64] = []
        NERDocFeatures.extract(doc, infos, tags: tags, into: &features)
        return (features, emissions.map { Float($0) * scale })
    }

    // MARK: saving and loading

    public func serialized() -> [UInt8] {
        var out = Self.magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func i16(_ v: Int16) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        let T = NERTags.count
        u32(Self.version)
        u64(NERFeatureSchema.fingerprint)
        u32(UInt32(T))
        u32(UInt32(featureCount))
        u32(scale.bitPattern)
        /// Keys, then each row's non-zero weights behind a bit mask of the tags they are for, then transitions.
        func table(_ keys: [UInt32], _ weights: [Int16], _ transitions: [Int32]) {
            for k in keys { u32(k) }
            for r in 0..<keys.count {
                var m: UInt16 = 0
                for t in 0..<T where weights[r * T + t] != 0 { m |= 1 << t }
                withUnsafeBytes(of: m.littleEndian) { out.append(contentsOf: $0) }
                for t in 0..<T where weights[r * T + t] != 0 { i16(weights[r * T + t]) }
            }
            for t in transitions { u32(UInt32(bitPattern: t)) }
        }
        table(keys, weights, transitions)
        let names = lexicon.names.entries.sorted { $0.key < $1.key }
        u32(UInt32(names.count))
        for (h, t) in names { u64(h); out.append(t) }
        let starts = lexicon.starts.entries.map(\.key).sorted()
        u32(UInt32(starts.count))
        for h in starts { u64(h) }
        let firsts = lexicon.firstNames.entries.map(\.key).sorted()
        u32(UInt32(firsts.count))
        for h in firsts { u64(h) }
        u32(UInt32(lexicon.maxTokens))
        let words = lexicon.wordTypes.entries.sorted { $0.key < $1.key }
        u32(UInt32(words.count))
        for (h, t) in words { u64(h); out.append(t) }
        if let pass = documentPass {
            u32(UInt32(pass.keys.count))
            table(pass.keys, pass.weights, pass.transitions)
        }
        return out
    }

    public func write(to path: String) throws {
        try Data(serialized()).write(to: URL(fileURLWithPath: path))
    }

    /// Reads a model file written by ``write(to:)``; the error names the file and says what is wrong with it
    /// (unreadable, not a model, truncated, or built for another feature schema).
    public static func load(path: String, gazetteer: Gazetteer = .french) throws(FormatError) -> NERModel {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw FormatError(description: "\(path): \(reason)")
        }
        let parsed: Result<NERModel, FormatError> = data.withUnsafeBytes { raw in
            do throws(FormatError) { return .success(try parse(UnsafeRawBufferPointer(raw), gazetteer: gazetteer)) } catch { return .failure(error) }
        }
        switch parsed {
        case .success(let model): return model
        case .failure(let error): throw FormatError(description: "\(path): \(error.description)")
        }
    }

    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    static func parse(_ raw: UnsafeRawBufferPointer, gazetteer: Gazetteer) throws(FormatError) -> NERModel {
        var p = 0
        let truncated = FormatError(description: "truncated NER model")
        func need(_ n: Int) throws(FormatError) { if n < 0 || n > raw.count - p { throw truncated } }
        func u32() throws(FormatError) -> UInt32 { try need(4); defer { p += 4 }; return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt32.self)) }
        func u64() throws(FormatError) -> UInt64 { try need(8); defer { p += 8 }; return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)) }
        func u16() throws(FormatError) -> UInt16 { try need(2); defer { p += 2 }; return UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt16.self)) }
        /// A count of items of at least `size` bytes each, checked against what is left of the file before
        /// anything is allocated for them.
        func count(_ size: Int) throws(FormatError) -> Int {
            let n = Int(try u32())
            guard n <= (raw.count - p) / size else { throw truncated }
            return n
        }
        guard raw.count >= 8, Array(raw[0..<4]) == magic else { throw FormatError(description: "not a Loupe NER model") }
        p = 4
        let fileVersion = try u32()
        if fileVersion == 2 || fileVersion == 3 {
            throw FormatError(description: "this model was written by an older Loupe, without a feature schema fingerprint; this build uses feature schema \(NERFeatureSchema.name); retrain with `loupe train ner`")
        }
        guard fileVersion == version else { throw FormatError(description: "unsupported NER model version \(fileVersion)") }
        let fingerprint = try u64()
        guard fingerprint == NERFeatureSchema.fingerprint else {
            throw FormatError(description: "this model was trained for feature schema \(NERFeatureSchema.name(fingerprint)); this build uses \(NERFeatureSchema.name); retrain with `loupe train ner`")
        }
        let T = Int(try u32())
        guard T == NERTags.count else { throw FormatError(description: "NER model has \(T) tags, expected \(NERTags.count)") }
        /// What `serialized()`'s `table` wrote for `n` rows.
        func table(_ n: Int) throws(FormatError) -> (keys: [UInt32], weights: [Int16], transitions: [Int32]) {
            guard n < (1 << 20) - 1 else { throw FormatError(description: "too many features in the NER model (\(n))") }
            var keys = [UInt32](repeating: 0, count: n)
            for r in 0..<n { keys[r] = try u32() }
            var weights = [Int16](repeating: 0, count: n * T)
            for r in 0..<n {
                let m = try u16()
                for t in 0..<T where m & (1 << t) != 0 { weights[r * T + t] = Int16(bitPattern: try u16()) }
            }
            var transitions = [Int32](repeating: 0, count: (T + 1) * T)
            for k in transitions.indices { transitions[k] = Int32(bitPattern: try u32()) }
            return (keys, weights, transitions)
        }
        let n = try count(6)  // a key and a mask at least
        let scale = Float(bitPattern: try u32())
        let (keys, weights, transitions) = try table(n)
        var lexicon = NERLexicon.base(gazetteer)
        let names = try count(9)
        lexicon.names.reserveCapacity(names)
        for _ in 0..<names {
            let h = try u64()
            try need(1)
            lexicon.names[h] = raw[p]
            p += 1
        }
        for _ in 0..<(try count(8)) { lexicon.starts.insert(try u64()) }
        for _ in 0..<(try count(8)) { lexicon.firstNames.insert(try u64()) }
        lexicon.maxTokens = max(lexicon.maxTokens, Int(try u32()))
        let words = try count(9)
        for _ in 0..<words {
            let h = try u64()
            try need(1)
            lexicon.wordTypes[h] = raw[p]
            p += 1
        }
        // The document pass, when the file goes on.
        var documentPass: DocumentPass?
        if p < raw.count {
            let pass = try table(try count(6))
            documentPass = DocumentPass(keys: pass.keys, weights: pass.weights, transitions: pass.transitions)
        }
        guard p == raw.count else { throw FormatError(description: "NER model has \(raw.count - p) bytes too many") }
        return NERModel(keys32: keys, weights: weights, transitions: transitions, scale: scale, lexicon: lexicon, documentPass: documentPass)
    }

    /// The model compiled into the binary (`ner-model.bin`), loaded at first use; nil if the build has none.
    /// The environment variable `LOUPE_NER_MODEL` (a file written by `loupe train ner`) replaces it, so that
    /// `loupe analyze` can be measured with a model trained on part of a corpus. Throws, naming the file, when
    /// the model cannot be loaded (analysis does not go on with the rules alone).
    public static var builtIn: NERModel? {
        get throws(FormatError) { try builtInResult.get() }
    }

    private static let builtInResult: Result<NERModel?, FormatError> = {
        if let path = ProcessInfo.processInfo.environment["LOUPE_NER_MODEL"], !path.isEmpty {
            do throws(FormatError) { return .success(try load(path: path)) } catch {
                return .failure(FormatError(description: "LOUPE_NER_MODEL=\(error.description)"))
            }
        }
        guard let bytes = EmbeddedResource.bytes("ner-model.bin") else { return .success(nil) }
        do throws(FormatError) { return .success(try parse(UnsafeRawBufferPointer(bytes), gazetteer: .french)) } catch {
            return .failure(FormatError(description: "the built-in NER model (Sources/FrenchData/data/ner-model.bin, compiled into this build) cannot be loaded: \(error.description)"))
        }
    }()
}
