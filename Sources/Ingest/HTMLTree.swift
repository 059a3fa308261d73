import CLibXML2
import Foundation

/// The HTML elements the extractor tells apart; every other element is `.other`.
enum HTMLTag: UInt8, Sendable {
    case text, other
    case html, head, body, title, meta, link, script, style, noscript, template, svg, math, iframe, object, embed, canvas
    case select, option, button, input, textarea, label
    case nav, aside, footer, header, form, menu, dialog, figure, figcaption, picture, img, video, audio
    case article, main, section, div, p, h1, h2, h3, h4, h5, h6, ul, ol, li, dl, dt, dd, blockquote, pre, table, tbody, thead
    case tfoot, tr, td, th, caption, address, hr, br, fieldset, details, summary, center, a, time

    /// Starts and ends a block of text.
    var isBlock: Bool {
        switch self {
        case .html, .body, .nav, .aside, .footer, .header, .form, .menu, .dialog, .figure, .figcaption, .article, .main, .section,
             .div, .p, .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd, .blockquote, .pre, .table, .tbody, .thead, .tfoot,
             .tr, .td, .th, .caption, .address, .hr, .fieldset, .details, .summary, .center, .title, .option, .select, .textarea, .button:
            return true
        default: return false
        }
    }

    /// Holds a paragraph's text rather than paragraphs.
    var isTextLevel: Bool {
        switch self {
        case .p, .h1, .h2, .h3, .h4, .h5, .h6, .li, .dt, .dd, .pre, .tr, .td, .th, .caption, .address, .summary, .figcaption:
            return true
        default: return false
        }
    }

    var isHeading: Bool { self == .h1 || self == .h2 || self == .h3 || self == .h4 || self == .h5 || self == .h6 }

    /// Never text: dropped with everything inside.
    var isSkipped: Bool {
        switch self {
        case .script, .style, .noscript, .template, .svg, .math, .iframe, .object, .embed, .canvas, .select, .option, .button,
             .input, .textarea, .head, .title, .video, .audio, .picture:
            return true
        default: return false
        }
    }

    /// Names by ``key(_:)`` (tag names are ASCII and libxml2's HTML parser lower-cases them).
    static let byKey: [UInt64: HTMLTag] = {
        let all: [HTMLTag] = [.html, .head, .body, .title, .meta, .link, .script, .style, .noscript, .template, .svg, .math, .iframe,
                              .object, .embed, .canvas, .select, .option, .button, .input, .textarea, .label, .nav, .aside, .footer,
                              .header, .form, .menu, .dialog, .figure, .figcaption, .picture, .img, .video, .audio, .article, .main,
                              .section, .div, .p, .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd, .blockquote, .pre,
                              .table, .tbody, .thead, .tfoot, .tr, .td, .th, .caption, .address, .hr, .br, .fieldset, .details,
                              .summary, .center, .a, .time]
        var d: [UInt64: HTMLTag] = [:]
        for t in all {
            let name = "\(t)"
            guard let key = HTMLTag.key(Array(name.utf8)) else { continue }
            d[key] = t
        }
        return d
    }()

    /// A tag name's key: FNV-1a of its lower-cased bytes (a name of any length: packing 8 bytes lost
    /// `blockquote` and `figcaption`, which were read as unknown elements).
    static func key<C: Collection>(_ bytes: C) -> UInt64? where C.Element == UInt8 {
        var k: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { k = (k ^ UInt64(b | (b >= 0x41 && b <= 0x5A ? 0x20 : 0))) &* 0x100_0000_01b3 }
        return k
    }
}

