import Foundation
import LoupeCore

/// Scores each sentence, the document and each entity mention in [-1, 1], keeping the words that
/// moved each sentence's score.
///
/// The rules (`Sources/FrenchData/data/sentiment_rules.md`, prototype `tools/sentiment_proto.py`):
/// a sentence becomes units — words with their lexicon polarity, fixed phrases ("pas mal", "n'importe
/// quoi"), modifiers, emoticons. Intensifiers, attenuators and inverters scale the next polar unit
/// within three ("très bon", "peu fiable"); ne … pas/jamais/plus/rien and a bare pas, sans, aucun
/// negate (×-0.6); the last contrast word (mais, pourtant) halves what precedes it and weighs what
/// follows by 1.5; concessions and conditions (malgré, si) halve their clause; negative words weigh
/// 1.5 (lexicons lean positive); questions and conditional verbs damp the sentence, exclamation marks
/// add to it. The sum S is squashed to S / √(S² + 0.5). A document's score is the mean of its polar
/// sentences, neutral ones counting a quarter; |D| < 0.05 is reported as 0. A mention's score weighs
/// its sentence's words by their distance to it.
public struct SentimentScorer: Stage {
    public let name = "sentiment"
    public let requires: Set<Annotation> = [.tokens, .sentences, .boilerplate, .lemmas, .entities]
    public let provides: Set<Annotation> = [.sentiment]

    let lexicon: SentimentLexicon
    /// Names this scorer's memo of word facts in a ``Workspace`` (another lexicon, another memo).
    private let memoName = MemoName("sentiment")

    // Global constants, tuned on DEFT-2017 train only (sentiment_rules.md §0).
    static let alpha = 0.5, negationFactor = -0.6, negativeWeight = 1.5, afterContrast = 1.5
    static let question = 0.6, conditionalMood = 0.6, exclamation = 0.1, elongation = 1.3, capitals = 1.3
    static let neutralSentenceWeight = 0.25, neutralThreshold = 0.05, window = 3

    public init(lexicon: SentimentLexicon = .shared) {
        self.lexicon = lexicon
    }

    public func process(_ document: inout Document) { process(&document, in: Workspace()) }

    public func process(_ document: inout Document, in workspace: Workspace) {
        // A page of which the extractor kept almost nothing is not an article: no score rather than a false one.
        if document.metadata.isFragment { return }
        var total = 0.0, weight = 0.0, subjective = 0.0, scored = 0
        let memo = workspace.memo(memoName, of: WordFacts.self)
        let allCaps = !document.tokens.contains { $0.kind == .word && $0.text.unicodeScalars.contains { $0.properties.isLowercase } }
        // The words of names are not opinions: "Las" of Las Vegas, "Bon" of Bon Jovi, "Mal" of Mal Pelo.
        var inName = [Bool](repeating: false, count: document.tokens.count)
        for m in document.mentions where m.tokens.upperBound <= inName.count {
            for k in m.tokens { inName[k] = true }
        }
        for s in document.sentences.indices where !document.sentences[s].isBoilerplate {
            let result = scoreSentence(document.tokens, document.sentences[s].tokens, textIsAllCaps: allCaps, inName: inName, memo: memo)
            document.sentences[s].sentiment = result.score
            document.sentences[s].subjectivity = result.subjectivity
            document.sentences[s].sentimentCues = result.cues
            total += result.score
            weight += result.cues.isEmpty ? Self.neutralSentenceWeight : 1
            subjective += result.subjectivity
            scored += 1
        }
        let d = weight > 0 ? total / weight : 0
        document.sentiment = abs(d) < Self.neutralThreshold ? 0 : Self.round(d)
        document.subjectivity = scored > 0 ? Self.round(subjective / Double(scored)) : 0
        for m in document.mentions.indices {
            document.mentions[m].sentiment = mentionScore(document.mentions[m], document)
        }
    }

