import LoupeCore

/// Features of the second, document-level pass of the tagger (after Krishnan & Manning 2006): what the
/// first pass said about the *other* occurrences of a word, of a name and of its acronym in the same
/// document. A name the first pass types as an organisation three times and as a person once is
/// probably an organisation everywhere; "Parisien" alone is probably the "Le Parisien" tagged elsewhere.
///
/// The second pass adds the weights of these features to the first pass's scores and decodes again,
/// so it costs a few lookups per word, not a second tagging.
public enum NERDocFeatures {
    /// Feature slots per token; 0 means "no feature".
    /// (Measured on WiNER 2017 with a 2016 model and left out: the first pass's own type crossed with
    /// the other occurrences', the neighbours' majority types, the other occurrences of the whole
    /// name string, and the first pass's own tag; each cost F1.)
    public static let count = 4

    private struct Counts {
        var type: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
        var outside: Int32 = 0
        var begins: Int32 = 0

        mutating func add(_ tag: UInt8, _ d: Int32) {
            switch tag {
            case 0: outside += d
            case 1, 2: type.0 += d
            case 3, 4: type.1 += d
            case 5, 6: type.2 += d
            default: type.3 += d
            }
            if tag != 0 && tag % 2 == 1 { begins += d }
        }

        var tagged: Int32 { type.0 + type.1 + type.2 + type.3 }

        /// Majority type (1…4, 0: none) and a bucket of the share of tagged occurrences.
        var summary: UInt64 {
            let t = tagged, all = t + outside
            if all <= 0 { return 0 }
            var best: UInt64 = 0, bestCount: Int32 = 0
            if type.0 > bestCount { best = 1; bestCount = type.0 }
            if type.1 > bestCount { best = 2; bestCount = type.1 }
            if type.2 > bestCount { best = 3; bestCount = type.2 }
            if type.3 > bestCount { best = 4; bestCount = type.3 }
            let bucket: UInt64 = t == 0 ? 1 : t == all ? 4 : 2 * t >= all ? 3 : 2
            let unanimous: UInt64 = t > 0 && bestCount == t ? 1 : 0
            return best << 8 | bucket << 4 | unanimous << 2 | (all > 1 ? 1 : 0)
        }
    }

    @inline(__always) static func typeIndex(_ tag: UInt8) -> UInt64 { tag == 0 ? 0 : UInt64((tag - 1) / 2 + 1) }

    /// The document features of every token, `count` per token, from the first pass's tags (one per token).
    public static func extract(_ doc: Document, _ infos: [TokenInfo], tags: [UInt8], into out: inout [UInt64]) {
        let tokens = doc.tokens
        let n = tokens.count
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: repeatElement(0, count: n * count))
        if n == 0 { return }
        @inline(__always) func isWord(_ i: Int) -> Bool {
            infos[i].flags.isDisjoint(with: [.punctuation, .number]) && tokens[i].kind == .word
        }
        // Occurrences of every word, by first-pass tag.
        var words: [Counts] = []
        var indexOf = [Int32](repeating: -1, count: n)
        for i in 0..<n where isWord(i) {
            let w = Int(infos[i].wordID)
            if w >= words.count { words.append(contentsOf: repeatElement(Counts(), count: w + 1 - words.count)) }
            indexOf[i] = Int32(w)
            words[w].add(tags[i], 1)
        }
        // Spans of the first pass: their strings, the words inside multi-word names, their initials.
        var inLonger: [UInt64: UInt8] = [:]
        var initials: [UInt64: UInt8] = [:]
        var spanOf = [Int32](repeating: -1, count: n)
        var spans: [(Range<Int>, UInt8)] = []
        var i = 0
        var buf: [UInt8] = [], caps: [UInt8] = []
        while i < n {
            guard tags[i] != 0 && tags[i] % 2 == 1 else { i += 1; continue }
            var end = i + 1
            while end < n && tags[end] == tags[i] + 1 { end += 1 }
            for k in i..<end { spanOf[k] = Int32(spans.count) }
            spans.append((i..<end, tags[i]))
            if end - i >= 2 {
                let bit = UInt8(1) << UInt8(typeIndex(tags[i]) - 1)
                for k in i..<end where isWord(k) { inLonger[infos[k].folded, default: 0] |= bit }
                buf.removeAll(keepingCapacity: true); caps.removeAll(keepingCapacity: true)
                for k in i..<end where isWord(k) {
                    guard let c = tokens[k].text.unicodeScalars.first, c.isASCII else { continue }
                    let lower = UInt8(c.value) | 0x20
                    if infos[k].flags.contains(.capitalized) { caps.append(lower) }
                    if !infos[k].flags.contains(.stopword) && infos[k].cue & NERLexicon.connector == 0 { buf.append(lower) }
                }
                if caps.count >= 2 { initials[FeatureHash.bytes(caps), default: 0] |= bit }
                if buf.count >= 2 { initials[FeatureHash.bytes(buf), default: 0] |= bit }
            }
            i = end
        }
        // Acronyms found in the document, with their first-pass types.
        var acronymTypes: [UInt64: UInt8] = [:]
        for k in 0..<n where infos[k].flags.contains(.allCaps) && tags[k] != 0 && isWord(k) {
            acronymTypes[infos[k].folded, default: 0] |= UInt8(1) << UInt8(typeIndex(tags[k]) - 1)
        }
        @inline(__always) func f(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> UInt64 { FeatureHash.feature(template, a, b) }
        var summaries = [UInt64](repeating: 0, count: n)
        for k in 0..<n where indexOf[k] >= 0 {
            var c = words[Int(indexOf[k])]
            c.add(tags[k], -1)
            summaries[k] = c.summary
        }
        for k in 0..<n where indexOf[k] >= 0 {
            let o = k * count
            let info = infos[k]
            let cap = UInt64(info.flags.intersection([.capitalized, .allCaps]).rawValue)
            let own = typeIndex(tags[k])
            // What the other occurrences of the word were tagged.
            let s = summaries[k]
            if s != 0 && (cap != 0 || s >> 8 != 0) { out[o] = f(201, s, cap) }
            guard cap != 0 else { continue }
            let ownSpan = spanOf[k] >= 0 ? spans[Int(spanOf[k])] : nil
            // The longer names holding the word elsewhere ("Parisien" and "Le Parisien").
            if let mask = inLonger[info.folded], (ownSpan?.0.count ?? 0) < 2 { out[o + 1] = f(203, UInt64(mask), own) }
            // An acronym whose expansion is tagged elsewhere (UA and Union africaine).
            if info.flags.contains(.allCaps), let t = initials[info.folded] { out[o + 2] = f(204, UInt64(t), own) }
            // A multi-word name whose acronym is tagged elsewhere.
            if let span = ownSpan, span.0.count >= 2 {
                buf.removeAll(keepingCapacity: true); caps.removeAll(keepingCapacity: true)
                for q in span.0 where isWord(q) {
                    guard let c = tokens[q].text.unicodeScalars.first, c.isASCII else { continue }
                    let lower = UInt8(c.value) | 0x20
                    if infos[q].flags.contains(.capitalized) { caps.append(lower) }
                    if !infos[q].flags.contains(.stopword) && infos[q].cue & NERLexicon.connector == 0 { buf.append(lower) }
                }
                let a = (caps.count >= 2 ? acronymTypes[FeatureHash.bytes(caps)] ?? 0 : 0) | (buf.count >= 2 ? acronymTypes[FeatureHash.bytes(buf)] ?? 0 : 0)
                if a != 0 { out[o + 3] = f(205, UInt64(a), own) }
            }
        }
    }
}
