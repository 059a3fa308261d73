import Foundation

/// What a page says about its article: title, publication date, canonical URL, site name, author.
///
/// Date, in this order of trust: JSON-LD `datePublished` (of an article object first), a published-time
/// `<meta>` (`article:published_time`, `og:published_time`, `datePublished`, `date`, `pubdate`, `dc.date`…),
/// `<time datetime>` (`itemprop="datePublished"` first, then the first in the article, then the first on the
/// page), a date in the URL path (`/2019/05/31/`, `/2019-05-31`), and last a date written in the visible text
/// ("publié le 31 mai 2019", "31/05/2019"), the article's own before the rest of the page's.
struct HTMLMetadata {
    var title: String?
    var date: (value: String, source: String)?
    var url: String?
    var siteName: String?
    var author: String?

    init(tree: HTMLTree, blocks: [TextBlock], bytes: [UInt8], container: Int32?) {
        func meta(_ names: [String]) -> String? {
            for name in names {
                if let m = tree.metas.first(where: { $0.name == name }) {
                    let v = m.content.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !v.isEmpty { return v }
                }
            }
            return nil
        }
        let ld = JSONLD(tree.jsonLD)

        url = tree.canonical.flatMap { $0.hasPrefix("http") ? $0 : nil } ?? meta(["og:url", "twitter:url"]) ?? ld.url
        siteName = meta(["og:site_name", "application-name"]) ?? ld.publisher
        if siteName == nil, let url, let host = URL(string: url)?.host {
            siteName = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        }
        if let a = ld.author { author = a }
        else if let a = meta(["author", "article:author", "byl", "parsely-author", "dc.creator", "sailthru.author", "twitter:creator"]),
                !a.hasPrefix("http") {
            author = a.hasPrefix("By ") || a.hasPrefix("by ") ? String(a.dropFirst(3)) : a
        }

        // Title.
        let headings = blocks.filter { $0.heading }.prefix(20).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
        let h1 = Self.firstH1(tree: tree, blocks: blocks, bytes: bytes, container: container)
        if let og = meta(["og:title", "twitter:title"]) ?? ld.headline {
            title = Self.withoutSiteName(og, siteName: siteName, trusted: true)
        } else if let h1 {
            title = h1
        } else if let t = tree.title {
            // A heading that the <title> holds is the headline without the site's name.
            if let h = headings.first(where: { $0.count >= 10 && t.contains($0) }) { title = h }
            else { title = Self.withoutSiteName(t, siteName: siteName, trusted: false) }
        }
        if let t = title { title = Self.tidy(t) }
        if title?.isEmpty ?? true { title = nil }

        // Date.
        if let d = ld.datePublished.flatMap(DateFinder.normalize) { date = (d, "json-ld") }
        else if let d = meta(["article:published_time", "og:published_time", "og:article:published_time", "datepublished",
                             "article.published", "published_time", "publishdate", "publish-date", "pubdate", "date", "dc.date",
                             "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "citation_date",
                             "citation_publication_date", "article:published", "release_date"]).flatMap(Self.normalizeDate) {
            date = (d, "meta")
        } else if let d = Self.timeDate(tree: tree, container: container) {
            date = (d, "time")
        } else if let d = ld.dateCreated.flatMap(DateFinder.normalize) {
            date = (d, "json-ld")
        } else if let u = url ?? meta(["og:url"]), let d = Self.urlDate(u) {
            date = (d, "url")
        } else if let d = Self.visibleDate(blocks: blocks, bytes: bytes, tree: tree, container: container) {
            date = (d, "text")
        } else if let d = meta(["article:modified_time", "og:updated_time", "datemodified", "last-modified"]).flatMap(Self.normalizeDate)
                    ?? ld.dateModified.flatMap(DateFinder.normalize) {
            date = (d, "meta")
        }
        // A timestamp in UTC can fall on the next day of the publisher's own; the URL's date is their day.
        if let d = date, d.source != "url", let u = url, let fromURL = Self.urlDate(u), Self.daysApart(d.value, fromURL) == 1 {
            date = (fromURL, "url")
        }
    }

