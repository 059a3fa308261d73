import Foundation
import Keywords
import Storage

/// The corpus as one self-contained HTML page: no script, no font, no image or style sheet fetched
/// from anywhere; charts are inline SVG. Sections: overview, top entities and keywords (bar charts),
/// sentiment over time, the entity table, and every article with its entities highlighted at their
/// stored offsets and each sentence's score.
public struct HTMLReport {
    public let store: Store
    /// Entities listed in the table; bars in each chart.
    public var entityRows = 50
    public var bars = 15
    /// Articles shown in full: the first 200 (in storage order), with a note when there are more, so that
    /// a report of a thousand pages stays a few megabytes written in a few seconds; nil for all.
    public var articles: Int? = 200

    public init(store: Store) {
        self.store = store
    }

    public func render(title: String = "Loupe report") throws -> String {
        let corpus = try store.corpus(top: bars)
        let entities = try store.entities(type: nil, top: entityRows)
        let termStats = try store.termStatistics()
        let keywords = Keyness.rank(corpusCounts: termStats.mapValues(\.count), reference: .french, minimum: 2)
            .filter { $0.logLikelihood > 0 }.prefix(bars)
        let months = try store.sentimentByMonth()
        var docs = try store.documentInfos()
        let allDocuments = docs.count
        if let articles { docs = Array(docs.prefix(articles)) }
        let sources = try store.sources()
        let dates = docs.compactMap(\.date).sorted()

        var h = """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Loupe">
            <title>\(Self.escape(title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <header><h1>\(Self.escape(title))</h1>
            <p class="sub">\(corpus.documents) documents analysed by Loupe — entities, keywords and sentiment of French news.</p></header>
            <nav><a href="#overview">Overview</a> <a href="#charts">Top entities &amp; keywords</a> <a href="#time">Sentiment over time</a> <a href="#entities">Entities</a> <a href="#articles">Articles</a></nav>
            <section id="overview"><h2>Overview</h2><div class="cards">
            """
        func card(_ value: String, _ label: String, _ cls: String = "") -> String {
            "<div class=\"card\"><div class=\"v \(cls)\">\(value)</div><div class=\"l\">\(label)</div></div>"
        }
        h += card(Self.thousands(corpus.documents), "documents")
        h += card(Self.thousands(corpus.words), "words")
        h += card(Self.thousands(corpus.sentences), "sentences")
        h += card(Self.thousands(corpus.mentions), "entity mentions")
        h += card(Self.thousands(corpus.entities), "entities")
        h += card(Self.score(corpus.sentiment), "mean sentiment", Self.tone(corpus.sentiment ?? 0))
        if let first = dates.first, let last = dates.last { h += card(first == last ? first : "<span class=\"nw\">\(first)</span> <span class=\"nw\">→ \(last)</span>", "dates", "small") }
        h += card(String(sources.filter { $0.source != nil }.count), "sources")
        h += "</div>\n"
        if sources.contains(where: { $0.source != nil }) {
            h += "<p class=\"sources\">" + sources.map { "\(Self.escape($0.source ?? "no source")): \($0.documents)" }.joined(separator: " · ") + "</p>\n"
        }
        h += "</section>\n"

        h += "<section id=\"charts\"><div class=\"two\"><div><h2>Top entities</h2><p class=\"note\">Mentions in the corpus, coloured by type.</p>"
        h += SVGChart.bars(entities.prefix(bars).map { (label: $0.name, value: Double($0.mentions), colour: Self.colour(type: $0.type),
                                                        tip: "\($0.name) (\($0.type)): \($0.mentions) mentions in \($0.documents) documents, sentiment \(Self.score($0.sentiment))") })
        h += Self.legend + "</div><div><h2>Top keywords</h2><p class=\"note\">Lemmas that characterise the corpus against ordinary French (log-likelihood G² against a reference of French news and novels).</p>"
        h += SVGChart.bars(keywords.map { (label: $0.term, value: $0.logLikelihood, colour: "#f28e2b",
                                           tip: "\($0.term): \($0.target) occurrences in \(termStats[$0.term]?.documents ?? 0) documents, \($0.targetPer10k) per 10,000 terms against \($0.restPer10k) in ordinary French; G² \(String(format: "%.1f", $0.logLikelihood))") })
        h += "</div></div></section>\n"

        h += "<section id=\"time\"><h2>Sentiment over time</h2><p class=\"note\">Mean document sentiment per month (green above zero, red below) and the number of documents dated that month; months without documents are left empty, and more than six of them in a row are shown as one break (⋯).</p>"
        h += months.isEmpty ? "<p>No dated documents.</p>" : SVGChart.timeline(months)
        h += "</section>\n"

        h += "<section id=\"entities\"><h2>Entities</h2><p class=\"note\">The \(entities.count) most mentioned canonical entities; sentiment is the mean of their mentions' scores.</p>"
        h += "<table><thead><tr><th>entity</th><th>type</th><th class=\"n\">mentions</th><th class=\"n\">docs</th><th class=\"n\">sentiment</th><th>aliases</th><th>appears with</th></tr></thead><tbody>\n"
        for e in entities {
            h += "<tr><td><span class=\"dot \(e.type)\"></span>\(Self.escape(e.name))</td><td>\(e.type)</td><td class=\"n\">\(e.mentions)</td><td class=\"n\">\(e.documents)</td>"
            h += "<td class=\"n \(Self.tone(e.sentiment ?? 0))\">\(Self.score(e.sentiment))</td><td>\(Self.escape(e.aliases.joined(separator: ", ")))</td>"
            h += "<td>\(Self.escape(e.cooccurring.joined(separator: ", ")))</td></tr>\n"
        }
        h += "</tbody></table></section>\n"

        h += "<section id=\"articles\"><h2>Articles</h2><p class=\"note\">Entities are highlighted by type (hover for the canonical entity and the mention's sentiment); each sentence ends with its score and is tinted green (positive) or red (negative); boilerplate (page furniture, not scored) is greyed.</p>"
        if docs.count < allDocuments {
            h += "<p class=\"note\"><b>\(docs.count) of \(allDocuments) articles are shown</b>, so that the page stays small; every article's annotations are in the database (<code>loupe report DOC</code>, <code>loupe export sentences</code>).</p>"
        }
        h += Self.legend + "<ol class=\"toc\">"
        for (i, d) in docs.enumerated() {
            h += "<li><a href=\"#doc-\(i + 1)\">\(Self.escape(d.title ?? d.name))</a> <span class=\"meta\">\(Self.escape(d.date ?? ""))</span></li>"
        }
        h += "</ol>\n"
        for (i, d) in docs.enumerated() {
            guard let article = try store.annotatedArticle(d.name) else { continue }
            h += Self.article(article, anchor: "doc-\(i + 1)")
        }
        h += "</section>\n<footer>Generated by Loupe \(Self.escape(Self.now())). Offsets are Unicode scalar offsets into each stored text.</footer>\n</body>\n</html>\n"
        return h
    }

