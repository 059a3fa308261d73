@testable import CorpusAnalysis
import Foundation
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