/// A parsed page as a flat array of nodes in document order (each node's subtree is `index..<end`),
/// with the text of text nodes in one byte buffer and what the head says about the page.
///
/// Built from libxml2's HTML parser and then independent of it (value types only), so pages are
/// parsed and scored in parallel on several threads.
struct HTMLTree: Sendable {
    struct Node: Sendable {
        var tag: HTMLTag
        var parent: Int32
        /// One past the last node of the subtree.
        var end: Int32 = 0
        /// Text nodes: their bytes in ``HTMLTree/bytes``.
        var textStart: Int32 = 0
        var textEnd: Int32 = 0
        /// Class, id and role evidence (``ClassEvidence``).
        var evidence: ClassEvidence = .none
        /// The class attribute's index in ``HTMLTree/classes`` (-1 without one): elements that share it are judged together.
        var classIndex: Int32 = -1
        /// `<a href>`.
        var isLink = false
        /// Hidden by the `hidden` attribute or an inline `display:none`.
        var hidden = false
    }

    var nodes: [Node] = []
    var bytes: [UInt8] = []
    var classes: [String] = []
    private var classIndex: [String: Int32] = [:]

    var title: String?
    /// `<meta name|property|itemprop = content>`, names lower-cased, in page order.
    var metas: [(name: String, content: String)] = []
    var canonical: String?
    var jsonLD: [String] = []
    /// `<time datetime>` and `itemprop="datePublished"` values, with their node.
    var times: [(node: Int32, value: String, published: Bool)] = []
    var language: String?

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses UTF-8 `html`.
    init(html: String) {
        _ = HTMLTree.initialized
        var html = html
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NODEFDTD.rawValue
                            | XML_PARSE_HUGE.rawValue)  // no depth limit of 256: unclosed tags nest that deep on real pages
        let doc: htmlDocPtr? = html.withUTF8 { buffer in
            guard buffer.count > 0, buffer.count < Int(Int32.max) else { return nil }
            return buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return }
        defer { xmlFreeDoc(doc) }
        nodes.reserveCapacity(4096)
        bytes.reserveCapacity(html.utf8.count / 3)
        var child = doc.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { add(c, parent: -1, inHead: false, depth: 0) }
            child = c.pointee.next
        }
    }

    // MARK: - Building

    /// Elements nested deeper than this are read flat, their text going to the element at this depth,
    /// so that a page of 100,000 unclosed tags needs no deeper recursion.
    static let maximumDepth = 400

    private mutating func add(_ node: xmlNodePtr, parent: Int32, inHead: Bool, depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard !inHead, let content = node.pointee.content else { return }
            let start = Int32(bytes.count)
            var p = content
            while p.pointee != 0 { bytes.append(p.pointee); p += 1 }
            guard Int32(bytes.count) > start else { return }
            nodes.append(Node(tag: .text, parent: parent, end: Int32(nodes.count + 1), textStart: start, textEnd: Int32(bytes.count)))
            return
        case XML_ELEMENT_NODE:
            break
        default:
            return
        }
        guard let namePointer = node.pointee.name else { return }
        let nameLength = strlen(namePointer)
        let tag = HTMLTag.key(UnsafeBufferPointer(start: namePointer, count: nameLength)).flatMap { HTMLTag.byKey[$0] } ?? .other

        // Attributes.
        var classValue: UnsafePointer<UInt8>?, idValue: UnsafePointer<UInt8>?, role: String?, itemprop: String?, href = false, style: String?, hidden = false
        var name: String?, property: String?, content: String?, rel: String?, linkHref: String?, datetime: String?, type: String?, lang: String?
        var attr = node.pointee.properties
        while let a = attr {
            defer { attr = a.pointee.next }
            guard let an = a.pointee.name else { continue }
            let key = HTMLTag.key(UnsafeBufferPointer(start: an, count: strlen(an)))
            func value() -> String {
                guard let t = a.pointee.children, let c = t.pointee.content else { return "" }
                return String(cString: c)
            }
            switch key {
            case Self.k("class"): classValue = a.pointee.children?.pointee.content.map { UnsafePointer($0) }
            case Self.k("id"): idValue = a.pointee.children?.pointee.content.map { UnsafePointer($0) }
            case Self.k("role"): role = value().lowercased()
            case Self.k("itemprop"): itemprop = value().lowercased()
            case Self.k("href"):
                href = true
                if tag == .link { linkHref = value() }
            case Self.k("style"): style = value()
            case Self.k("hidden"): hidden = true
            case Self.k("name"): if tag == .meta { name = value().lowercased() }
            case Self.k("property"): if tag == .meta { property = value().lowercased() }
            case Self.k("content"): content = value()
            case Self.k("rel"): if tag == .link { rel = value().lowercased() }
            case Self.k("datetime"): datetime = value()
            case Self.k("type"): if tag == .script { type = value().lowercased() }
            case Self.k("lang"): if tag == .html { lang = value() }
            default: break
            }
        }

        // The head's facts, wherever they are (some pages put meta tags in the body).
        switch tag {
        case .title:
            if title == nil {
                let t = Self.textContent(node)
                if !t.isEmpty { title = t }
            }
            return
        case .meta:
            if let content, let key = property ?? name ?? itemprop { metas.append((key, content)) }
            return
        case .link:
            if let rel, rel.split(separator: " ").contains("canonical"), let linkHref, canonical == nil { canonical = linkHref }
            return
        case .script:
            if let type, type.contains("ld+json") { jsonLD.append(Self.textContent(node)) }
            return
        case .html:
            if let lang { language = lang }
        default:
            break
        }
        if tag == .head {
            var child = node.pointee.children
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE { add(c, parent: parent, inHead: true, depth: depth + 1) }
                child = c.pointee.next
            }
            return
        }
        if tag.isSkipped { return }

        let index = Int32(nodes.count)
        var n = Node(tag: tag, parent: parent)
        n.isLink = tag == .a && href
        if hidden { n.hidden = true }
        if let style, Self.hidesElement(style) { n.hidden = true }
        if tag != .html && tag != .body {
            n.evidence = ClassEvidence(tag: tag, classValue: classValue, id: idValue, role: role, itemprop: itemprop)
        }
        if let classPointer = classValue, classPointer.pointee != 0, n.evidence.isNegative {
            let classValue = String(cString: classPointer)
            if let k = classIndex[classValue] { n.classIndex = k } else {
                n.classIndex = Int32(classes.count)
                classIndex[classValue] = n.classIndex
                classes.append(classValue)
            }
        }
        nodes.append(n)
        if tag == .time || itemprop == "datepublished" {
            if let v = datetime ?? content, !v.isEmpty { times.append((index, v, itemprop == "datepublished")) }
            else if itemprop == "datepublished" { times.append((index, Self.textContent(node), true)) }
        }
        if depth >= Self.maximumDepth {
            addFlat(node, parent: index)
        } else {
            var child = node.pointee.children
            while let c = child {
                add(c, parent: index, inHead: inHead, depth: depth + 1)
                child = c.pointee.next
            }
        }
        nodes[Int(index)].end = Int32(nodes.count)
    }

    /// The text under `root` as text nodes of `parent`, walked without recursion (scripts and styles skipped).
    private mutating func addFlat(_ root: xmlNodePtr, parent: Int32) {
        var node = root.pointee.children
        while let n = node {
            var descend = false
            if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE, let content = n.pointee.content {
                let start = Int32(bytes.count)
                var p = content
                while p.pointee != 0 { bytes.append(p.pointee); p += 1 }
                if Int32(bytes.count) > start {
                    nodes.append(Node(tag: .text, parent: parent, end: Int32(nodes.count + 1), textStart: start, textEnd: Int32(bytes.count)))
                }
            } else if n.pointee.type == XML_ELEMENT_NODE, let name = n.pointee.name {
                let tag = HTMLTag.key(UnsafeBufferPointer(start: name, count: strlen(name))).flatMap { HTMLTag.byKey[$0] } ?? .other
                descend = !tag.isSkipped && n.pointee.children != nil
            }
            if descend { node = n.pointee.children; continue }
            // Next: the sibling, else the nearest ancestor's sibling below the root.
            var m: xmlNodePtr? = n
            while let x = m, x != root {
                if let next = x.pointee.next { node = next; break }
                m = x.pointee.parent
                node = nil
            }
            if m == root || m == nil { break }
        }
    }

    private static func k(_ s: StaticString) -> UInt64? {
        s.withUTF8Buffer { HTMLTag.key($0) }
    }

    private static func hidesElement(_ style: String) -> Bool {
        guard style.contains("none") || style.contains("hidden") else { return false }
        let compact = style.lowercased().filter { $0 != " " }
        return compact.contains("display:none") || compact.contains("visibility:hidden")
    }

    /// The text under `node`, white space collapsed.
    static func textContent(_ node: xmlNodePtr) -> String {
        var out: [UInt8] = []
        func walk(_ n: xmlNodePtr) {
            if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE, let c = n.pointee.content {
                var p = c
                while p.pointee != 0 { out.append(p.pointee); p += 1 }
                return
            }
            var child = n.pointee.children
            while let c = child { walk(c); child = c.pointee.next }
        }
        walk(node)
        return TextHygiene.clean(out)
    }
}