    /// One article: its text with sentence spans (score badge) and entity marks, sliced by Unicode scalars.
    static func article(_ a: AnnotatedArticle, anchor: String) -> String {
        var h = "<article id=\"\(anchor)\"><h3>\(escape(a.info.title ?? a.info.name))</h3><p class=\"meta\">\(escape(a.info.name))"
        if let date = a.info.date { h += " · \(escape(date))" }
        if let source = a.info.source { h += " · \(escape(source))" }
        if let url = a.url, url.hasPrefix("http://") || url.hasPrefix("https://") { h += " · <a href=\"\(escape(url))\" rel=\"noreferrer\">source</a>" }
        h += " · \(a.info.words) words · sentiment <b class=\"\(tone(a.info.sentiment))\">\(score(a.info.sentiment))</b></p>\n<div class=\"text\">"
        let scalars = Array(a.text.unicodeScalars)
        let n = scalars.count
        func slice(_ from: Int, _ to: Int) -> String {
            let lo = max(0, min(n, from)), hi = max(lo, min(n, to))
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[lo..<hi])
            return escape(String(view))
        }
        var cursor = 0
        var m = 0
        let mentions = a.mentions
        for (index, s) in a.sentences.enumerated() where s.start >= cursor && s.end <= n && s.start < s.end {
            h += slice(cursor, s.start)
            // Sentence classes tint the background only (s-pos, s-neg); the text keeps its colour.
            let cls = s.boilerplate ? "bp" : tone(s.sentiment)
            h += "<span class=\"s s-\(cls)\" title=\"sentence \(index + 1): \(score(s.sentiment))\(s.boilerplate ? " (boilerplate)" : "")\">"
            var pos = s.start
            while m < mentions.count && mentions[m].start < s.end {
                let mention = mentions[m]
                m += 1
                guard mention.start >= pos, mention.end <= s.end, mention.start < mention.end else { continue }
                h += slice(pos, mention.start)
                let tip = "\(mention.entity ?? "?") · \(mention.type) · sentiment \(score(mention.sentiment))"
                h += "<mark class=\"\(mention.type)\" title=\"\(escape(tip))\">\(slice(mention.start, mention.end))</mark>"
                pos = mention.end
            }
            h += slice(pos, s.end)
            // A badge only where the score says something: neutral sentences (|score| < 0.05) stay plain.
            if !s.boilerplate && abs(s.sentiment) >= 0.05 { h += "<sup class=\"sc \(cls)\">\(score(s.sentiment))</sup>" }
            h += "</span>"
            cursor = s.end
        }
        h += slice(cursor, n)
        h += "</div></article>\n"
        return h
    }

    static let legend = """
        <p class="legend"><mark class="PER">person</mark> <mark class="LOC">place</mark> <mark class="ORG">organisation</mark> <mark class="MISC">other</mark></p>
        """

    static func colour(type: String) -> String {
        switch type {
        case "PER": return "#4e79a7"
        case "LOC": return "#59a14f"
        case "ORG": return "#e15759"
        default: return "#b07aa1"
        }
    }

    static func tone(_ x: Double) -> String { x >= 0.05 ? "pos" : x <= -0.05 ? "neg" : "neu" }

    static func score(_ x: Double?) -> String {
        guard let x else { return "–" }
        let s = String(format: "%+.2f", x)
        return s == "-0.00" ? "+0.00" : s
    }

    static func thousands(_ n: Int) -> String {
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.groupingSeparator = ","
        f.usesGroupingSeparator = true
        return f.string(from: NSNumber(value: n)) ?? String(n)
    }

    static func now() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }

    /// HTML and XML text and attribute escaping; control characters XML 1.0 forbids are dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if c.value < 0x20 && c != "\n" && c != "\t" && c != "\r" { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static let css = """
        :root{--fg:#1d2330;--muted:#6b7280;--line:#e5e7eb;--bg:#fafaf7;--pos:#1a7f37;--neg:#c62828}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:1180px;padding:0 28px 40px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
        header{padding:26px 0 6px;border-bottom:3px solid var(--fg)}
        h1{margin:0;font-size:28px;letter-spacing:-.01em} .sub{margin:4px 0 0;color:var(--muted)}
        nav{position:sticky;top:0;background:var(--bg);padding:8px 0;border-bottom:1px solid var(--line);z-index:2}
        nav a{margin-right:18px;color:var(--fg);text-decoration:none;font-weight:600;font-size:14px} nav a:hover{text-decoration:underline}
        h2{font-size:20px;margin:30px 0 4px} h3{font-size:18px;margin:0 0 2px}
        .note{color:var(--muted);margin:0 0 12px;font-size:13.5px}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(128px,1fr));gap:12px;margin-top:12px}
        .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}
        .card .v{font-size:23px;font-weight:700;font-variant-numeric:tabular-nums} .card .v.small{font-size:15px;padding:6px 0 5px}
        .card .l{color:var(--muted);font-size:13px} .nw{white-space:nowrap}
        .sources{color:var(--muted);font-size:13.5px}
        .two{display:grid;grid-template-columns:1fr 1fr;gap:36px} @media(max-width:900px){.two{grid-template-columns:1fr}}
        svg{display:block;max-width:100%;height:auto} svg text{font-family:inherit}
        table{border-collapse:collapse;width:100%;background:#fff;font-size:14px;border:1px solid var(--line)}
        th,td{padding:5px 9px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:#f1f2f4;font-weight:600;position:sticky;top:38px} td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:7px}
        .dot.PER{background:#4e79a7}.dot.LOC{background:#59a14f}.dot.ORG{background:#e15759}.dot.MISC{background:#b07aa1}
        .pos{color:var(--pos)} .neg{color:var(--neg)} .neu{color:var(--muted)}
        .toc{columns:2;font-size:14px;padding-left:22px} .toc .meta{color:var(--muted);font-size:12.5px}
        article{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:18px 0}
        .meta{color:var(--muted);font-size:13px;margin:0 0 10px}
        .text{white-space:pre-wrap;line-height:1.75;font-size:15.5px}
        mark{border-radius:3px;padding:0 2px;color:inherit}
        mark.PER{background:#d5e3f3;box-shadow:inset 0 -2px #4e79a7} mark.LOC{background:#dcefd9;box-shadow:inset 0 -2px #59a14f}
        mark.ORG{background:#f9dcdc;box-shadow:inset 0 -2px #e15759} mark.MISC{background:#eee0ea;box-shadow:inset 0 -2px #b07aa1}
        .s-pos{background:rgba(26,127,55,.08)} .s-neg{background:rgba(198,40,40,.08)} .s-bp{color:#a0a4ab}
        sup.sc{font-size:10.5px;font-weight:700;margin:0 3px 0 2px;padding:0 3px;border-radius:3px;background:#f1f2f4;font-variant-numeric:tabular-nums}
        sup.sc.pos{color:var(--pos)} sup.sc.neg{color:var(--neg)} sup.sc.neu{color:#9aa0a8;font-weight:400}
        .legend{font-size:13px;margin:8px 0} .legend mark{margin-right:6px}
        footer{margin-top:30px;color:var(--muted);font-size:12.5px}
        @media(max-width:600px){table{display:block;overflow-x:auto;white-space:nowrap;font-size:13px} th{position:static} .toc{columns:1} .text{font-size:15px}}
        """
}

/// Inline SVG charts, drawn with nothing but rectangles, lines and text.
enum SVGChart {
    /// Horizontal bars, one row each, labels on the left and values at the bar's end.
    static func bars(_ rows: [(label: String, value: Double, colour: String, tip: String)]) -> String {
        guard !rows.isEmpty else { return "<p>Nothing to chart.</p>" }
        let width = 540.0, labelWidth = 170.0, rowHeight = 24.0, top = 4.0
        let peak = max(rows.map(\.value).max() ?? 1, 1)
        let barSpace = width - labelWidth - 44
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(top * 2 + rowHeight * Double(rows.count)))\" role=\"img\">"
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            let w = max(2, r.value / peak * barSpace)
            let label = r.label.count > 24 ? String(r.label.prefix(23)) + "…" : r.label
            s += "<g><title>\(HTMLReport.escape(r.tip))</title>"
            s += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 16))\" text-anchor=\"end\" font-size=\"13\" fill=\"#1d2330\">\(HTMLReport.escape(label))</text>"
            s += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 4))\" width=\"\(f(w))\" height=\"\(f(rowHeight - 8))\" rx=\"2\" fill=\"\(r.colour)\"/>"
            s += "<text x=\"\(f(labelWidth + w + 5))\" y=\"\(f(y + 16))\" font-size=\"12\" fill=\"#6b7280\">\(Int(r.value))</text></g>"
        }
        return s + "</svg>"
    }

    /// Mean sentiment per month as bars around a zero line, and documents per month below, on a
    /// continuous month axis (gaps kept) labelled by year.
    static func timeline(_ months: [(month: String, documents: Int, sentiment: Double)]) -> String {
        guard let first = months.first?.month, let last = months.last?.month else { return "" }
        var axis: [String] = []
        var (y, m) = (Int(first.prefix(4)) ?? 2000, Int(first.suffix(2)) ?? 1)
        let end = (Int(last.prefix(4)) ?? 2000, Int(last.suffix(2)) ?? 1)
        while (y, m) <= end && axis.count < 600 {
            axis.append(String(format: "%04d-%02d", y, m))
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        let byMonth = Dictionary(months.map { ($0.month, $0) }, uniquingKeysWith: { a, _ in a })
        // A run of more than six months without documents becomes one break slot ("gap:FROM:TO"), so that
        // a corpus of 2016 and 2019 articles is not mostly an empty stretch of years.
        var slots: [String] = []
        var run: [String] = []
        func flush() {
            if run.count > 6 { slots.append("gap:\(run.first!):\(run.last!)") } else { slots += run }
            run = []
        }
        for month in axis {
            if byMonth[month] == nil { run.append(month) } else { flush(); slots.append(month) }
        }
        flush()
        axis = slots
        let width = 1100.0, left = 52.0, right = 12.0
        let topH = 170.0, gap = 34.0, bottomH = 60.0, top = 10.0
        let height = top + topH + gap + bottomH + 22
        let step = (width - left - right) / Double(axis.count)
        let barW = max(1.5, min(26, step * 0.72))
        // The vertical scale: the largest mean, rounded up to a quarter (ticks at half of it).
        let scale = min(1, max(0.25, ((months.map { abs($0.sentiment) }.max() ?? 0.25) * 4).rounded(.up) / 4))
        let zero = top + topH / 2
        let maxDocs = Double(max(1, months.map(\.documents).max() ?? 1))
        let docBase = top + topH + gap + bottomH
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        for tick in [-scale, -scale / 2, 0, scale / 2, scale] {
            let ty = zero - tick / scale * (topH / 2)
            s += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(ty))\" y2=\"\(f(ty))\" stroke=\"\(tick == 0 ? "#9aa0a8" : "#eceef1")\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(ty + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#6b7280\">\(String(format: "%+.2f", tick))</text>"
        }
        s += "<text x=\"\(f(left))\" y=\"\(f(top + topH + gap - 8))\" font-size=\"11\" fill=\"#6b7280\">documents per month (peak \(Int(maxDocs)))</text>"
        s += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(docBase))\" y2=\"\(f(docBase))\" stroke=\"#9aa0a8\"/>"
        for (i, month) in axis.enumerated() {
            let x = left + Double(i) * step + (step - barW) / 2
            if month.hasPrefix("gap:") {
                let parts = month.split(separator: ":")
                let cx = left + Double(i) * step + step / 2
                s += "<g><title>no documents from \(parts[1]) to \(parts[2])</title>"
                s += "<text x=\"\(f(cx))\" y=\"\(f(zero + 4))\" text-anchor=\"middle\" font-size=\"13\" fill=\"#9aa0a8\">⋯</text>"
                s += "<text x=\"\(f(cx))\" y=\"\(f(docBase - 4))\" text-anchor=\"middle\" font-size=\"13\" fill=\"#9aa0a8\">⋯</text></g>"
                continue
            }
            if let row = byMonth[month] {
                let hgt = max(1, abs(row.sentiment) / scale * (topH / 2))
                let colour = row.sentiment >= 0 ? "#2e9e55" : "#d64545"
                let tip = "\(month): mean sentiment \(HTMLReport.score(row.sentiment)) over \(row.documents) document\(row.documents == 1 ? "" : "s")"
                s += "<g><title>\(tip)</title><rect x=\"\(f(x))\" y=\"\(f(row.sentiment >= 0 ? zero - hgt : zero))\" width=\"\(f(barW))\" height=\"\(f(hgt))\" fill=\"\(colour)\"/>"
                let dh = Double(row.documents) / maxDocs * (bottomH - 4)
                s += "<rect x=\"\(f(x))\" y=\"\(f(docBase - dh))\" width=\"\(f(barW))\" height=\"\(f(dh))\" fill=\"#8da0b8\"/></g>"
            }
            let isFirst = i == 0 || axis[i - 1].hasPrefix("gap:"), isJanuary = month.hasSuffix("-01")
            if isFirst || isJanuary || axis.count <= 18 {
                let label = axis.count <= 18 ? month : String(month.prefix(4))
                let lx = left + Double(i) * step + step / 2
                s += "<line x1=\"\(f(lx))\" x2=\"\(f(lx))\" y1=\"\(f(docBase))\" y2=\"\(f(docBase + 4))\" stroke=\"#9aa0a8\"/>"
                s += "<text x=\"\(f(lx))\" y=\"\(f(docBase + 17))\" text-anchor=\"\(axis.count <= 18 ? "middle" : "start")\" font-size=\"11\" fill=\"#1d2330\">\(label)</text>"
            }
        }
        return s + "</svg>"
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }
}