    /// The mention's sentence, each word weighted by 1 / (1 + distance / 5) tokens from the mention.
    func mentionScore(_ m: Mention, _ doc: Document) -> Double {
        guard doc.sentences.indices.contains(m.sentence) else { return 0 }
        var sum = 0.0
        for cue in doc.sentences[m.sentence].sentimentCues {
            let d = cue.token < m.tokens.lowerBound ? m.tokens.lowerBound - cue.token : max(0, cue.token - m.tokens.upperBound + 1)
            sum += cue.weight / (1 + Double(d) / 5)
        }
        return sum == 0 ? 0 : Self.round(sum / (sum * sum + Self.alpha).squareRoot())
    }

    // MARK: - Units

    enum Role { case word, phrase, neutral, emo, punct, skip, modifier(SentimentLexicon.ModifierKind, Double) }

    struct Unit {
        var tokens: Range<Int>
        var role: Role
        var polarity = 0.0
        var subjectivity = 0.0
        var contribution = 0.0
        var immune = false
        var negated = false
        var isPolar: Bool { contribution != 0 }
        var isPunct: Bool { if case .punct = role { return true }; return false }
        var isEmo: Bool { if case .emo = role { return true }; return false }
    }

    public struct Result {
        public var score: Double
        public var subjectivity: Double
        public var cues: [SentimentCue]
    }

    /// Score, subjectivity and cues of the tokens `range`.
    /// - Parameter inName: for each token, whether it is inside an entity mention (such words never count).
    public func scoreSentence(_ tokens: [Token], _ range: Range<Int>, textIsAllCaps: Bool = false, inName: [Bool] = [],
                              in workspace: Workspace = Workspace()) -> Result {
        scoreSentence(tokens, range, textIsAllCaps: textIsAllCaps, inName: inName, memo: workspace.memo(memoName, of: WordFacts.self))
    }

    private func scoreSentence(_ tokens: [Token], _ range: Range<Int>, textIsAllCaps: Bool, inName: [Bool], memo: Memo<WordFacts>) -> Result {
        var conditional = false
        var units = makeUnits(tokens, range, textIsAllCaps: textIsAllCaps, inName: inName, memo: memo, conditional: &conditional)
        assignModifierRoles(&units, tokens)
        applyScalers(&units)
        applyNegation(&units)
        applyContrastAndConditions(&units)
        var sum = 0.0
        var cues: [SentimentCue] = []
        var subjectivity = 0.0, polar = 0
        for u in units where u.isPolar {
            let c = u.contribution < 0 ? u.contribution * Self.negativeWeight : u.contribution
            sum += c
            cues.append(SentimentCue(token: u.tokens.lowerBound, weight: Self.round(c)))
            subjectivity += u.subjectivity
            polar += 1
        }
        guard sum != 0 else { return Result(score: 0, subjectivity: 0, cues: cues) }
        let terminal = tokens[range.upperBound - 1].text
        if terminal.containsBytes("?") && !terminal.containsBytes("!") { sum *= Self.question }
        if conditional { sum *= Self.conditionalMood }
        let bangs = min(3, terminal.filter { $0 == "!" }.count)
        sum += (sum > 0 ? 1 : -1) * Self.exclamation * Double(bangs)
        let score = sum / (sum * sum + Self.alpha).squareRoot()
        return Result(score: Self.round(score), subjectivity: Self.round(min(1, subjectivity / Double(max(1, polar)))), cues: cues)
    }

    private func lower(_ t: Token) -> String { Folding.lower(t.text) }

