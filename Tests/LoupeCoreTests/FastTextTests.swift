import XCTest
@testable import LoupeCore
import TestSupport

/// The byte-level fast paths must give exactly what the general (slow) code gives.
final class FastTextTests: XCTestCase {
    /// Scalars that French news text is made of, plus the edges the fast paths must hand over.
    private let alphabet: [Unicode.Scalar] = Array("aAzZéÉèàÂçÇœŒæßÿŸ ǅǆİıĲ-'’‘–—\t\n\u{A0}\u{202F}\u{B4}\u{AD}«»0 9.!".unicodeScalars)
        + [Unicode.Scalar(0x3B1)!, Unicode.Scalar(0x416)!, Unicode.Scalar(0x1F600)!, Unicode.Scalar(0x301)!, Unicode.Scalar(0x2BC)!,
           Unicode.Scalar(0x2026)!, Unicode.Scalar(0x2032)!, Unicode.Scalar(0x1E9E)!, Unicode.Scalar(0x2C6F)!]
        + (0x80..<0x250).map { Unicode.Scalar(UInt32($0))! } + (0x2000..<0x2070).compactMap { Unicode.Scalar(UInt32($0)) }

    private func randomText(_ g: inout SeededGenerator, latinOnly: Bool) -> String {
        var s = String.UnicodeScalarView()
        let pool = latinOnly ? alphabet.filter { $0.value < 0x250 || $0.value == 0x2019 || $0.value == 0x2013 } : alphabet
        for _ in 0..<Int.random(in: 0...12, using: &g) { s.append(pool.randomElement(using: &g)!) }
        return String(s)
    }

    func testFoldAndLowerMatchTheGeneralPath() {
        var g = SeededGenerator(state: 42)
        for round in 0..<20_000 {
            let text = randomText(&g, latinOnly: round % 2 == 0)
            XCTAssertEqual(Folding.fold(text), Folding.foldAnyScript(text), "fold of \(Array(text.unicodeScalars))")
            let lower = Folding.lower(text)
            XCTAssertEqual(lower, Folding.lowerAnyScript(text), "lower of \(Array(text.unicodeScalars))")
        }
        XCTAssertEqual(Folding.fold("  ÉTATS–Unis\u{A0}d’Amérique "), "etats-unis d'amerique")
        XCTAssertEqual(Folding.lower("ŒUVRE Ça"), "œuvre ça")
    }

    /// A document's scalars and their UTF-8 offsets, decoded from the bytes, against the scalar view.
    func testDocumentScalarsAndOffsetsMatchTheScalarView() {
        var g = SeededGenerator(state: 5)
        for round in 0..<2000 {
            let text = randomText(&g, latinOnly: round % 3 == 0)
            let doc = Document(id: "t", text: text)
            XCTAssertEqual(doc.scalars, Array(text.unicodeScalars))
            var offsets: [Int32] = [], position: Int32 = 0
            for s in text.unicodeScalars { offsets.append(position); position += Int32(UTF8.width(s)) }
            offsets.append(position)
            XCTAssertEqual(doc.utf8Offsets, offsets, "\(Array(text.unicodeScalars))")
        }
        XCTAssertEqual(Document(id: "e", text: "").utf8Offsets, [0])
    }

    func testHasSuffixBytesAgreesWithHasSuffix() {
        var g = SeededGenerator(state: 8)
        let suffixes = ["", "s", "es", "rait", "aux", "ée", "e\u{301}", "\u{301}", "\n", "\r\n", "'", "’", "ès", "x"]
        for round in 0..<20_000 {
            var text = randomText(&g, latinOnly: round % 2 == 0)
            if round % 3 == 0 { text += suffixes.randomElement(using: &g)! }
            if round % 7 == 0 { text += "\r" }
            for suffix in suffixes {
                XCTAssertEqual(text.hasSuffixBytes(suffix), text.hasSuffix(suffix), "\(Array(text.unicodeScalars)) / \(Array(suffix.unicodeScalars))")
            }
        }
    }