/// What an element's class, id, role, itemprop and tag say about its content.
struct ClassEvidence: Sendable, Equatable {
    /// Negative: page furniture (navigation, share buttons, comments, related articles…).
    var isNegative = false
    /// Strongly negative: a comment section, which may hold more text than the article but is never it.
    var isStrong = false
    /// Positive: the article body (`<article>`, `itemprop="articleBody"`, class "article-content"…), as a bonus for the container.
    var bonus: Float = 0
    /// A post quoted in the article with the network's embed code (`<blockquote class="twitter-tweet">`,
    /// `instagram-media`, `tiktok-embed`): the article's content even inside a "social" wrapper.
    var isEmbeddedPost = false

    static let none = ClassEvidence()

    static let negativeWords: Set<String> = [
        "comment", "comments", "commentlist", "disqus", "share", "shares", "sharing", "sharer", "social", "socials", "related",
        "relatedposts", "recommended", "recommendation", "recommendations", "sidebar", "sidebars", "aside", "footer", "nav", "navbar",
        "navigation", "menu", "submenu", "megamenu", "cookie", "cookies", "consent", "gdpr", "newsletter", "newsletters", "advert",
        "adverts", "advertisement", "advertising", "ad", "ads", "adsense", "adslot", "dfp", "sponsor", "sponsored", "promo",
        "promotion", "promoted", "breadcrumb", "breadcrumbs", "popup", "modal", "overlay", "subscribe", "subscription",
        "widget", "widgets", "banner", "signup", "login", "register", "respond", "reply", "replies", "masthead", "header",
        "toolbar", "pagination", "pager", "outbrain", "taboola", "trending", "popular", "mostread", "tags", "tagcloud",
        "byline", "caption", "credit", "credits", "dateline", "timestamp", "bio", "author", "authors", "meta", "skip", "print",
        "partage", "partager", "commentaires", "commentaire", "publicite", "pub", "abonnement", "lireaussi", "auteur",
        "teaser", "teasers", "promos", "hidden", "hide", "sr", "screenreader", "visually", "offscreen",
    ]
    static let modifiers: Set<String> = ["no", "has", "with", "without", "is", "hide", "show", "sans", "avec"]
    static let strongWords: Set<String> = ["comment", "comments", "commentlist", "commentaire", "commentaires", "disqus", "respond", "reply", "replies"]
    static let positiveWords: Set<String> = [
        "article", "articlebody", "content", "entry", "post", "story", "storybody", "body", "text", "main", "blog", "prose",
        "richtext", "postbody", "entrycontent", "contenu", "texte", "chapo", "corps",
    ]
    /// Class names starting so are taxonomies or states, not furniture: `tag-sidebar`, `no-sidebars`, `has-comments`.
    static let neutralPrefixes: Set<String> = ["tag", "category", "categories", "term", "no", "has", "with", "without", "is", "format", "status"]