    static func daysApart(_ a: String, _ b: String) -> Int? {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        f.locale = Locale(identifier: "en_US_POSIX")
        guard let x = f.date(from: a), let y = f.date(from: b) else { return nil }
        return Int((abs(x.timeIntervalSince(y)) / 86_400).rounded())
    }

    // MARK: - Title

    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", " : "]

    /// "Headline | Site" → "Headline"; the site part is recognised by the site's name, else (for a `<title>`) by
    /// being the short tail after the last separator.
    static func withoutSiteName(_ raw: String, siteName: String?, trusted: Bool) -> String {
        let t = tidy(raw)
        let site = siteName.map { fold($0) }
        for sep in separators {
            guard let r = t.range(of: sep, options: .backwards) else { continue }
            let head = String(t[..<r.lowerBound]), tail = String(t[r.upperBound...])
            if let site, !site.isEmpty, fold(tail) == site || fold(tail).contains(site) || site.contains(fold(tail)) { return head }
            if let f = t.range(of: sep) {
                let first = String(t[..<f.lowerBound])
                if let site, !site.isEmpty, fold(first) == site || site.contains(fold(first)) && first.count >= 3 {
                    return String(t[f.upperBound...])
                }
            }
            if !trusted && sep != " : " {
                let tailWords = tail.split(separator: " ").count, headWords = head.split(separator: " ").count
                if tailWords <= 4 && headWords >= tailWords { return head }
            }
        }
        return t
    }

    static func firstH1(tree: HTMLTree, blocks: [TextBlock], bytes: [UInt8], container: Int32?) -> String? {
        var h1s: [(Int32, String)] = []
        for b in blocks where b.heading {
            // The block's heading element: the nearest heading ancestor.
            var p = tree.nodes[Int(b.anchor)].parent
            while p >= 0 && !tree.nodes[Int(p)].tag.isHeading { p = tree.nodes[Int(p)].parent }
            if p >= 0 && tree.nodes[Int(p)].tag == .h1 { h1s.append((b.anchor, String(decoding: bytes[b.start..<b.end], as: UTF8.self))) }
        }
        guard !h1s.isEmpty else { return nil }
        if let c = container {
            // The h1 in the article, else the last one before it (a site logo is often an h1 too).
            let end = tree.nodes[Int(c)].end
            if let h = h1s.first(where: { $0.0 >= c && $0.0 < end }) { return h.1 }
            if let h = h1s.last(where: { $0.0 < c }), h.1.split(separator: " ").count >= 3 { return h.1 }
        }
        return h1s.first(where: { $0.1.split(separator: " ").count >= 3 })?.1
    }

    static func tidy(_ s: String) -> String {
        TextHygiene.clean(Array(s.utf8))
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(in: .whitespaces)
    }

    static func sameText(_ a: String, _ b: String) -> Bool {
        let x = fold(a), y = fold(b)
        return x == y || (x.count >= 10 && y.contains(x)) || (y.count >= 10 && x.contains(y))
    }

    // MARK: - Dates

