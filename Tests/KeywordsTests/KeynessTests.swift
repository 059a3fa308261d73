import Keywords
import XCTest

final class KeynessTests: XCTestCase {
    /// Dunning's G² against a value computed by hand: a = 10 of 1,000 words, b = 10 of 10,000.
    func testLogLikelihoodValue() {
        let g = Keyness.logLikelihood(a: 10, b: 10, targetSize: 1_000, restSize: 10_000)
        // E1 = 1000·20/11000 = 1.818; E2 = 18.18; G² = 2(10 ln(10/1.818) + 10 ln(10/18.18)) = 22.13
        XCTAssertEqual(g, 22.13, accuracy: 0.01)
        XCTAssertLessThan(Keyness.logLikelihood(a: 1, b: 100, targetSize: 1_000, restSize: 1_000), 0, "under-use is negative")
        XCTAssertEqual(Keyness.logLikelihood(a: 5, b: 50, targetSize: 1_000, restSize: 10_000), 0, accuracy: 1e-9)
    }

    func testRankPutsTheTargetsOwnTermsFirst() {
        let target = ["huawei": 9, "partenariat": 6, "année": 2, "accord": 3]
        let corpus = ["huawei": 9, "partenariat": 6, "année": 40, "accord": 5, "match": 30, "gouvernement": 50]
        let ranked = Keyness.rank(targetCounts: target, corpusCounts: corpus)
        XCTAssertEqual(ranked.first?.term, "huawei")
        XCTAssertEqual(ranked.first?.significance, "p<0.001")
        XCTAssertEqual(ranked.last?.term, "année")
        XCTAssertLessThan(ranked.last!.logLikelihood, 0)
    }
}
