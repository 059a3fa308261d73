import CSV
import Foundation
import XCTest

/// What a journalist trips over (issue 17): corpus keywords against ordinary French, no silent no-ops,
/// dates checked at ingest, standard-input ids, names that are not opinions, whole sentences in
/// --explain, CSV for a French spreadsheet.
extension LoupeCLITests {
    private func corpusDB(_ db: String) throws {
        let run = try loupe(["analyze", Self.root.appendingPathComponent("corpus").path, "--db", db, "--quiet"])
        XCTAssertEqual(run.status, 0, run.err)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testCorpusKeywordsAreTopicalAgainstOrdinaryFrench() throws {
        try corpusDB("c.sqlite")
        let run = try loupe(["keywords", "--top", "10", "--db", "c.sqlite"])
        XCTAssertEqual(run.status, 0, run.err)
        let lines = run.out.split(separator: "\n")
        XCTAssertEqual(lines.first?.split(separator: " ").prefix(3), ["term", "count", "docs"], run.out)
        let terms = lines.dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        XCTAssertEqual(terms.count, 10, run.out)
        XCTAssertEqual(terms.first, "huawei", run.out)
        for topical in ["partenariat", "missile", "corée"] { XCTAssertTrue(terms.contains(topical), "\(topical) missing:\n\(run.out)") }
        // What the document-frequency ranking put first: generic words of any French text.
        for generic in ["an", "deux", "pouvoir", "nouveau", "premier", "février"] {
            XCTAssertFalse(terms.contains(generic), "\(generic) is not a keyword of this corpus:\n\(run.out)")
        }
        // A source, given in the wrong case, against ordinary French.
        let sahel = try loupe(["keywords", "--source", "tech sahel", "--top", "3", "--db", "c.sqlite"])
        XCTAssertEqual(sahel.status, 0, sahel.err)
        XCTAssertTrue(sahel.out.contains("sénégal"), sahel.out)
        // The HTML report's chart ranks the same way.
        XCTAssertEqual(try loupe(["report", "--html", "r.html", "--db", "c.sqlite"]).status, 0)
        let html = try String(contentsOf: dir.appendingPathComponent("r.html"), encoding: .utf8)
        let chart = html.components(separatedBy: "Top keywords</h2>")[1].components(separatedBy: "</svg>")[0]
        XCTAssertTrue(chart.contains(">huawei<"), chart)
        XCTAssertFalse(chart.contains(">an<"), chart)
    }

    func testFiltersThatMatchNothingFailWithTheClosestNames() throws {
        try corpusDB("c.sqlite")
        let typo = try loupe(["keywords", "--source", "Tech Sahil", "--db", "c.sqlite"])
        XCTAssertNotEqual(typo.status, 0)
        XCTAssertTrue(typo.err.contains("Closest: \"Tech Sahel\""), typo.err)
        let nope = try loupe(["export", "documents", "--source", "Nope", "--db", "c.sqlite"])
        XCTAssertNotEqual(nope.status, 0)
        XCTAssertTrue(nope.out.isEmpty && nope.err.contains("no source \"Nope\""), nope.err)
        for bad in ["2019-13", "2019-02-30", "2019-1"] {
            let run = try loupe(["export", "documents", "--since", bad, "--db", "c.sqlite"])
            XCTAssertNotEqual(run.status, 0, bad)
            XCTAssertTrue(run.err.contains("must be a date"), run.err)
        }
        let future = try loupe(["export", "documents", "--since", "2030", "--db", "c.sqlite"])
        XCTAssertNotEqual(future.status, 0)
        XCTAssertTrue(future.err.contains("no document matches --since 2030"), future.err)
        let doc = try loupe(["keywords", "--doc", "feed-00", "--db", "c.sqlite"])
        XCTAssertNotEqual(doc.status, 0)
        XCTAssertTrue(doc.err.contains("Closest: feed-00"), doc.err)
        // A right source in the wrong case exports its rows.
        let fil = try loupe(["export", "documents", "--source", "le fil monde", "--db", "c.sqlite"])
        XCTAssertEqual(fil.status, 0, fil.err)
        XCTAssertEqual(fil.out.split(separator: "\r\n").count, 4, fil.out)
    }

    func testAFolderOfPDFsIsNamedInTheSummaryAndFails() throws {
        _ = try write("docs/rapport.pdf", "%PDF-1.4")
        _ = try write("docs/note.docx", "PK")
        _ = try write("docs/annexe.pdf", "%PDF-1.4")
        _ = try write("docs/README", "notes")
        let run = try loupe(["analyze", dir.appendingPathComponent("docs").path, "--db", "p.sqlite"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.err.contains("0 documents analysed, 3 files of other types skipped (2 .pdf, 1 .docx)"), run.err)
        XCTAssertTrue(run.err.contains("pdftotext"), run.err)
    }

    func testJSONLDatesAreCheckedAndFiltersCompareDates() throws {
        let feed = try write("feed.jsonl", """
            {"id": "a", "date": "pas une date", "text": "Le conseil municipal a voté le budget."}
            {"id": "b", "date": "31 mai 2019", "text": "Le maire a présenté son projet."}
            {"id": "c", "date": "2021-02-30", "text": "La préfecture a publié un arrêté."}
            {"id": "d", "date": "2020-03-04T08:00:00Z", "text": "Le conseil régional a voté."}
            {"id": "d", "date": "2020-03-05", "text": "Le conseil régional a voté deux fois."}
            """)
        let run = try loupe(["analyze", feed, "--db", "d.sqlite"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.err.contains("feed.jsonl:1: \"date\": \"pas une date\" is not a date"), run.err)
        XCTAssertTrue(run.err.contains("feed.jsonl:3: \"date\": \"2021-02-30\" is not a date"), run.err)
        XCTAssertEqual(run.err.components(separatedBy: "\"d\"").count - 1, 1, "a repeated id is reported once:\n\(run.err)")
        let docs = try loupe(["export", "documents", "--raw", "--db", "d.sqlite"])
        let dates = Dictionary(uniqueKeysWithValues: docs.out.split(separator: "\r\n").dropFirst().map {
            let f = $0.split(separator: ",", omittingEmptySubsequences: false)
            return (String(f[0]), String(f[2]))
        })
        XCTAssertEqual(dates, ["a": "", "b": "2019-05-31", "c": "", "d": "2020-03-05"])
        let since = try loupe(["export", "documents", "--since", "2020", "--db", "d.sqlite"])
        XCTAssertEqual(since.out.split(separator: "\r\n").dropFirst().map { String($0.prefix(1)) }, ["d"], since.out)
    }

    func testStandardInputDocumentsGetTheirOwnIds() throws {
        XCTAssertEqual(try loupe(["analyze", "-", "--db", "s.sqlite"], stdin: "Le port de Dakar s'agrandit.").status, 0)
        XCTAssertEqual(try loupe(["analyze", "-", "--db", "s.sqlite"], stdin: "La ville de Lyon inaugure un tramway.").status, 0)
        let again = try loupe(["analyze", "-", "--db", "s.sqlite"], stdin: "Le port de Dakar s'agrandit.")
        XCTAssertTrue(again.err.contains("1 unchanged"), "the same text, the same id:\n\(again.err)")
        XCTAssertEqual(try loupe(["analyze", "-", "--id", "depeche-42", "--db", "s.sqlite"], stdin: "Le Sénat adopte la loi.").status, 0)
        let jsonl = try loupe(["analyze", "-", "--db", "s.sqlite"], stdin: "{\"id\": \"j1\", \"text\": \"Le Parlement européen vote.\"}\n")
        XCTAssertEqual(jsonl.status, 0, jsonl.err)
        let ids = try loupe(["export", "documents", "--db", "s.sqlite"]).out.split(separator: "\r\n").dropFirst()
            .map { String($0.split(separator: ",")[0]) }
        XCTAssertEqual(ids.count, 4, "\(ids)")
        XCTAssertEqual(ids.filter { $0.hasPrefix("stdin-") && $0.count == 18 }.count, 2, "\(ids)")
        XCTAssertTrue(ids.contains("depeche-42") && ids.contains("j1"), "\(ids)")
        XCTAssertFalse(ids.contains { $0 == "-" || $0 == "'-" }, "\(ids)")
    }

    func testNamesAreNotOpinionsNorVerbs() throws {
        let text = "René Angélil est parti pour Las Vegas en 2016. Le chanteur Bon Jovi y donnera un concert."
        XCTAssertEqual(try loupe(["analyze", "-", "--id", "n", "--db", "n.sqlite"], stdin: text).status, 0)
        let sentences = try loupe(["export", "sentences", "--db", "n.sqlite"]).out.split(separator: "\r\n").dropFirst()
        XCTAssertEqual(sentences.map { String($0.split(separator: ",")[4]) }, ["0", "0"], "\(sentences)")
        let tokens = try loupe(["export", "tokens", "--db", "n.sqlite"]).out
        XCTAssertTrue(tokens.contains(",René,René,"), tokens)
        XCTAssertFalse(tokens.contains("renaître"), tokens)
    }

    func testExplainPrintsWholeSentencesWrapped() throws {
        let long = "Le gouvernement a présenté mercredi un projet de loi très ambitieux sur la protection des données personnelles, que les associations jugent pourtant insuffisant et décevant sur plusieurs points essentiels."
        XCTAssertEqual(try loupe(["analyze", "-", "--id", "x", "--db", "x.sqlite"], stdin: long).status, 0)
        setenv("COLUMNS", "70", 1)
        defer { unsetenv("COLUMNS") }
        let run = try loupe(["report", "x", "--explain", "--db", "x.sqlite"])
        let part = run.out.components(separatedBy: "Sentences")[1]
        XCTAssertFalse(part.contains("…"), part)
        XCTAssertTrue(part.split(separator: "\n").allSatisfy { $0.count <= 70 }, part)
        let joined = part.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(joined.contains("jugent pourtant insuffisant et décevant sur plusieurs points essentiels."), part)
    }

    func testFrenchSpreadsheetPresetWritesNumbersWithDecimalCommas() throws {
        try corpusDB("c.sqlite")
        let run = try loupe(["export", "documents", "--excel-fr", "-o", "fr.csv", "--db", "c.sqlite"])
        XCTAssertEqual(run.status, 0, run.err)
        let data = try Data(contentsOf: dir.appendingPathComponent("fr.csv"))
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        var text = String(decoding: data, as: UTF8.self)
        text.removeFirst()
        let reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: ";")
        var sentiments: [String: String] = [:]
        while let row = reader.next(), row.count > 7 { sentiments[row[0]] = row[7] }
        XCTAssertEqual(sentiments["000_dca4ec47950a0694.txt"], "-0,075")
        XCTAssertEqual(sentiments.count, 29)
        // Opened by LibreOffice Calc in the fr-FR locale, the cell is a number.
        guard let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("LibreOffice is not installed (apt-get install libreoffice-calc)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: soffice)
        p.arguments = ["-env:UserInstallation=file://" + dir.appendingPathComponent("lo").path, "--headless",
                       "--infilter=CSV:59,34,76,1,,1036", "--convert-to", "fods", "--outdir", dir.path, dir.appendingPathComponent("fr.csv").path]
        p.environment = ["LANG": "fr_FR.UTF-8", "HOME": dir.path, "PATH": "/usr/bin:/bin"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let sheet = try String(contentsOf: dir.appendingPathComponent("fr.fods"), encoding: .utf8)
        XCTAssertTrue(sheet.contains("office:value-type=\"float\" office:value=\"-0.075\""), "sentiment is not a number in Calc")
        XCTAssertTrue(sheet.contains("En pleine tourmente en Europe et aux Etats-Unis"), "accents and text")
    }

    func testDatabaseFileThatIsNotLoupesIsRefused() throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder"), withIntermediateDirectories: true)
        let folder = try loupe(["analyze", "-", "--db", "folder"], stdin: "Le maire parle.")
        XCTAssertNotEqual(folder.status, 0)
        XCTAssertTrue(folder.err.contains("folder is a folder"), folder.err)
        XCTAssertFalse(folder.err.contains("permissions"), folder.err)
        _ = try write("notes.sqlite", "not a database")
        let text = try loupe(["entities", "--db", "notes.sqlite"])
        XCTAssertTrue(text.err.contains("is not a Loupe database"), text.err)
    }
}