    func testUTF16TranscodingMatchesTheStandardLibrary() {
        var g = SeededGenerator(state: 7)
        let units: [UInt16] = [0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x2019, 0xFFFD, 0xD83D, 0xDE00, 0xDC00, 0xD800, 0x20]
        for _ in 0..<20_000 {
            let u = (0..<Int.random(in: 0...10, using: &g)).map { _ in units.randomElement(using: &g)! }
            let slice = u[...]
            XCTAssertEqual(String(utf16Units: slice), String(decoding: slice, as: UTF16.self), "units \(u)")
        }
        let text = Array("l’Union africaine 😀 État".utf16)
        XCTAssertEqual(String(utf16Units: text[2..<7]), "Union")
    }

    func testByteSearch() {
        XCTAssertTrue("cœur et oeuvre".containsBytes("oe"))
        XCTAssertFalse("cœur".containsBytes("oe"))
        XCTAssertTrue("peut-être".containsBytes("-"))
        XCTAssertFalse("peut".containsBytes("-"))
        XCTAssertTrue("abab".containsBytes("bab"))
        XCTAssertFalse("ab".containsBytes("abc"))
        XCTAssertTrue("x".containsBytes(""))
    }
}

final class MemoTests: XCTestCase {
    func testComputesOncePerKeyStaysBoundedAndIsPerWorkspace() {
        let name = MemoName("test")
        let workspace = Workspace()
        let memo = workspace.memo(name, of: Int.self, limit: 3)
        XCTAssertTrue(memo === workspace.memo(name, of: Int.self, limit: 3), "the same memo for the same workspace")
        var calls = 0
        func length(_ s: String) -> Int {
            if let n = memo.cached(FeatureHash.string(s)) { return n }
            calls += 1
            memo.store(s.count, for: FeatureHash.string(s))
            return s.count
        }
        XCTAssertEqual(length("Union"), 5)
        XCTAssertEqual(length("Union"), 5)
        XCTAssertEqual(calls, 1)
        for w in ["a", "bb", "ccc", "dddd"] { _ = length(w) }  // past the limit: cleared, still correct
        XCTAssertEqual(length("Union"), 5)
        XCTAssertEqual(calls, 6)
        // Another stage instance, another memo; another workspace (another worker), another memo.
        XCTAssertFalse(memo === workspace.memo(MemoName("test"), of: Int.self))
        XCTAssertFalse(memo === Workspace().memo(name, of: Int.self, limit: 3))
    }

    func testMemoGoesWithItsWorkspace() {
        weak var released: Memo<Int>?
        do {
            let workspace = Workspace()
            let memo = workspace.memo(MemoName("test"), of: Int.self)
            memo.store(1, for: 7)
            released = memo
            XCTAssertNotNil(released)
        }
        XCTAssertNil(released, "a run's memos are freed with its workspace, not kept by a thread")
    }
}

final class MemoKeyTests: XCTestCase {
    /// Per-form memos key a token by its text, kind and a salt: any of the three differing must give
    /// another key, or a lemma or a word's facts would be served for the wrong token.
    func testKeysSeparateTextKindAndSalt() {
        XCTAssertEqual(TokenKind.allCases.map(\.ordinal), (0..<UInt64(TokenKind.allCases.count)).map { $0 })
        let word = Token(span: Span(0, 3), text: "mai", kind: .word)
        var keys: Set<UInt64> = [word.memoKey(), word.memoKey(salt: 1)]
        for kind in TokenKind.allCases where kind != .word { keys.insert(Token(span: Span(0, 3), text: "mai", kind: kind).memoKey()) }
        keys.insert(Token(span: Span(0, 3), text: "Mai", kind: .word).memoKey())
        XCTAssertEqual(keys.count, 2 + (TokenKind.allCases.count - 1) + 1)
        XCTAssertEqual(word.memoKey(), Token(span: Span(10, 13), text: "mai", kind: .word, isStopword: true).memoKey())
    }
}