    /// `conditional`: set when a word of the range is a verb in the conditional mood.
    private func makeUnits(_ tokens: [Token], _ range: Range<Int>, textIsAllCaps: Bool, inName: [Bool], memo: Memo<WordFacts>,
                           conditional: inout Bool) -> [Unit] {
        var units: [Unit] = []
        units.reserveCapacity(range.count)  // at most one unit a token
        var lowered = Lowered(range)
        var i = range.lowerBound
        while i < range.upperBound {
            let t = tokens[i]
            switch t.kind {
            case .punctuation where !lexicon.mayBeEmoticon(t.text) || lexicon.emoticons[t.text] == nil:
                units.append(Unit(tokens: i..<i + 1, role: .punct))
            case .emoji, .punctuation, .symbol:
                var key = t.text
                key.unicodeScalars.removeAll { $0.value == 0xFE0F || (0x1F3FB...0x1F3FF).contains($0.value) }
                if let v = lexicon.emoticons[t.text] ?? lexicon.emoticons[key] ?? key.unicodeScalars.first.flatMap({ lexicon.emoticons[String($0)] }) {
                    units.append(Unit(tokens: i..<i + 1, role: .emo, polarity: v, subjectivity: 1, contribution: v, immune: true))
                } else {
                    units.append(Unit(tokens: i..<i + 1, role: .skip))
                }
            case .hashtag:
                let tag = Folding.lower(String(t.text.dropFirst()))
                let v = lexicon.entry(tag)?.polarity ?? 0
                units.append(Unit(tokens: i..<i + 1, role: .word, polarity: v, subjectivity: 0.5, contribution: v, immune: true))
            case .word where i < inName.count && inName[i]:
                units.append(Unit(tokens: i..<i + 1, role: .word))  // a word of a name: there, but no opinion
            case .word:
                let facts = facts(t, memo)
                if facts.conditional { conditional = true }
                if facts.startsModifier, let (m, n) = matchModifier(tokens, i, range, facts, &lowered) {
                    for k in (i + 1)..<(i + n) where !conditional && tokens[k].kind == .word && self.facts(tokens[k], memo).conditional {
                        conditional = true
                    }
                    switch m.kind {
                    case .phrase: units.append(Unit(tokens: i..<i + n, role: .phrase, polarity: m.value, subjectivity: 0.8, contribution: m.value, immune: true))
                    case .neutral: units.append(Unit(tokens: i..<i + n, role: .neutral))
                    default:
                        var u = Unit(tokens: i..<i + n, role: .modifier(m.kind, m.value))
                        if n == 1, let e = facts.entry { u.polarity = e.polarity; u.subjectivity = e.subjectivity }
                        units.append(u)
                    }
                    i += n
                    continue
                }
                var u = Unit(tokens: i..<i + 1, role: .word)
                if let e = facts.entry {
                    var p = e.polarity
                    if isElongated(t.text) { p *= Self.elongation }
                    if !textIsAllCaps && t.isAllCaps && t.text.count >= 3 { p *= Self.capitals }
                    u.polarity = p
                    u.subjectivity = e.subjectivity
                    u.contribution = p
                }
                units.append(u)
            default:
                units.append(Unit(tokens: i..<i + 1, role: .skip))
            }
            i += 1
        }
        return units
    }

    /// What the lexicons say about a word, whatever its context: the same for every occurrence of a
    /// form with a lemma, so worked out once per worker thread (keyed by a hash of both).
    private struct WordFacts {
        let entry: SentimentLexicon.Entry?
        /// Numbers of the modifier lists (``SentimentLexicon/modifierLists``) starting with the
        /// lower-cased form and with the lower-cased lemma (when it differs from the form); -1: none.
        let byForm: Int32
        let byLemma: Int32
        var startsModifier: Bool { byForm >= 0 || byLemma >= 0 }
        let conditional: Bool
    }

    private func facts(_ t: Token, _ memo: Memo<WordFacts>) -> WordFacts {
        var form = t.text, lemma = t.lemma
        let key = lemma.withUTF8 { l in form.withUTF8 { FeatureHash.bytes(l, seed: FeatureHash.bytes($0)) } }
        if let facts = memo.cached(key) { return facts }
        let byForm = lexicon.modifierID(lower(t)) ?? -1
        let byLemma = t.lemma == t.text ? -1 : lexicon.modifierID(Folding.lower(t.lemma)) ?? -1
        let facts = WordFacts(entry: entry(of: t), byForm: byForm, byLemma: byLemma, conditional: isConditionalVerb(t))
        memo.store(facts, for: key)
        return facts
    }

