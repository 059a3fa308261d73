import LoupeCore

/// A fingerprint of the features a model's weights are keyed by, stored in every model file
/// (``NERModel``) and checked when one is loaded: a model trained for other features would load and tag
/// silently worse, since its weights would sit under hashes this build never makes.
///
/// It covers what is declared (the tag set, the template numbers, the flags' bits, the shape codes, the
/// cue classes, the document-pass slots) and what the code makes of fixed input, measured once per run:
/// hashing, folding, the word facts of probe words, all 60 templates over a probe sentence and the
/// document features over it. So it changes when a template, the folding or the hashing changes, even
/// if nobody remembers to bump a version; it does not depend on data (ICU's places, the cue-word lists,
/// names learnt from training), which the model carries or looks up itself.
public enum NERFeatureSchema {
    /// This build's fingerprint.
    public static let fingerprint: UInt64 = compute()

    /// This build's fingerprint as 16 hex digits.
    public static var name: String { name(fingerprint) }

    /// A fingerprint as 16 hex digits.
    public static func name(_ fingerprint: UInt64) -> String {
        let digits = String(fingerprint, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func compute() -> UInt64 {
        var out: [UInt8] = []
        func add(_ s: String) { out += Array(s.utf8); out.append(0) }
        func add(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        // Declared.
        add("tags")
        for t in NERTags.types { add(t.rawValue); add(UInt64(NERLexicon.typeCode(t))) }
        add(UInt64(NERTags.count))
        add("templates")
        add(UInt64(NERFeatureExtractor.templateCount))
        for t in NERFeatureExtractor.wordTemplates.sorted() { add(UInt64(t)) }
        add("flags")
        for (name, flag) in TokenFlags.named { add(name); add(UInt64(flag.rawValue)) }
        add(UInt64(TokenFlags.capitalisation.rawValue))
        add("shapes")
        for (name, code) in ShapeCode.named { add(name); add(UInt64(code)) }
        add("document context")
        for (name, bit) in DocContextBit.named { add(name); add(UInt64(bit)) }
        add("cue classes")
        for c in [NERLexicon.cuePerson, NERLexicon.cueOrg, NERLexicon.cuePlace, NERLexicon.orgHead, NERLexicon.placeHead,
                  NERLexicon.orgWord, NERLexicon.connector, NERLexicon.notName] { add(UInt64(c)) }
        add("document features")
        add(UInt64(NERDocFeatures.count))
        add(UInt64(NERModel.key(0x0123_4567_89ab_cdef)))
        // Measured: hashing and folding.
        add("hashing")
        add(FeatureHash.string("Loupe"))
        add(FeatureHash.feature(7, 11, 13))
        add(NERLexicon.sequenceStep(FeatureHash.string("Union"), FeatureHash.string("africaine")))
        add("folding")
        let probe = probeDocument()
        for t in probe.tokens { out += FastFold.fold(t.text); out.append(0) }
        // The word facts of the probe's words, with an empty lexicon (no data).
        let extractor = NERFeatureExtractor(lexicon: NERLexicon())
        add("words")
        var buf: [UInt8] = [], shapeBuf: [UInt8] = []
        for t in probe.tokens {
            let f = extractor.wordFacts(t, &buf, &shapeBuf)
            for v in [f.word, f.folded, f.shape, f.prefixes.0, f.prefixes.1, f.prefixes.2, f.prefixes.3,
                      f.suffixes.0, f.suffixes.1, f.suffixes.2, f.suffixes.3, UInt64(f.flags.rawValue), UInt64(f.lengthBucket)] { add(v) }
        }
        // Every template over the probe, its word-list and document fields filled with varied values.
        add("features")
        var infos = extractor.tokenInfo(probe)
        for i in infos.indices {
            let r = FeatureHash.mix(UInt64(i))
            infos[i].cue = UInt8(truncatingIfNeeded: r)
            infos[i].learnt = UInt8(truncatingIfNeeded: r >> 8) % 9
            infos[i].place = UInt8(truncatingIfNeeded: r >> 16) % 9
            infos[i].wordTypes = UInt8(truncatingIfNeeded: r >> 24) & 0x1e
            infos[i].docContext = UInt32(truncatingIfNeeded: r >> 32) & 0xfff
            infos[i].docLearnt = UInt32(truncatingIfNeeded: r >> 20) & 0x3ff_03ff
            infos[i].chainLeft = UInt16(truncatingIfNeeded: r >> 44) & 0x1fff
            infos[i].chainRight = UInt8(truncatingIfNeeded: r >> 58) & 3
        }
        var features: [UInt64] = []
        for s in probe.sentences {
            for i in s.tokens { extractor.features(infos, i, s.tokens, into: &features) }
        }
        for f in features { add(f) }
        add("document pass")
        let tags: [UInt8] = probe.tokens.indices.map { i in
            // Names of every type, one or two tokens long, some repeated.
            let cycle: [UInt8] = [0, 1, 2, 0, 5, 0, 3, 0, 7, 8, 0, 0, 5, 6, 0]
            return cycle[i % cycle.count]
        }
        NERDocFeatures.extract(probe, infos, tags: tags, into: &features)
        for f in features { add(f) }
        return FeatureHash.bytes(out)
    }

    /// Two sentences of hand-made tokens (no tokenizer: that is another stage): capitals, acronyms,
    /// accents, elisions, digits, quotes, brackets, a line break, stop words, repeated words.
    static func probeDocument() -> Document {
        let words: [(String, TokenKind, Bool)] = [
            ("Le", .word, true), ("ministre", .word, false), ("Jean-Yves", .word, false), ("Le", .word, true),
            ("Drian", .word, false), ("a", .word, true), ("rencontré", .word, false), ("l'", .word, true),
            ("ONU", .word, false), ("à", .word, true), ("New", .word, false), ("York", .word, false),
            ("le", .word, true), ("3", .number, false), ("mai", .word, false), (".", .punctuation, false),
            ("«", .punctuation, false), ("La", .word, true), ("Banque", .word, false), ("mondiale", .word, false),
            ("»", .punctuation, false), ("(", .punctuation, false), ("BM", .word, false), (")", .punctuation, false),
            ("et", .word, true), ("Éric", .word, false), ("Œuvre", .word, false), ("ÇA", .word, false),
            ("iPhone", .word, false), ("d’Drian", .word, false), ("Drian", .word, false), ("U.S.", .word, false),
            ("2019", .number, false), ("ONU", .word, false), ("Banque", .word, false), ("banque", .word, false), ("!", .punctuation, false),
        ]
        var text = ""
        var tokens: [Token] = []
        for (k, (word, kind, stop)) in words.enumerated() {
            if !text.isEmpty { text += k == 16 ? "\n" : " " }
            let start = text.unicodeScalars.count
            text += word
            tokens.append(Token(span: Span(start, text.unicodeScalars.count), text: word, kind: kind, lineBreaksBefore: k == 16 ? 1 : 0,
                                lemma: k % 3 == 0 ? "" : Folding.lower(word), isStopword: stop))
        }
        var doc = Document(id: "schema", text: text)
        doc.tokens = tokens
        doc.sentences = [Sentence(span: Span(tokens[0].span.start, tokens[15].span.end), tokens: 0..<16),
                         Sentence(span: Span(tokens[16].span.start, tokens[tokens.count - 1].span.end), tokens: 16..<tokens.count)]
        return doc
    }
}
