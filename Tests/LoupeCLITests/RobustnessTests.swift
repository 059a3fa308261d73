import Foundation
import GRDB
import XCTest

/// Faults a user meets on real runs: a killed process, two runs at once, a reader during a run, huge files.
extension LoupeCLITests {
    /// Writes `count` distinct French articles (the seed with a numbered line) into `folder`.
    private func articles(_ count: Int, in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let seed = try String(contentsOf: Self.root.appendingPathComponent("corpus/000_dca4ec47950a0694.txt"), encoding: .utf8)
        for i in 0..<count {
            try "Dépêche numéro \(i) de l’agence.\n\n\(seed)".write(to: folder.appendingPathComponent(String(format: "a%04d.txt", i)), atomically: false, encoding: .utf8)
        }
    }

    private func documentCount(_ path: String) throws -> Int {
        let db = try DatabaseQueue(path: path)
        return try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM document") ?? 0 }
    }

    func testKillDuringAnalysisLosesNothingStored() throws {
        let input = dir.appendingPathComponent("many")
        try articles(600, in: input)
        let db = dir.appendingPathComponent("k.sqlite").path
        let process = Process()
        process.executableURL = binary
        process.arguments = ["analyze", input.path, "--db", db, "--quiet"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first committed batch, then kill -9.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: db), (try? documentCount(db)) ?? 0 > 0 { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let stored = try documentCount(db)
        XCTAssertGreaterThan(stored, 0)
        let check = try DatabaseQueue(path: db).read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(check, ["ok"])
        // The next run stores exactly the missing documents.
        XCTAssertLessThan(stored, 600, "the run was stopped partway (the first commit is polled every 20 ms)")
        let rerun = try loupe(["analyze", input.path, "--db", db])
        XCTAssertEqual(rerun.status, 0, rerun.err)
        XCTAssertTrue(rerun.err.contains("\(600 - stored) documents analysed, \(stored) unchanged"), "stored \(stored): \(rerun.err)")
        XCTAssertEqual(try documentCount(db), 600)
        // The entities are those of one uninterrupted run.
        let whole = dir.appendingPathComponent("whole.sqlite").path
        XCTAssertEqual(try loupe(["analyze", input.path, "--db", whole, "--quiet"]).status, 0)
        XCTAssertEqual(try loupe(["export", "entities", "--db", db]).out, try loupe(["export", "entities", "--db", whole]).out)
    }

    func testTwoRunsOnOneDatabaseAndAReaderMeanwhile() throws {
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        try articles(200, in: a)
        try articles(200, in: b)
        let db = dir.appendingPathComponent("c.sqlite").path
        XCTAssertEqual(try loupe(["analyze", Self.root.appendingPathComponent("corpus").path, "--db", db]).status, 0)
        var runs: [Process] = []
        for folder in [a, b] {
            let p = Process()
            p.executableURL = binary
            p.arguments = ["analyze", folder.path, "--db", db, "--quiet"]
            p.standardError = FileHandle.nullDevice
            try p.run()
            runs.append(p)
        }
        // The reader starts once a run has committed a batch and must end before both runs do.
        let corpusCount = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("corpus").path)
            .filter { $0.hasSuffix(".txt") }.count
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try? documentCount(db)) ?? 0 <= corpusCount + 8 { usleep(10_000) }
        let reader = try loupe(["report", "--db", db])
        XCTAssertEqual(reader.status, 0, "reports work while an analysis runs: \(reader.err)")
        XCTAssertTrue(runs.contains { $0.isRunning }, "the reader overlapped an analysis")
        for p in runs { p.waitUntilExit(); XCTAssertEqual(p.terminationStatus, 0) }
        // Ids are relative to each folder, so b's files replace a's: 200 distinct names plus the corpus.
        XCTAssertGreaterThanOrEqual(try documentCount(db), 200 + corpusCount)
        let check = try DatabaseQueue(path: db).read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(check, ["ok"])
    }

    func testLargeFileIsAnalysedInParts() throws {
        let seed = try String(contentsOf: Self.root.appendingPathComponent("corpus/000_dca4ec47950a0694.txt"), encoding: .utf8)
        var text = ""
        while text.utf8.count < 9 << 20 { text += seed + "\n\n" }
        let path = dir.appendingPathComponent("huge.txt")
        try text.write(to: path, atomically: false, encoding: .utf8)
        let run = try loupe(["analyze", path.path, "--db", "h.sqlite"])
        XCTAssertEqual(run.status, 0, run.err)
        let parts = run.err.components(separatedBy: "analysed as ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        XCTAssertTrue((36...48).contains(parts), run.err)  // parts of about 256 KiB
        let db = try DatabaseQueue(path: dir.appendingPathComponent("h.sqlite").path)
        let (names, length, tokenArrays, largeArrays) = try db.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM document ORDER BY id"), try Int.fetchOne(db, sql: "SELECT SUM(characters) FROM document") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document_tokens WHERE json_array_length(tokens) > 0") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document_tokens WHERE json_array_length(tokens) > 10000") ?? 0)
        }
        XCTAssertEqual(names.first, path.path + "#1")
        XCTAssertEqual(names.count, parts)
        XCTAssertEqual(length, text.unicodeScalars.count, "the parts add up to the whole text")
        // A part's tokens are one row of megabytes: such rows are written as they come, none is lost.
        XCTAssertEqual(tokenArrays, parts, "every part's tokens stored")
        XCTAssertGreaterThanOrEqual(largeArrays, parts - 1, "full parts hold tens of thousands of tokens (the last may be short)")
    }

    func testUnreadableAndMissingPathsAreNamed() throws {
        let run = try loupe(["analyze", dir.appendingPathComponent("nowhere").path, Self.root.appendingPathComponent("corpus/000_dca4ec47950a0694.txt").path, "--db", "u.sqlite"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.err.contains("nowhere: no such file or folder"), run.err)
        XCTAssertTrue(run.err.contains("1 document analysed"), run.err)
        let notADatabase = dir.appendingPathComponent("notes.sqlite")
        try "ceci n'est pas une base".write(to: notADatabase, atomically: false, encoding: .utf8)
        let bad = try loupe(["analyze", Self.root.appendingPathComponent("corpus/000_dca4ec47950a0694.txt").path, "--db", notADatabase.path])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.err.contains("not a Loupe database"), bad.err)
        XCTAssertEqual(try String(contentsOf: notADatabase, encoding: .utf8), "ceci n'est pas une base", "nothing was overwritten")
    }

    /// Mounts a tmpfs of `size` at a new folder, or skips the test where mounting is not allowed.
    private func smallDisk(_ size: String) throws -> URL {
        let mountPoint = dir.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        guard shell("mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mountPoint.path) == 0 else {
            throw XCTSkip("a full or read-only disk needs a tmpfs mount (root); not allowed here")
        }
        addTeardownBlock { _ = self.shell("umount", "-l", mountPoint.path) }
        return mountPoint
    }

    @discardableResult
    private func shell(_ arguments: String...) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// SQLITE_FULL half-way through a run: a clear message, the batches already committed intact,
    /// and a rerun with room stores exactly the rest.
    func testFullDiskKeepsWhatWasStored() throws {
        let input = dir.appendingPathComponent("many")
        try articles(200, in: input)
        let disk = try smallDisk("2m")
        let db = disk.appendingPathComponent("f.sqlite").path
        let full = try loupe(["analyze", input.path, "--db", db])
        XCTAssertEqual(full.status, 1)
        XCTAssertTrue(full.err.contains("the disk is full"), full.err)
        XCTAssertFalse(full.err.contains("Fatal error"), full.err)
        let stored = try documentCount(db)
        XCTAssertGreaterThan(stored, 0, "the batches before the disk filled are kept")
        XCTAssertLessThan(stored, 200)
        let check = try DatabaseQueue(path: db).read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(check, ["ok"])
        // Every stored document is whole: the articles differ only by a number, so all have as many
        // token and sentence rows (a half-written one would have fewer).
        let shapes = try DatabaseQueue(path: db).read {
            try String.fetchSet($0, sql: """
                SELECT (SELECT json_array_length(tokens) FROM document_tokens WHERE document_id = d.id) || '/' || (SELECT count(*) FROM sentence WHERE document_id = d.id)
                FROM document d
                """)
        }
        XCTAssertEqual(shapes.count, 1, "token/sentence rows per stored document: \(shapes)")
        // With room again, the next run stores exactly the missing documents.
        let roomy = dir.appendingPathComponent("f.sqlite").path
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: db + suffix) {
            try FileManager.default.copyItem(atPath: db + suffix, toPath: roomy + suffix)
        }
        let rerun = try loupe(["analyze", input.path, "--db", roomy])
        XCTAssertEqual(rerun.status, 0, rerun.err)
        XCTAssertTrue(rerun.err.contains("\(200 - stored) documents analysed, \(stored) unchanged"), "stored \(stored): \(rerun.err)")
    }

    /// A database on a disk mounted read-only (root cannot write there either): named, nothing changed.
    func testReadOnlyDiskIsNamed() throws {
        let disk = try smallDisk("4m")
        let db = disk.appendingPathComponent("r.sqlite").path
        let seed = Self.root.appendingPathComponent("corpus/000_dca4ec47950a0694.txt").path
        XCTAssertEqual(try loupe(["analyze", seed, "--db", db]).status, 0)
        guard shell("mount", "-o", "remount,ro", disk.path) == 0 else { throw XCTSkip("cannot remount read-only here") }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let run = try loupe(["analyze", Self.root.appendingPathComponent("corpus").path, "--db", db])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.err.contains(db) && run.err.contains("cannot write the database"), run.err)
        XCTAssertFalse(run.err.contains("Fatal error"), run.err)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
        // Reading still works: the entity report of what was stored.
        let entities = try loupe(["entities", "--db", db])
        XCTAssertEqual(entities.status, 0, entities.err)
        XCTAssertTrue(entities.out.contains("Huawei"), entities.out)
    }
}