    /// The words of a sentence lower-cased (form and lemma), each once however many candidate phrases
    /// starting at however many tokens look at it.
    private struct Lowered {
        let start: Int
        var words: [(form: String, lemma: String)?]
        init(_ range: Range<Int>) {
            start = range.lowerBound
            words = Array(repeating: nil, count: range.count)
        }
    }

    /// The longest modifier or phrase starting at token `i` (matching each word's form or lemma).
    private func matchModifier(_ tokens: [Token], _ i: Int, _ range: Range<Int>, _ facts: WordFacts, _ lowered: inout Lowered)
        -> (SentimentLexicon.Modifier, Int)? {
        let byForm = facts.byForm >= 0 ? lexicon.modifierLists[Int(facts.byForm)] : nil
        let byLemma = facts.byLemma >= 0 ? lexicon.modifierLists[Int(facts.byLemma)] : nil
        if byForm == nil && byLemma == nil { return nil }
        let candidates = byLemma == nil ? byForm! : ((byForm ?? []) + byLemma!).sorted { $0.words.count > $1.words.count }
        func words(_ k: Int) -> (form: String, lemma: String)? {
            let t = i + k
            guard tokens[t].kind == .word else { return nil }
            if let known = lowered.words[t - lowered.start] { return known }
            let pair = (lower(tokens[t]), Folding.lower(tokens[t].lemma))
            lowered.words[t - lowered.start] = pair
            return pair
        }
        for m in candidates where i + m.words.count <= range.upperBound {
            var fits = true
            // The first word fits: the lists are those of its form and its lemma.
            for (k, w) in m.words.enumerated().dropFirst() {
                guard let word = words(k), word.form == w || word.lemma == w else { fits = false; break }
            }
            if fits { return (m, m.words.count) }
        }
        return nil
    }

    private func entry(of t: Token) -> SentimentLexicon.Entry? {
        let lemma = Folding.lower(t.lemma)
        if let e = lexicon.entry(lemma) { return e }
        let form = lower(t)
        if let e = lexicon.entry(form) { return e }
        if isElongated(form) {
            for keep in [2, 1] { if let e = lexicon.entry(Self.reduceRepeats(form, keep: keep)) { return e } }
        }
        return nil
    }

    // MARK: - Rules

    private static let subjects: Set<String> = [
        "il", "ils", "elle", "elles", "on", "je", "j'", "tu", "nous", "vous", "c'", "ce", "cela", "ça", "le", "la", "les", "l'",
        "un", "une", "des", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur",
        "leurs", "tout", "tous", "rien",
    ]

    /// Right to left, so that "très bien" settles "bien" before "très".
    private func assignModifierRoles(_ units: inout [Unit], _ tokens: [Token]) {
        for k in units.indices.reversed() {
            guard case .modifier(var kind, var value) = units[k].role else { continue }
            if kind == .conditional && lower(tokens[units[k].tokens.lowerBound]) == "si" {
                let next = k + 1 < units.count ? lower(tokens[units[k + 1].tokens.lowerBound]) : ""
                if !Self.subjects.contains(next) { kind = .intensifier; value = 1.2 }
            }
            if kind == .intensifier || kind == .attenuator || kind == .inverter {
                if nextPolar(units, after: k) != nil {
                    units[k].role = .modifier(kind, value)
                } else if units[k].polarity != 0 {
                    units[k].role = .word
                    units[k].contribution = units[k].polarity
                } else {
                    units[k].role = .skip
                }
            } else {
                units[k].role = .modifier(kind, value)
            }
        }
    }

    /// The first polar word or phrase within the window after unit `k`, not crossing punctuation or emoji.
    private func nextPolar(_ units: [Unit], after k: Int) -> Int? {
        var j = k + 1
        while j < units.count && j <= k + Self.window {
            if units[j].isPunct || units[j].isEmo { return nil }
            if units[j].isPolar { return j }
            j += 1
        }
        return nil
    }

    private func applyScalers(_ units: inout [Unit]) {
        for k in units.indices.reversed() {
            guard case .modifier(let kind, let value) = units[k].role, [.intensifier, .attenuator, .inverter].contains(kind),
                  let j = nextPolar(units, after: k) else { continue }
            units[j].contribution *= value
        }
    }

