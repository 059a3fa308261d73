import Foundation

/// Extracts an article's readable text from an HTML page: title, headings, paragraphs, list items
/// and quotes, one block a paragraph (separated by a blank line), with character references decoded.
///
/// Scripts, styles, navigation, headers, footers, asides, forms and comment sections are dropped, as
/// are elements whose class or id names page furniture (share, comment, related, sidebar, cookie…).
/// When the page has an `<article>` (or `<main>`), only its content is kept, after the title. The
/// parser is forgiving: unclosed and stray tags, unquoted attributes and broken comments never stop it.
public enum HTMLExtractor {
    public struct Extracted: Sendable {
        public var text: String
        public var title: String?
    }

    static let dropped: Set<String> = [
        "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "template", "button",
        "select", "textarea", "object", "embed", "canvas", "figure", "menu", "dialog",
    ]
    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "section", "article", "main",
        "table", "tr", "td", "th", "dl", "dt", "dd", "figcaption", "address", "hr", "title", "body", "caption",
    ]
    static let voids: Set<String> = ["br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "track", "param"]
    static let furniture = ["comment", "share", "social", "related", "sidebar", "footer", "nav", "menu", "cookie", "newsletter",
                            "advert", "promo", "breadcrumb", "popup", "modal", "subscribe", "widget", "banner", "signup", "respond"]

    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: String
    }

    public static func extract(_ html: String) -> Extracted {
        let chars = Array(html.unicodeScalars)
        let hasArticle = html.range(of: "<article", options: .caseInsensitive) != nil
        let hasMain = !hasArticle && html.range(of: "<main", options: .caseInsensitive) != nil
        let container = hasArticle ? "article" : hasMain ? "main" : nil

        var blocksOut: [String] = []
        var current = String.UnicodeScalarView()
        var title: String?
        var inTitle = false, titleText = String.UnicodeScalarView()
        var skipStack: [String] = []  // names of open dropped elements
        var containerDepth = 0
        var preDepth = 0
        var openStack: [String] = []

        func flush() {
            let block = String(current).trimmingCharacters(in: .whitespaces)
            if !block.isEmpty { blocksOut.append(block) }
            current = String.UnicodeScalarView()
        }
        func appendText(_ s: String.UnicodeScalarView) {
            if inTitle { titleText.append(contentsOf: s); return }
            guard skipStack.isEmpty, container == nil || containerDepth > 0 else { return }
            for c in s {
                if preDepth == 0 && c.properties.isWhitespace && c != "\u{A0}" && c != "\u{202F}" {
                    if let last = current.last, last != " " && last != "\n" { current.append(" ") }
                } else {
                    current.append(c)
                }
            }
        }

        var i = 0
        var text = String.UnicodeScalarView()
        while i < chars.count {
            let c = chars[i]
            if c == "<" {
                // Comments, doctype, CDATA.
                if matches(chars, i, "<!--") {
                    if !text.isEmpty { appendText(decode(text)); text = String.UnicodeScalarView() }
                    i = find(chars, "-->", from: i + 4).map { $0 + 3 } ?? chars.count
                    continue
                }
                if matches(chars, i, "<!") || matches(chars, i, "<?") {
                    i = (chars[i...].firstIndex(of: ">") ?? chars.count - 1) + 1
                    continue
                }
                guard let (tag, end) = parseTag(chars, i) else { text.append(c); i += 1; continue }
                if !text.isEmpty { appendText(decode(text)); text = String.UnicodeScalarView() }
                i = end
                let name = tag.name
                if name == "script" || name == "style" || name == "textarea" {
                    // Raw text elements: skip to their end tag whatever they contain.
                    if !tag.closing && !tag.selfClosing { i = find(chars, "</\(name)", from: i, caseInsensitive: true).flatMap { k in chars[k...].firstIndex(of: ">").map { $0 + 1 } } ?? chars.count }
                    continue
                }
                if name == "title" {
                    inTitle = !tag.closing
                    if tag.closing, title == nil {
                        let t = String(decode(titleText)).trimmingCharacters(in: .whitespacesAndNewlines)
                        title = t.isEmpty ? nil : t.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    }
                    continue
                }
                let isFurniture = !tag.closing && isFurnitureElement(tag)
                if tag.closing {
                    if let k = skipStack.lastIndex(of: name) { skipStack.removeSubrange(k...) }
                    if let k = openStack.lastIndex(of: name) {
                        for closed in openStack[k...] where closed == container { containerDepth -= 1 }
                        for closed in openStack[k...] where closed == "pre" { preDepth -= 1 }
                        openStack.removeSubrange(k...)
                    }
                } else if !voids.contains(name) && !tag.selfClosing {
                    // A page header outside the article is the site's masthead; the article's own header is kept.
                    let siteHeader = name == "header" && containerDepth == 0
                    if dropped.contains(name) || isFurniture || siteHeader { skipStack.append(name) }
                    openStack.append(name)
                    if name == container { containerDepth += 1 }
                    if name == "pre" { preDepth += 1 }
                }
                if name == "br" { if skipStack.isEmpty && (container == nil || containerDepth > 0) { current.append("\n") } }
                else if blocks.contains(name) { flush() }
                continue
            }
            text.append(c)
            i += 1
        }
        if !text.isEmpty { appendText(decode(text)) }
        flush()
        var parts: [String] = []
        // The <title> often repeats the headline with the site's name ("… | Site"): the headline wins.
        if let first = blocksOut.first, let t = title, t.contains(first) { title = first }
        else if let title { parts.append(title) }
        parts += blocksOut
        return Extracted(text: parts.joined(separator: "\n\n"), title: title ?? blocksOut.first)
    }

    private static func isFurnitureElement(_ tag: Tag) -> Bool {
        guard !tag.attributes.isEmpty else { return false }
        let lower = tag.attributes.lowercased()
        for attr in ["class", "id", "role"] {
            guard let r = lower.range(of: attr + "=") else { continue }
            let value = lower[r.upperBound...].prefix(120)
            if furniture.contains(where: { value.contains($0) }) { return true }
        }
        return false
    }

    /// `<name attributes>` starting at `i`; nil when it is not a tag (a lone "<" in text).
    private static func parseTag(_ c: [Unicode.Scalar], _ i: Int) -> (Tag, Int)? {
        var j = i + 1
        var closing = false
        if j < c.count && c[j] == "/" { closing = true; j += 1 }
        guard j < c.count, c[j].properties.isAlphabetic else { return nil }
        var name = String.UnicodeScalarView()
        while j < c.count, c[j].properties.isAlphabetic || c[j].properties.numericType != nil || c[j] == "-" || c[j] == ":" {
            name.append(c[j]); j += 1
        }
        var attributes = String.UnicodeScalarView()
        var quote: Unicode.Scalar?
        while j < c.count {
            let ch = c[j]
            if let q = quote { if ch == q { quote = nil } } else if ch == "\"" || ch == "'" { quote = ch } else if ch == ">" { break }
            attributes.append(ch)
            j += 1
            if attributes.count > 4000 { break }  // a broken tag: give up on it
        }
        let attrs = String(attributes)
        return (Tag(name: String(name).lowercased(), closing: closing, selfClosing: attrs.hasSuffix("/"), attributes: attrs), min(c.count, j + 1))
    }

    private static func matches(_ c: [Unicode.Scalar], _ i: Int, _ s: String) -> Bool {
        var k = i
        for x in s.unicodeScalars {
            guard k < c.count, c[k] == x else { return false }
            k += 1
        }
        return true
    }

    private static func find(_ c: [Unicode.Scalar], _ s: String, from: Int, caseInsensitive: Bool = false) -> Int? {
        let needle = Array((caseInsensitive ? s.lowercased() : s).unicodeScalars)
        var i = from
        while i + needle.count <= c.count {
            var ok = true
            for (k, n) in needle.enumerated() {
                var x = c[i + k]
                if caseInsensitive, x.value >= 0x41 && x.value <= 0x5A { x = Unicode.Scalar(x.value + 32)! }
                if x != n { ok = false; break }
            }
            if ok { return i }
            i += 1
        }
        return nil
    }

    /// Decodes character references: &amp; &eacute; &#233; &#xE9;.
    static func decode(_ s: String.UnicodeScalarView) -> String.UnicodeScalarView {
        guard s.contains("&") else { return s }
        let c = Array(s)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < c.count {
            if c[i] == "&", let semi = c[i..<min(c.count, i + 12)].firstIndex(of: ";") {
                let body = String(String.UnicodeScalarView(c[(i + 1)..<semi]))
                var value: UInt32?
                if body.hasPrefix("#x") || body.hasPrefix("#X") { value = UInt32(body.dropFirst(2), radix: 16) }
                else if body.hasPrefix("#") { value = UInt32(body.dropFirst()) }
                else if let v = entities[body] { value = v }
                if let value, let scalar = Unicode.Scalar(value) {
                    out.append(scalar)
                    i = semi + 1
                    continue
                }
            }
            out.append(c[i])
            i += 1
        }
        return out
    }

    /// Named references of HTML that French text uses.
    static let entities: [String: UInt32] = {
        var e: [String: UInt32] = [
            "amp": 38, "lt": 60, "gt": 62, "quot": 34, "apos": 39, "nbsp": 0xA0, "laquo": 0xAB, "raquo": 0xBB, "copy": 0xA9,
            "reg": 0xAE, "deg": 0xB0, "euro": 0x20AC, "hellip": 0x2026, "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018,
            "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D, "sbquo": 0x201A, "bdquo": 0x201E, "bull": 0x2022, "middot": 0xB7,
            "thinsp": 0x2009, "ensp": 0x2002, "emsp": 0x2003, "zwnj": 0x200C, "zwj": 0x200D, "shy": 0xAD, "oelig": 0x153,
            "OElig": 0x152, "aelig": 0xE6, "AElig": 0xC6, "szlig": 0xDF, "iexcl": 0xA1, "iquest": 0xBF, "sect": 0xA7, "para": 0xB6,
            "times": 0xD7, "divide": 0xF7, "plusmn": 0xB1, "frac12": 0xBD, "frac14": 0xBC, "frac34": 0xBE, "pound": 0xA3,
            "yen": 0xA5, "cent": 0xA2, "trade": 0x2122, "prime": 0x2032, "Prime": 0x2033, "ordf": 0xAA, "ordm": 0xBA,
            "sup1": 0xB9, "sup2": 0xB2, "sup3": 0xB3, "micro": 0xB5, "acute": 0xB4, "uml": 0xA8, "cedil": 0xB8, "macr": 0xAF,
        ]
        // Latin letters with diacritics: &eacute; &Agrave; &ccedil; …
        let marks: [(String, [(Character, UInt32)])] = [
            ("grave", [("A", 0xC0), ("E", 0xC8), ("I", 0xCC), ("O", 0xD2), ("U", 0xD9), ("a", 0xE0), ("e", 0xE8), ("i", 0xEC), ("o", 0xF2), ("u", 0xF9)]),
            ("acute", [("A", 0xC1), ("E", 0xC9), ("I", 0xCD), ("O", 0xD3), ("U", 0xDA), ("Y", 0xDD), ("a", 0xE1), ("e", 0xE9), ("i", 0xED), ("o", 0xF3), ("u", 0xFA), ("y", 0xFD)]),
            ("circ", [("A", 0xC2), ("E", 0xCA), ("I", 0xCE), ("O", 0xD4), ("U", 0xDB), ("a", 0xE2), ("e", 0xEA), ("i", 0xEE), ("o", 0xF4), ("u", 0xFB)]),
            ("tilde", [("A", 0xC3), ("N", 0xD1), ("O", 0xD5), ("a", 0xE3), ("n", 0xF1), ("o", 0xF5)]),
            ("uml", [("A", 0xC4), ("E", 0xCB), ("I", 0xCF), ("O", 0xD6), ("U", 0xDC), ("a", 0xE4), ("e", 0xEB), ("i", 0xEF), ("o", 0xF6), ("u", 0xFC), ("y", 0xFF), ("Y", 0x178)]),
            ("cedil", [("C", 0xC7), ("c", 0xE7)]),
            ("ring", [("A", 0xC5), ("a", 0xE5)]),
            ("slash", [("O", 0xD8), ("o", 0xF8)]),
        ]
        for (mark, letters) in marks { for (l, v) in letters { e["\(l)\(mark)"] = v } }
        return e
    }()
}