    init() {}

    init(tag: HTMLTag, classValue: UnsafePointer<UInt8>?, id: UnsafePointer<UInt8>?, role: String?, itemprop: String?) {
        switch tag {
        case .nav, .aside, .footer, .header, .form, .menu, .dialog, .figure, .figcaption: isNegative = true
        case .article: bonus += 0.15
        case .main: bonus += 0.1
        default: break
        }
        if let role {
            switch role {
            case "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog", "alert": isNegative = true
            case "main": bonus += 0.1
            case "article": bonus += 0.1
            default: break
            }
        }
        if let itemprop {
            if itemprop.contains("articlebody") || itemprop == "text" { bonus += 0.3 }
            if itemprop == "comment" || itemprop == "author" || itemprop == "publisher" { isNegative = true }
            if itemprop == "comment" { isStrong = true }
        }
        var positive = false
        for value in [classValue, id] {
            guard let value else { continue }
            ClassEvidence.scan(value) { word in
                switch ClassEvidence.lexicon[word] {
                case .negative?:
                    isNegative = true
                case .strong?:
                    isNegative = true
                    isStrong = true
                case .positive?: positive = true
                case .embeddedPost?: if tag == .blockquote { isEmbeddedPost = true }
                default: break
                }
            }
        }
        if positive { bonus += 0.1 }
    }

