@testable import LoupeCore
import XCTest

/// The tagger's word lists moved from `Dictionary` to an open-addressing map; it must behave the same.
final class HashMap64Tests: XCTestCase {
    func testBehavesLikeADictionary() {
        var state: UInt64 = 1
        func next() -> UInt64 {  // splitmix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var map = HashMap64<UInt8>()
        var reference: [UInt64: UInt8] = [:]
        XCTAssertNil(map[42])
        let keys = [0, 1, 2] + (0..<5_000).map { _ in next() }
        for (i, k) in keys.enumerated() {
            map[k, default: 0] |= UInt8(i % 7)
            reference[k, default: 0] |= UInt8(i % 7)
            if i % 3 == 0 { map[k] = UInt8(i % 5); reference[k] = UInt8(i % 5) }  // overwrite
        }
        XCTAssertEqual(map.count, reference.count)
        for (k, v) in reference { XCTAssertEqual(map[k], v, "key \(k)") }
        for _ in 0..<5_000 { let k = next(); XCTAssertEqual(map[k], reference[k]) }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: map.entries.map { ($0.key, $0.value) }), reference)
        var set = HashMap64<Bool>()
        set.insert(0)
        set.insert(7)
        XCTAssertTrue(set.contains(0) && set.contains(7) && !set.contains(8))
        XCTAssertEqual(HashMap64([5: UInt8(3)])[5], 3)
    }
}
