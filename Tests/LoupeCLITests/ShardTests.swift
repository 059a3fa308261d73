import Foundation
import XCTest

/// A corpus analysed in shards and joined gives the database one run gives.
extension LoupeCLITests {
    func testShardsJoinedGiveTheDatabaseOfOneRun() throws {
        let corpus = Self.root.appendingPathComponent("corpus").path
        func db(_ name: String) -> String { dir.appendingPathComponent(name).path }
        XCTAssertEqual(try loupe(["analyze", corpus, "--db", db("one.sqlite"), "--quiet"]).status, 0)
        var counts: [Int] = []
        for i in 1...3 {
            let run = try loupe(["analyze", corpus, "--shard", "\(i)/3", "--db", db("part\(i).sqlite")])
            XCTAssertEqual(run.status, 0, run.err)
            counts.append(Int(run.err.split(separator: " ").first ?? "") ?? -1)
        }
        XCTAssertEqual(counts.reduce(0, +), 29, "each document in exactly one shard: \(counts)")
        XCTAssertTrue(counts.allSatisfy { $0 > 0 }, "\(counts)")
        let merge = try loupe(["merge", db("part1.sqlite"), db("part2.sqlite"), db("part3.sqlite"), "--db", db("joined.sqlite")])
        XCTAssertEqual(merge.status, 0, merge.err)
        XCTAssertTrue(merge.err.contains("29 documents joined from 3 databases"), merge.err)
        for table in ["documents", "sentences", "tokens", "mentions", "entities", "keywords", "keyphrases", "cooccurrences"] {
            let one = try loupe(["export", table, "--db", db("one.sqlite")])
            let joined = try loupe(["export", table, "--db", db("joined.sqlite")])
            XCTAssertEqual(one.status, 0)
            XCTAssertGreaterThan(one.out.count, 100, table)
            XCTAssertEqual(joined.out, one.out, "\(table) differs between one run and three shards joined")
        }
        XCTAssertNotEqual(try loupe(["analyze", corpus, "--shard", "4/3", "--db", db("bad.sqlite")]).status, 0, "a shard beyond N is refused")
        // A file that is not a Loupe database is named, and what was joined before it is kept.
        try "pas une base".write(toFile: db("notes.sqlite"), atomically: true, encoding: .utf8)
        let bad = try loupe(["merge", db("part1.sqlite"), db("notes.sqlite"), "--db", db("partial.sqlite")])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.err.contains("notes.sqlite"), bad.err)
        let kept = try loupe(["export", "documents", "--db", db("partial.sqlite")])
        XCTAssertEqual(kept.out.split(whereSeparator: \.isNewline).count - 1, counts[0], "the first shard stays joined")
    }
}