    static func normalizeDate(_ raw: String) -> String? {
        if let d = DateFinder.normalize(raw) { return d }
        let s = raw.trimmingCharacters(in: .whitespaces)
        // 20190531 and 2019/05/31.
        let digits = s.prefix(10)
        if digits.count >= 8, digits.prefix(8).allSatisfy(\.isNumber), let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)),
           let d = Int(digits.dropFirst(6).prefix(2)) {
            return valid(y, m, d)
        }
        let parts = s.prefix(10).split(separator: "/")
        if parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) { return valid(y, m, d) }
        return englishDate(s)
    }

    static func valid(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1900...2100).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    static let englishMonths = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]

    /// "May 31, 2019", "31 May 2019", "Fri, 31 May 2019 10:00:00 GMT".
    static func englishDate(_ s: String) -> String? {
        let words = s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        var month: Int?, day: Int?, year: Int?
        for w in words.prefix(8) {
            if let n = Int(w) {
                if w.count == 4, year == nil { year = n } else if n >= 1 && n <= 31 && day == nil && w.count <= 2 { day = n }
            } else if month == nil, w.count >= 3, let m = englishMonths[String(w.prefix(3))] {
                month = m
            }
        }
        guard let y = year, let m = month, let d = day else { return nil }
        return valid(y, m, d)
    }

    static func timeDate(tree: HTMLTree, container: Int32?) -> String? {
        if let t = tree.times.first(where: { $0.published }), let d = normalizeDate(t.value) { return d }
        if let c = container {
            let end = tree.nodes[Int(c)].end
            for t in tree.times where t.node >= c && t.node < end { if let d = normalizeDate(t.value) { return d } }
            // Bylines often sit just before the body.
            for t in tree.times.reversed() where t.node < c { if let d = normalizeDate(t.value) { return d } }
        }
        for t in tree.times { if let d = normalizeDate(t.value) { return d } }
        return nil
    }

    /// /2019/05/31/, /2019-05-31, /20190531 in a URL's path.
    static func urlDate(_ url: String) -> String? {
        let path = URL(string: url)?.path ?? url
        let patterns = [#"/((?:19|20)[0-9]{2})/([01]?[0-9])/([0-3]?[0-9])(?:/|$)"#, #"[/_-]((?:19|20)[0-9]{2})-([01][0-9])-([0-3][0-9])(?:[/_.-]|$)"#,
                        #"/((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])(?:[/_.-]|$)"#]
        for p in patterns {
            guard let regex = try? NSRegularExpression(pattern: p),
                  let m = regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)), m.numberOfRanges == 4 else { continue }
            func group(_ k: Int) -> Int? { Range(m.range(at: k), in: path).flatMap { Int(path[$0]) } }
            if let y = group(1), let mo = group(2), let d = group(3), let v = valid(y, mo, d) { return v }
        }
        return nil
    }

    /// A date written in the article, else just before it (a byline), else anywhere on the page.
    static func visibleDate(blocks: [TextBlock], bytes: [UInt8], tree: HTMLTree, container: Int32?) -> String? {
        func text(_ bs: some Sequence<TextBlock>) -> String {
            var out: [UInt8] = []
            for b in bs { out += bytes[b.start..<b.end]; out.append(0x0A); if out.count > 6000 { break } }
            return String(decoding: out, as: UTF8.self)
        }
        var groups: [String] = []
        if let c = container {
            let end = tree.nodes[Int(c)].end
            groups.append(text(blocks.filter { $0.anchor >= c && $0.anchor < end }))
            groups.append(text(blocks.filter { $0.anchor < c }.suffix(8).reversed()))
        }
        groups.append(text(blocks))
        for g in groups {
            if let d = DateFinder.find(in: g) { return d }
            if let r = g.range(of: #"\b[0-3]?[0-9]/[01]?[0-9]/(19|20)[0-9]{2}\b"#, options: .regularExpression), let d = DateFinder.normalize(String(g[r])) {
                return d
            }
        }
        // Pages in English: "November 20, 2019", "20 November 2019".
        let months = "(Jan(uary)?|Feb(ruary)?|Mar(ch)?|Apr(il)?|May|June?|July?|Aug(ust)?|Sep(t(ember)?)?|Oct(ober)?|Nov(ember)?|Dec(ember)?)\\.?"
        for g in groups {
            if let r = g.range(of: "\\b(\(months)\\s+[0-3]?[0-9],?\\s+(19|20)[0-9]{2}|[0-3]?[0-9]\\s+\(months)\\s+(19|20)[0-9]{2})\\b", options: .regularExpression),
               let d = englishDate(String(g[r])) {
                return d
            }
        }
        return nil
    }
}