    private func applyNegation(_ units: inout [Unit]) {
        func negate(_ j: Int) {
            if units[j].isPolar && !units[j].immune && !units[j].negated {
                units[j].contribution *= Self.negationFactor
                units[j].negated = true
            }
        }
        func scope(from k: Int, length: Int) {
            var j = k + 1
            while j < units.count && j <= k + length {
                if units[j].isPunct { break }
                if case .modifier(let kind, _) = units[j].role, kind == .contrast || kind == .concessive { break }
                negate(j)
                j += 1
            }
        }
        var claimed = Set<Int>()
        for k in units.indices {
            guard case .modifier(.ne, _) = units[k].role else { continue }
            var j = k + 1
            while j < units.count && j <= k + 5 && !units[j].isPunct {
                if case .modifier(let kind, let value) = units[j].role, kind == .negator || kind == .negatorAfterNe {
                    for b in (k + 1)..<j { negate(b) }
                    scope(from: j, length: Int(value))
                    claimed.insert(j)
                    break
                }
                j += 1
            }
        }
        for k in units.indices where !claimed.contains(k) {
            guard case .modifier(.negator, let value) = units[k].role else { continue }
            scope(from: k, length: Int(value))
            if k > 0, case .word = units[k - 1].role, units[k - 1].isPolar {
                let ne = (max(0, k - 5)..<k).contains { if case .modifier(.ne, _) = units[$0].role { return true }; return false }
                if !ne { negate(k - 1) }
            }
        }
    }

    private func applyContrastAndConditions(_ units: inout [Unit]) {
        if let c = units.indices.last(where: { if case .modifier(.contrast, _) = units[$0].role { return true }; return false }),
           case .modifier(_, let before) = units[c].role {
            for j in units.indices { units[j].contribution *= j < c ? before : (j > c ? Self.afterContrast : 1) }
        }
        for k in units.indices {
            guard case .modifier(let kind, let value) = units[k].role, kind == .concessive || kind == .conditional else { continue }
            var j = k + 1
            while j < units.count && !units[j].isPunct { units[j].contribution *= value; j += 1 }
        }
    }

    private static let notConditional: Set<String> = ["vrais", "frais", "désormais", "jamais", "mais", "marais", "rabais", "relais", "anglais"]

    private func isConditionalVerb(_ t: Token) -> Bool {
        guard t.kind == .word else { return false }
        let w = lower(t)
        guard w.count >= 6, ["rais", "rait", "rions", "riez", "raient"].contains(where: { w.hasSuffixBytes($0) }), !Self.notConditional.contains(w) else { return false }
        let lemma = Folding.lower(t.lemma)
        return lemma != w && ["er", "ir", "re", "oir"].contains { lemma.hasSuffixBytes($0) }
    }

    private func isElongated(_ word: String) -> Bool {
        // ASCII words by their bytes (a Character is a byte there); others Character by Character.
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            var run = 1
            var previous: UInt8 = 0
            for b in word.utf8 {
                run = b == previous ? run + 1 : 1
                if run >= 3 && (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { return true }
                previous = b
            }
            return false
        }
        var run = 1
        var previous: Character?
        for c in word {
            run = c == previous ? run + 1 : 1
            if run >= 3 && c.isLetter { return true }
            previous = c
        }
        return false
    }

    /// "trooop" → "trop", "géniaaal" → "génial"; runs of three or more letters are cut to `keep`.
    static func reduceRepeats(_ word: String, keep: Int = 1) -> String {
        var out = ""
        var previous: Character?
        var run = 0
        for c in Array(word) + [" "] {
            if c == previous { run += 1; continue }
            if let p = previous { out.append(contentsOf: String(repeating: p, count: run >= 3 ? keep : run)) }
            previous = c
            run = 1
        }
        return out
    }

    static func round(_ x: Double) -> Double { (x * 10000).rounded() / 10000 }
}
