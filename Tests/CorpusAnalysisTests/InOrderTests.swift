@testable import CorpusAnalysis
import Foundation
import Ingest
import LoupeCore
import Pipeline
import XCTest

final class InOrderTests: XCTestCase {
    func testHandsOnInInputOrderWhateverTheOrderOfArrival() {
        var generator = SystemRandomNumberGenerator()
        let parts = [3, 0, 1, 4, 2]  // file 1 gave no document
        var positions: [InOrder<String>.Position] = []
        for (file, n) in parts.enumerated() { for part in 0..<n { positions.append(.init(file: file, part: part)) } }
        for _ in 0..<20 {
            var order = InOrder<String>(fileCount: parts.count)
            var out: [String] = []
            var filesDone: [Int] = []
            var partCountsGiven = Set<Int>()
            for position in positions.shuffled(using: &generator) {
                if partCountsGiven.insert(position.file).inserted { order.setPartCount(parts[position.file], of: position.file) }
                if !partCountsGiven.contains(1) && position.file > 1 { order.setPartCount(0, of: 1); partCountsGiven.insert(1) }
                order.add("\(position.file).\(position.part)", at: position)
                out += order.ready()
                filesDone.append(order.filesDone)
            }
            if !partCountsGiven.contains(1) { order.setPartCount(0, of: 1); out += order.ready() }
            XCTAssertEqual(out, positions.map { "\($0.file).\($0.part)" })
            XCTAssertTrue(order.isFinished)
            XCTAssertEqual(filesDone, filesDone.sorted())
        }
    }
}

/// The corpus loop's bookkeeping, driven by hand: reads that finish out of order under a tight memory bound.
final class RunBookkeepingTests: XCTestCase {
    func testALaterFileReadFirstNeverHoldsBackTheNextDocument() throws {
        var analyzer = CorpusAnalyzer(pipeline: try Pipeline.french(), jobs: 1)
        analyzer.unstoredTextBytes = 10
        var run = CorpusAnalyzer.Run(analyzer: analyzer, fileCount: 2)
        run.busy = 2  // two reads in flight
        func source(_ id: String) -> Result<SourceDocument, LoupeError> {
            .success(SourceDocument(id: id, text: "Un texte de plus de dix octets : \(id).", origin: id))
        }
        // File 1 is read first; its document starts and finishes, then waits for file 0's.
        run.read(file: 1, [source("b")])
        let first = try XCTUnwrap(run.nextToAnalyse())
        XCTAssertEqual(first.1.id, "b")
        run.read(file: 0, [source("a1"), source("a2")])
        let b = Document(id: "b", text: first.1.text)
        run.analysed(.analysed(b, hash: "h", warnings: [], origin: "b"), at: first.0, textBytes: b.text.utf8.count)
        XCTAssertTrue(run.isBlockedOnStore || run.unstoredCount >= 1, "b is analysed and not stored: memory is over the bound")
        XCTAssertTrue(run.handOn().isEmpty, "b waits for file 0")
        // Memory is over the bound, yet file 0's first document, the next in input order, may start.
        let next = try XCTUnwrap(run.nextToAnalyse(), "the next document in input order is never held back")
        XCTAssertEqual(next.1.id, "a1")
        XCTAssertEqual(next.0, .init(file: 0, part: 0))
    }
}

/// The ordered parallel map behind `loupe stream`.
final class OrderedMapTests: XCTestCase {
    func testResultsComeInInputOrderWithFewInFlight() async {
        var inputs = Array(0..<200).makeIterator()
        var out: [Int] = []
        var map = OrderedMap(jobs: 3)
        map.maxPending = 5
        await map.run(next: { inputs.next() }, size: { _ in 1 }) { n, worker, _ in
            precondition((0..<3).contains(worker))
            if n % 7 == 0 { usleep(2000) }  // some finish late
            return n * 10
        } output: { out.append($0) }
        XCTAssertEqual(out, (0..<200).map { $0 * 10 })
    }
}