/// The facts of a page's JSON-LD scripts: the article object's dates, headline, author, publisher and URL.
struct JSONLD {
    var datePublished: String?
    var dateCreated: String?
    var dateModified: String?
    var headline: String?
    var author: String?
    var publisher: String?
    var url: String?

    static let articleTypes: Set<String> = ["article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                                            "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
                                            "techarticle", "liveblogposting", "posting", "socialmediaposting", "report"]

    init(_ scripts: [String]) {
        var objects: [[String: Any]] = []
        func collect(_ v: Any) {
            if let d = v as? [String: Any] {
                objects.append(d)
                if let g = d["@graph"] { collect(g) }
                if let m = d["mainEntity"] { collect(m) }
            } else if let a = v as? [Any] {
                for x in a { collect(x) }
            }
        }
        for s in scripts {
            let cleaned = s.trimmingCharacters(in: .whitespacesAndNewlines)
            if let data = cleaned.data(using: .utf8), let v = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
                collect(v)
            } else if let d = Self.scan(cleaned, "datePublished"), datePublished == nil {
                datePublished = d  // invalid JSON (a stray comma, a raw line break): the field by hand
            }
        }
        func types(_ d: [String: Any]) -> [String] {
            if let t = d["@type"] as? String { return [t.lowercased()] }
            if let t = d["@type"] as? [String] { return t.map { $0.lowercased() } }
            return []
        }
        let articles = objects.filter { types($0).contains(where: Self.articleTypes.contains) }
        let ordered = articles + objects.filter { !types($0).contains(where: Self.articleTypes.contains) }
        for o in ordered {
            if datePublished == nil, let d = o["datePublished"] as? String { datePublished = d }
            if dateCreated == nil, let d = o["dateCreated"] as? String { dateCreated = d }
            if dateModified == nil, let d = o["dateModified"] as? String { dateModified = d }
        }
        if let a = articles.first {
            headline = (a["headline"] as? String) ?? (a["name"] as? String)
            author = Self.name(a["author"]) ?? Self.name(a["creator"])
            publisher = Self.name(a["publisher"])
            url = (a["url"] as? String) ?? ((a["mainEntityOfPage"] as? [String: Any])?["@id"] as? String) ?? (a["mainEntityOfPage"] as? String)
            if let u = url, !u.hasPrefix("http") { url = nil }
        }
        if publisher == nil, let site = objects.first(where: { types($0).contains("website") || types($0).contains("organization") || types($0).contains("newsmediaorganization") }) {
            publisher = site["name"] as? String
        }
        if let h = headline { headline = HTMLMetadata.tidy(h) }
        if headline?.isEmpty ?? false { headline = nil }
    }

    /// A person's or organisation's name: "Ann", {"name": "Ann"}, [{"name": "Ann"}, {"name": "Bob"}] → "Ann, Bob".
    static func name(_ v: Any?) -> String? {
        if let s = v as? String { return s.hasPrefix("http") || s.isEmpty ? nil : s }
        if let d = v as? [String: Any] { return (d["name"] as? String).flatMap { $0.isEmpty ? nil : $0 } }
        if let a = v as? [Any] {
            let names = a.compactMap { name($0) }
            return names.isEmpty ? nil : names.joined(separator: ", ")
        }
        return nil
    }

    /// `"key": "value"` found by hand in text that is not valid JSON.
    static func scan(_ s: String, _ key: String) -> String? {
        guard let r = s.range(of: "\"\(key)\"") else { return nil }
        let rest = s[r.upperBound...].drop(while: { $0 == " " || $0 == ":" || $0 == "\t" || $0 == "\n" })
        guard rest.first == "\"" else { return nil }
        let value = rest.dropFirst().prefix(while: { $0 != "\"" })
        return value.isEmpty ? nil : String(value)
    }
}
