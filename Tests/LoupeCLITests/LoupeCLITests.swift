import CSV
import Foundation
import XCTest

/// Runs the built `loupe` binary as a user would.
final class LoupeCLITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    var binary: URL {
        var products = Bundle.main.bundleURL
        if products.pathExtension == "xctest" { products.deleteLastPathComponent() }
        return products.appendingPathComponent("loupe")
    }

    @discardableResult
    func loupe(_ args: [String], stdin: String? = nil) throws -> (status: Int32, out: String, err: String) {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("build the executable first: swift build (looked for \(binary.path))")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.currentDirectoryURL = dir
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin.data(using: .utf8)!) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func testAnalyseCorpusThenEntityReportAndIncrementalRerun() throws {
        let corpus = Self.root.appendingPathComponent("corpus").path
        let first = try loupe(["analyze", corpus, "--db", "c.sqlite"])
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(first.err.contains("documents analysed"), first.err)
        let report = try loupe(["entities", "--db", "c.sqlite", "--top", "60"])
        XCTAssertEqual(report.status, 0)
        for name in ["Huawei", "Union africaine"] { XCTAssertTrue(report.out.contains(name), "\(name) missing from\n\(report.out)") }
        let huawei = report.out.split(separator: "\n").first { $0.hasPrefix("Huawei ") }!
        XCTAssertTrue(huawei.contains("ORG"))
        let union = report.out.split(separator: "\n").first { $0.hasPrefix("Union africaine") }!
        XCTAssertTrue(union.contains("UA"), "UA is an alias of Union africaine")
        XCTAssertEqual(report.out.split(separator: "\n").filter { $0.hasPrefix("États-Unis") || $0.hasPrefix("Etats-Unis") }.count, 1)
        XCTAssertTrue(report.out.split(separator: "\n").allSatisfy { $0.count <= 100 }, "fits 100 columns")

        let again = try loupe(["analyze", corpus, "--db", "c.sqlite"])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.err.contains("0 documents analysed, 29 unchanged"), again.err)

        let doc = try loupe(["report", "000_dca4ec47950a0694.txt", "--db", "c.sqlite", "--explain"])
        XCTAssertEqual(doc.status, 0, doc.err)
        XCTAssertTrue(doc.out.hasPrefix("En pleine tourmente en Europe et aux Etats-Unis"))
        XCTAssertTrue(doc.out.contains("[boilerplate]"))
    }

    func testBadInputsAreNamedAndTheGoodOnesStored() throws {
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        func write(_ name: String, _ bytes: [UInt8]) { FileManager.default.createFile(atPath: input.appendingPathComponent(name).path, contents: Data(bytes)) }
        write("good.txt", Array("Huawei renforce son partenariat avec l’Union africaine.".utf8))
        write("empty.txt", [])
        write("binary.txt", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00])
        write("latin.txt", Array("Les Etats-Unis et la Chine sign".utf8) + [0xE9, 0x73, 0x2E])
        write("invalid.txt", [0x41, 0x81, 0x42, 0x8D, 0xC3])
        write("feed.jsonl", Array("""
            {"id": "f1", "text": "Le Sénégal adopte un plan numérique.", "source": "APS", "date": "2024-03-02"}
            {"id": "f2", "text": broken}
            {"id": "f3", "text": "La Namibie s’inspire de Djibouti."}
            """.utf8))
        let run = try loupe(["analyze", input.path, "--db", "bad.sqlite"])
        XCTAssertEqual(run.status, 1, "failures make the exit status non-zero")
        XCTAssertTrue(run.err.contains("empty.txt: empty file"), run.err)
        XCTAssertTrue(run.err.contains("binary.txt: binary data"), run.err)
        XCTAssertTrue(run.err.contains("invalid.txt: not valid UTF-8"), run.err)
        XCTAssertTrue(run.err.contains("feed.jsonl:2: invalid JSON"), run.err)
        XCTAssertTrue(run.err.contains("latin.txt: not UTF-8; decoded as Windows-1252"), run.err)

        let csv = try loupe(["export", "documents", "--db", "bad.sqlite"])
        let reader = try CSVReader(string: csv.out, hasHeaderRow: true)
        var ids: [String] = []
        var sources: [String: String] = [:]
        while let row = reader.next(), row.count > 1 {
            ids.append(row[0])
            sources[row[0]] = row[3]
        }
        XCTAssertEqual(Set(ids), ["f1", "f3", "good.txt", "latin.txt"])
        XCTAssertEqual(sources["f1"], "APS")
        let sentences = try loupe(["export", "sentences", "--db", "bad.sqlite", "--format", "jsonl"])
        XCTAssertTrue(sentences.out.contains("\"text\":\"Les Etats-Unis et la Chine signés.\""), sentences.out)
    }

    func testStandardInputAndExportToFile() throws {
        let run = try loupe(["analyze", "-", "--db", "s.sqlite"], stdin: "Emmanuel Macron est arrivé à Dakar.\n")
        XCTAssertEqual(run.status, 0, run.err)
        let out = try loupe(["export", "mentions", "--db", "s.sqlite", "--output", "m.csv"])
        XCTAssertEqual(out.status, 0, out.err)
        let reader = try CSVReader(stream: InputStream(fileAtPath: dir.appendingPathComponent("m.csv").path)!, hasHeaderRow: true)
        XCTAssertEqual(reader.headerRow!, ["document", "start", "end", "text", "type", "entity", "sentence", "sentiment"])
        var rows: [[String]] = []
        while let row = reader.next(), row.count > 1 { rows.append(row) }
        XCTAssertEqual(rows.map { $0[3] }, ["Emmanuel Macron", "Dakar"])
        XCTAssertEqual(rows[0][1], "0")
        XCTAssertEqual(rows[0][2], "15")
        XCTAssertEqual(rows.map { $0[4] }, ["PER", "LOC"])
    }

    /// The benchmark prints every stage and three end-to-end runs with their best and median, and
    /// cleans up its temporary articles and databases.
    func testBenchPrintsStagesAndEndToEndRuns() throws {
        let before = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("loupe-bench-") }
        let result = try loupe(["bench", Self.root.appendingPathComponent("corpus").path, "--jobs", "2"])
        XCTAssertEqual(result.status, 0, result.err)
        for stage in ["tokenizer", "sentences", "boilerplate", "lemmas", "entities", "keywords", "sentiment", "all stages"] {
            XCTAssertTrue(result.out.contains("\n" + stage), "no \(stage) row in:\n\(result.out)")
        }
        let runs = result.out.split(separator: "\n").filter { $0.hasPrefix("  run ") }
        XCTAssertEqual(runs.count, 3, result.out)
        let summary = try XCTUnwrap(result.out.split(separator: "\n").first { $0.hasPrefix("best ") })
        let numbers = summary.split(separator: " ").compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        XCTAssertEqual(numbers.count, 2, String(summary))
        // The summary is the best and the median of the runs printed above it.
        let rates = runs.compactMap { line in line.split(separator: " ").compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }.last }.sorted()
        XCTAssertEqual(rates.count, 3, runs.joined(separator: "\n"))
        XCTAssertEqual(numbers, [rates[2], rates[1]], "best and median of \(rates)")
        let after = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("loupe-bench-") }
        XCTAssertEqual(Set(after), Set(before), "temporary folder left behind")
    }

    func testHelpfulErrors() throws {
        let missing = try loupe(["report", "--db", "nothing.sqlite"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue((missing.out + missing.err).contains("no database at nothing.sqlite"))
        let badTable = try loupe(["export", "people"])
        XCTAssertNotEqual(badTable.status, 0)
        XCTAssertTrue(badTable.err.contains("documents"), badTable.err)
    }
}

extension LoupeCLITests {
    func testKeywordsAndDistinctiveTerms() throws {
        XCTAssertEqual(try loupe(["analyze", Self.root.appendingPathComponent("corpus").path, "--db", "k.sqlite"]).status, 0)
        let distinctive = try loupe(["keywords", "--doc", "000_dca4ec47950a0694.txt", "--distinctive", "--db", "k.sqlite", "--top", "5"])
        XCTAssertEqual(distinctive.status, 0, distinctive.err)
        let lines = distinctive.out.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("term"))
        // corpus/feed.jsonl also speaks of Huawei, so "partenariat" may outrank it; both are among the top.
        let huawei = lines.prefix(3).first { $0.hasPrefix("huawei") }
        XCTAssertNotNil(huawei, distinctive.out)
        XCTAssertTrue(huawei?.hasSuffix("p<0.001") ?? false)
        let corpus = try loupe(["keywords", "--db", "k.sqlite", "--top", "3"])
        XCTAssertEqual(corpus.out.split(separator: "\n").count, 4)
        let explain = try loupe(["report", "000_dca4ec47950a0694.txt", "--explain", "--db", "k.sqlite"])
        XCTAssertTrue(explain.out.contains("espionner -"), "the explanation names the words that moved a sentence:\n\(explain.out)")
        let needsDocs = try loupe(["keywords", "--distinctive", "--db", "k.sqlite"])
        XCTAssertNotEqual(needsDocs.status, 0)
    }
}
