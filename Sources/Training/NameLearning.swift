import Entities
import Evaluation
import LoupeCore

/// The names, first names and word types a tagger learns from its training documents (its lexicon).
extension NERTraining {
    /// Names learnt from documents: every annotated span's folded tokens with its majority type
    /// (kept when that type covers at least 70% of its occurrences), and first names.
    static func learnNames(_ docs: [Prepared]) -> (names: [(hash: UInt64, first: UInt64, count: Int, type: UInt8)], firstNames: Set<UInt64>, wordTypes: [UInt64: UInt8]) {
        var wordTypes: [UInt64: UInt8] = [:]
        var counts: [UInt64: (first: UInt64, count: Int, types: [Int])] = [:]
        var firstCounts: [UInt64: Int] = [:]
        var lowerCounts: [UInt64: Int] = [:], capCounts: [UInt64: Int] = [:]
        for p in docs {
            let folded = p.doc.tokens.map { FeatureHash.bytes(FastFold.fold($0.text)) }
            for (i, t) in p.doc.tokens.enumerated() where t.kind == .word {
                if t.isCapitalized { capCounts[folded[i], default: 0] += 1 } else { lowerCounts[folded[i], default: 0] += 1 }
            }
            for (r, type) in p.names {
                var h: UInt64 = 0
                for k in r { h = NERLexicon.sequenceStep(h, folded[k]) }
                var entry = counts[h] ?? (folded[r.lowerBound], r.count, [0, 0, 0, 0, 0])
                entry.types[Int(NERLexicon.typeCode(type))] += 1
                for k in r where p.doc.tokens[k].isCapitalized { wordTypes[folded[k], default: 0] |= 1 << NERLexicon.typeCode(type) }
                counts[h] = entry
                if type == .PER && r.count >= 2 {
                    let t = p.doc.tokens[r.lowerBound]
                    if t.isCapitalized && !t.text.hasSuffix(".") && t.text.unicodeScalars.count > 1 { firstCounts[folded[r.lowerBound], default: 0] += 1 }
                }
            }
        }
        var names: [(UInt64, UInt64, Int, UInt8)] = []
        for (h, e) in counts {
            let total = e.types.reduce(0, +)
            let best = e.types.indices.max { e.types[$0] < e.types[$1] }!
            if Double(e.types[best]) >= 0.7 * Double(total) { names.append((h, e.first, e.count, UInt8(best))) }
        }
        names.sort { $0.0 < $1.0 }
        let firsts = Set(firstCounts.keys.filter { (lowerCounts[$0] ?? 0) <= (capCounts[$0] ?? 0) })
        return (names, firsts, wordTypes)
    }

    static func lexicon(from docs: [Prepared], gazetteer: Gazetteer) -> NERLexicon {
        var lex = NERLexicon.base(gazetteer)
        let learnt = learnNames(docs)
        lex.addNames(learnt.names)
        lex.setLearnt(firstNames: learnt.firstNames, wordTypes: learnt.wordTypes)
        return lex
    }
}