    enum Word: Sendable { case negative, strong, positive, modifier, taxonomy, live, comment, embeddedPost }

    static let embeddedPostWords: Set<String> = ["tweet", "instagram", "tiktok"]

    /// Word hashes (FNV-1a of the lower-case letters) → their kind.
    static let lexicon: [UInt64: Word] = {
        var d: [UInt64: Word] = [:]
        for w in negativeWords { d[hash(w)] = .negative }
        for w in strongWords { d[hash(w)] = .strong }
        for w in positiveWords { d[hash(w)] = .positive }
        for w in embeddedPostWords { d[hash(w)] = .embeddedPost }
        return d
    }()
    static let control: [UInt64: Word] = {
        var d: [UInt64: Word] = [:]
        for w in modifiers { d[hash(w)] = .modifier }
        for w in neutralPrefixes { d[hash(w)] = .taxonomy }
        for w in ["live", "liveblog", "direct"] { d[hash(w)] = .live }
        for w in ["comment", "comments", "commentaire", "commentaires"] { d[hash(w)] = .comment }
        return d
    }()

    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// Calls `body` with the hash of each word of each class name in `value` (a C string): names split on
    /// white space, words on anything but letters and on camelCase ("articleBody-2" → article, body), lower-cased.
    /// A name starting with a taxonomy word (`tag-sidebar`, `category-comments`) gives none; a layout word
    /// (`content-with-sidebar`, `post-no-comments`) ends the name; in a live blog's name (`live-match-comment`)
    /// "comment" is its commentary, not furniture.
    static func scan(_ value: UnsafePointer<UInt8>, _ body: (UInt64) -> Void) {
        var p = value
        var words: [UInt64] = []
        words.reserveCapacity(8)
        func endName() {
            defer { words.removeAll(keepingCapacity: true) }
            guard let first = words.first else { return }
            if words.count > 1, control[first] == .taxonomy { return }
            let live = words.contains { control[$0] == .live }
            for w in words {
                let c = control[w]
                if c == .modifier { break }
                if live && c == .comment { continue }
                body(w)
            }
        }
        var h: UInt64 = 0xcbf29ce484222325
        var length = 0
        var previousLower = false
        func endWord() {
            if length > 0 { words.append(h) }
            h = 0xcbf29ce484222325
            length = 0
        }
        while p.pointee != 0 {
            let c = p.pointee
            p += 1
            let isUpper = c >= 0x41 && c <= 0x5A
            let isLower = (c >= 0x61 && c <= 0x7A) || c >= 0x80
            if isUpper || isLower {
                if isUpper && previousLower { endWord() }
                h = (h ^ UInt64(isUpper ? c | 0x20 : c)) &* 0x100000001b3
                length += 1
                previousLower = isLower
            } else {
                endWord()
                previousLower = false
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { endName() }
            }
        }
        endWord()
        endName()
    }
}
