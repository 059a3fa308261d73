import CSV
import Foundation
import XCTest

/// compare, similar, trends, report --html and the export options, on corpus/ (the seed article,
/// 20 Wikinews articles and corpus/feed.jsonl with sources and dates).
extension LoupeCLITests {
    private func analysedCorpus(_ db: String) throws {
        let run = try loupe(["analyze", Self.root.appendingPathComponent("corpus").path, "--db", db])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.err.hasPrefix("29 documents analysed"), run.err)
    }

    private func csvRows(_ text: String, delimiter: UnicodeScalar = ",") throws -> (header: [String], rows: [[String]]) {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter)
        var rows: [[String]] = []
        while let row = reader.next() { if row != [""] { rows.append(row) } }
        return (reader.headerRow ?? [], rows)
    }

    private func assertFits(_ out: String, file: StaticString = #filePath, line: UInt = #line) {
        for l in out.split(separator: "\n") { XCTAssertLessThanOrEqual(l.count, 100, "wider than 100 columns: \(l)", file: file, line: line) }
        XCTAssertFalse(out.contains("\u{1B}["), "no colour when stdout is not a terminal", file: file, line: line)
    }

    func testCompareTwoArticlesAndSimilar() throws {
        try analysedCorpus("c.sqlite")
        let compare = try loupe(["compare", "000_dca4ec47950a0694.txt", "feed-004", "--db", "c.sqlite"])
        XCTAssertEqual(compare.status, 0, compare.err)
        assertFits(compare.out)
        XCTAssertTrue(compare.out.contains("Similarity (cosine of TF-IDF vectors): 0."), compare.out)
        let lines = compare.out.split(separator: "\n").map(String.init)
        let huawei = lines.first { $0.hasPrefix("Huawei ") }
        XCTAssertNotNil(huawei, "Huawei is shared:\n\(compare.out)")
        XCTAssertTrue(huawei?.contains("ORG") ?? false)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Only in A") && $0.contains("Union africaine") }, compare.out)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Only in B") && $0.contains("Google") }, compare.out)
        XCTAssertTrue(compare.out.contains("Distinctive terms"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("partenariat") }, "partenariat sets the seed apart:\n\(compare.out)")

        let similar = try loupe(["similar", "feed-001", "--top", "3", "--db", "c.sqlite"])
        XCTAssertEqual(similar.status, 0, similar.err)
        assertFits(similar.out)
        let rows = similar.out.split(separator: "\n").dropFirst(2)
        XCTAssertEqual(rows.count, 3)
        XCTAssertTrue(rows.first?.contains("feed-008") ?? false, "the other Huawei–Sénégal–Dakar item is nearest:\n\(similar.out)")
        let scores = rows.map { Double($0.split(separator: " ", omittingEmptySubsequences: true)[1])! }
        XCTAssertEqual(scores, scores.sorted(by: >))

        let bad = try loupe(["compare", "feed-001", "--db", "c.sqlite"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.err.contains("two documents"), bad.err)
    }

    func testCompareBySourceAndTrends() throws {
        try analysedCorpus("c.sqlite")
        let sources = try loupe(["compare", "--by", "source", "--db", "c.sqlite"])
        XCTAssertEqual(sources.status, 0, sources.err)
        assertFits(sources.out)
        let lines = sources.out.split(separator: "\n").map(String.init)
        let sahel = lines.first { $0.hasPrefix("Tech Sahel ") && $0.contains("Huawei") }
        XCTAssertNotNil(sahel, sources.out)
        XCTAssertTrue(sahel?.contains(" 5 ") ?? false, "5 Tech Sahel documents: \(sahel ?? "")")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Tech Sahel ") && $0.contains("sénégal (") }, "sénégal sets Tech Sahel apart:\n\(sources.out)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("(no source)") })

        let trends = try loupe(["trends", "UA", "--db", "c.sqlite"])
        XCTAssertEqual(trends.status, 0, trends.err)
        assertFits(trends.out)
        XCTAssertTrue(trends.out.hasPrefix("Union africaine (ORG): 9 mentions in 3 documents, by month"), trends.out)
        let months = trends.out.split(separator: "\n").filter { $0.hasPrefix("2019-") }.map { String($0.prefix(7)) }
        XCTAssertEqual(months, ["2019-04", "2019-05", "2019-06"], "every month from the first to the last")
        XCTAssertTrue(trends.out.contains("█"))
        XCTAssertTrue(trends.out.contains("mentions   "), "a sparkline")
        let weeks = try loupe(["trends", "Huawei", "--by", "week", "--db", "c.sqlite"])
        XCTAssertTrue(weeks.out.contains("2019-W11"), weeks.out)
        let years = try loupe(["trends", "René Angélil", "--by", "year", "--db", "c.sqlite"])
        XCTAssertTrue(years.out.contains("\n2016         4     2"), years.out)
        let missing = try loupe(["trends", "Atlantide", "--db", "c.sqlite"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.err.contains("no entity \"Atlantide\""))
    }

    func testHTMLReportIsSelfContainedAndHighlightsEntitiesAtTheirOffsets() throws {
        try analysedCorpus("c.sqlite")
        let run = try loupe(["report", "--html", "r.html", "--db", "c.sqlite"])
        XCTAssertEqual(run.status, 0, run.err)
        let html = try String(contentsOf: dir.appendingPathComponent("r.html"), encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        for forbidden in ["<script", "<link", "<img", "@import", "url(", "src="] {
            XCTAssertFalse(html.contains(forbidden), "the page fetches nothing: found \(forbidden)")
        }
        XCTAssertTrue(html.contains("http://www.w3.org/2000/svg"), "inline SVG charts")
        XCTAssertEqual(html.components(separatedBy: "<article ").count - 1, 29, "every article")
        XCTAssertTrue(html.contains("<mark class=\"ORG\" title=\"Union africaine · ORG · sentiment"), "UA marked as Union africaine")
        XCTAssertTrue(html.contains(">UA</mark>"))
        XCTAssertTrue(html.contains("<mark class=\"LOC\" title=\"États-Unis · LOC"), "canonical name in the tooltip")
        XCTAssertTrue(html.contains("<sup class=\"sc neg\">-0.92</sup>"), "sentence scores visible")
        XCTAssertTrue(html.contains("Sentiment over time"))
        XCTAssertTrue(html.contains("d&#39;Avignon") || html.contains("d’Avignon"), "text escaped")
        // Marked text is exactly the stored mention text, sliced by scalars.
        let mentions = try csvRows(try loupe(["export", "mentions", "--db", "c.sqlite", "--raw"]).out)
        for row in mentions.rows.prefix(60) {
            let escaped = row[3].replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
            XCTAssertTrue(html.contains("\">\(escaped)</mark>"), "mention \(row[3]) of \(row[0]) not highlighted")
        }
    }

    func testExportsOpenCleanlyInOtherTools() throws {
        try analysedCorpus("c.sqlite")
        // Formula injection: the clitic "-il" is neutralised by default, kept by --raw; numbers untouched.
        let tokens = try csvRows(try loupe(["export", "tokens", "--db", "c.sqlite", "--doc", "000_dca4ec47950a0694.txt"]).out)
        XCTAssertTrue(tokens.rows.contains { $0[4] == "'-vous" })
        XCTAssertFalse(tokens.rows.contains { $0[4].hasPrefix("-") || $0[4].hasPrefix("=") || $0[4].hasPrefix("+") || $0[4].hasPrefix("@") })
        XCTAssertEqual(Set(tokens.rows.map { $0[0] }), ["000_dca4ec47950a0694.txt"])
        let raw = try csvRows(try loupe(["export", "tokens", "--db", "c.sqlite", "--raw"]).out)
        XCTAssertTrue(raw.rows.contains { $0[4] == "-vous" })
        let sentences = try csvRows(try loupe(["export", "sentences", "--db", "c.sqlite"]).out)
        XCTAssertTrue(sentences.rows.contains { $0[4].hasPrefix("-0.") && Double($0[4]) != nil }, "negative scores stay numbers")

        // French-locale Excel: semicolons and a byte-order mark.
        let excel = try loupe(["export", "documents", "--db", "c.sqlite", "--delimiter", ";", "--bom", "--source", "Tech Sahel"])
        XCTAssertTrue(excel.out.hasPrefix("\u{FEFF}document;title;date;source;"))
        let docs = try csvRows(excel.out, delimiter: ";")
        XCTAssertEqual(docs.rows.map { $0[0] }, ["feed-001", "feed-002", "feed-003", "feed-007", "feed-008"])
        XCTAssertTrue(docs.rows.allSatisfy { $0[3] == "Tech Sahel" })

        let dated = try csvRows(try loupe(["export", "documents", "--db", "c.sqlite", "--since", "2019-05", "--until", "2019-06"]).out)
        XCTAssertEqual(dated.rows.map { $0[2] }, ["2019-05-31", "2019-05-06", "2019-05-20", "2019-06-03"])
        let people = try csvRows(try loupe(["export", "mentions", "--db", "c.sqlite", "--type", "PER", "--since", "2019"]).out)
        XCTAssertTrue(people.rows.allSatisfy { $0[4] == "PER" })
        XCTAssertTrue(people.rows.contains { $0[3] == "Olivier Py" }, "\(people.rows)")

        let pairs = try csvRows(try loupe(["export", "cooccurrences", "--db", "c.sqlite"]).out)
        XCTAssertEqual(pairs.header, ["entity_a", "entity_b", "documents", "sentences"])
        XCTAssertEqual(pairs.rows.first, ["Huawei", "Sénégal", "3", "2"])
        let jsonl = try loupe(["export", "cooccurrences", "--format", "jsonl", "--db", "c.sqlite", "--type", "PER"])
        let first = try JSONSerialization.jsonObject(with: Data(jsonl.out.split(separator: "\n")[0].utf8)) as! [String: Any]
        XCTAssertEqual(first["entity_a"] as? String, "Céline Dion")

        let graph = try loupe(["export", "cooccurrences", "--format", "graphml", "--db", "c.sqlite", "-o", "g.graphml"])
        XCTAssertEqual(graph.status, 0, graph.err)
        let xml = try String(contentsOf: dir.appendingPathComponent("g.graphml"), encoding: .utf8)
        XCTAssertTrue(xml.contains("<graph id=\"cooccurrences\" edgedefault=\"undirected\">"))
        XCTAssertTrue(xml.contains("<data key=\"label\">Huawei</data><data key=\"type\">ORG</data><data key=\"mentions\">19</data>"), xml)

        let help = try loupe(["export", "--help"])
        XCTAssertTrue(help.out.contains("-il"), "the help says what neutralising changes")
        let badType = try loupe(["export", "tokens", "--type", "PER", "--db", "c.sqlite"])
        XCTAssertNotEqual(badType.status, 0)
        let badDate = try loupe(["export", "documents", "--since", "mai 2019", "--db", "c.sqlite"])
        XCTAssertTrue(badDate.err.contains("2019-05-31"), badDate.err)
        let badGraph = try loupe(["export", "mentions", "--format", "graphml", "--db", "c.sqlite"])
        XCTAssertNotEqual(badGraph.status, 0)
    }

    /// A page's byline and a JSONL line's `author` are stored (v9-author) and exported as the documents' last column.
    func testAuthorsOfPagesAndFeedLinesAreStoredAndExported() throws {
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        let paragraph = "<p>Le conseil municipal de Thiès a adopté mardi un budget en hausse, consacré pour moitié aux écoles et aux routes de la commune.</p>"
        try """
            <html><head><title>Budget voté | Le Quotidien</title>
            <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Budget voté",
              "datePublished": "2024-03-05", "author": {"@type": "Person", "name": "Awa Diop"}}</script></head>
            <body><article><h1>Budget voté</h1>\(String(repeating: paragraph, count: 4))</article></body></html>
            """.write(to: pages.appendingPathComponent("budget.html"), atomically: true, encoding: .utf8)
        try """
            {"id": "signé", "author": "Jean Dupont", "text": "Le maire a présenté son projet de budget."}
            {"id": "anonyme", "text": "La préfecture a publié un arrêté."}
            """.write(to: pages.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        let run = try loupe(["analyze", pages.path, "--db", "a.sqlite", "--quiet"])
        XCTAssertEqual(run.status, 0, run.err)
        let docs = try csvRows(try loupe(["export", "documents", "--db", "a.sqlite"]).out)
        XCTAssertEqual(docs.header.last, "author")
        let authors = Dictionary(uniqueKeysWithValues: docs.rows.map { ($0[0], $0[docs.header.count - 1]) })
        XCTAssertEqual(authors, ["budget.html": "Awa Diop", "signé": "Jean Dupont", "anonyme": ""])
    }
}
