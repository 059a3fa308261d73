import Foundation

/// Extracts an article's readable text and metadata from an HTML page.
///
/// The page is parsed by libxml2's HTML parser (``HTMLTree``), then read as blocks of text (paragraphs,
/// headings, list items, cells: whatever a block-level element or two `<br>` delimit). Each block is
/// judged on its own evidence — its length in words, the share of its text inside links, its
/// punctuation — as content, furniture or uncertain; elements whose tag, class, id or role name page
/// furniture (navigation, share buttons, comments, related articles, footers, asides, captions…,
/// class names split into whole words, so `no-sidebars` is not a sidebar) turn the blocks inside them into
/// furniture, unless they hold far more of the page's content than everything else (an `<article>` inside an
/// `<aside>`, a live blog whose entries are classed as comments). The article's container is the element
/// whose blocks sum to the most content words minus furniture words, with a bonus for `<article>`, `<main>`,
/// `itemprop="articleBody"` and content-like class names: evidence, never law, so teaser `<article>`s around a
/// story in `<main>` lose to it. Inside the container, content blocks are kept, furniture dropped, and
/// uncertain blocks (short lines, subheadings) kept when content surrounds them (after jusText).
///
/// The text is the article's body, one block a paragraph separated by blank lines, as trafilatura gives it
/// and as a JSONL line's `text` is: the headline is the title (``HTMLMetadata``: `og:title`, the `<h1>`, or
/// the `<title>` without the site's name), kept apart. Character references are decoded, soft hyphens and
/// zero-width characters removed, white space collapsed.
public enum HTMLExtractor {
    public struct Extracted: Sendable {
        /// The article's paragraphs separated by blank lines (the headline is ``title``).
        public var text: String
        public var title: String?
        /// ISO 8601 publication date, and where it was read (`json-ld`, `meta`, `time`, `url`, `text`).
        public var date: String?
        public var dateSource: String?
        /// The canonical URL (`<link rel="canonical">`, else `og:url`).
        public var url: String?
        /// The site's name (`og:site_name`, `application-name`, JSON-LD publisher, else the canonical URL's host).
        public var siteName: String?
        public var author: String?
        /// The `<html lang>` attribute.
        public var language: String?
        /// Words kept, and words in all of the page's visible text.
        public var words: Int
        public var pageWords: Int

        /// Problems that did not stop the extraction (a charset replaced bytes, almost nothing kept).
        public var warnings: [String] = []

        public init(text: String, title: String? = nil) {
            self.text = text
            self.title = title
            words = 0
            pageWords = 0
        }

        /// A warning when the extraction kept almost nothing of a page that has far more text.
        public var thinWarning: String? {
            guard words < 50, pageWords >= 150 else { return nil }
            return "kept only \(words) words of the page's \(pageWords): the article may be missing (see `loupe extract` on this page); not scored for sentiment"
        }
    }

    /// A page's bytes: decoded (``TextDecoding/decodeHTML(_:)``), then extracted, with the warnings of both.
    public static func extract(data: [UInt8]) throws -> Extracted {
        let decoded = try TextDecoding.decodeHTML(data)
        var page = extract(decoded.text)
        if let w = decoded.warning { page.warnings.insert(w, at: 0) }
        return page
    }

    /// Every block of the page with its verdict, for `loupe extract --explain`: `+` kept, `-` dropped, then
    /// the block's own evidence (content, short, links), `F` when inside furniture, and its words.
    public static func explain(_ html: String) -> String {
        let tree = HTMLTree(html: html)
        var reader = BlockReader(tree: tree)
        reader.read()
        let content = ContentSelector(tree: tree, blocks: reader.blocks)
        let kept = Set(content.keptBlocks().map(\.start))
        var lines: [String] = []
        if let c = content.container { lines.append("container: " + content.path(c)) }
        for b in reader.blocks {
            let text = String(decoding: reader.out[b.start..<b.end], as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            let kind = b.kind == .good ? "content" : b.kind == .bad ? "links  " : "short  "
            let inside = content.container.map { b.anchor >= $0 && b.anchor < tree.nodes[Int($0)].end } ?? false
            lines.append("\(kept.contains(b.start) ? "+" : "-") \(kind) \(content.isFurniture(b.anchor) ? "F" : " ")\(inside ? "C" : " ") \(b.words)w  \(text.prefix(100))")
        }
        return lines.joined(separator: "\n")
    }

    public static func extract(_ html: String) -> Extracted {
        let tree = HTMLTree(html: html)
        var reader = BlockReader(tree: tree)
        reader.read()
        let content = ContentSelector(tree: tree, blocks: reader.blocks)
        let kept = content.keptBlocks()
        let meta = HTMLMetadata(tree: tree, blocks: reader.blocks, bytes: reader.out, container: content.container)

        var body: [String] = []
        var words = 0
        for (k, b) in kept.enumerated() {
            let text = String(decoding: reader.out[b.start..<b.end], as: UTF8.self)
            // The headline: the title, not the body.
            if k < 3, b.heading, let t = meta.title, HTMLMetadata.sameText(text, t) { continue }
            body.append(text)
            words += b.words
        }
        var result = Extracted(text: body.joined(separator: "\n\n"), title: meta.title ?? body.first)
        result.date = meta.date?.value
        result.dateSource = meta.date?.source
        result.url = meta.url
        result.siteName = meta.siteName
        result.author = meta.author
        result.language = tree.language
        result.words = words
        result.pageWords = reader.blocks.reduce(0) { $0 + $1.words }
        if let thin = result.thinWarning { result.warnings.append(thin) }
        return result
    }
}

/// A run of text between block boundaries.
struct TextBlock: Sendable {
    /// Its first text node, which places it in the tree.
    var anchor: Int32
    /// The innermost block-level element around it.
    var owner: Int32 = -1
    /// Bytes in ``BlockReader/out``.
    var start: Int
    var end: Int
    var chars = 0
    var linkChars = 0
    var words = 0
    var punctuation = 0
    var heading = false
    var listItem = false
    var endsSentence = false
    /// Its first character is a link's: a teaser (linked headline, then its lede) rather than a paragraph.
    var startsWithLink = false
    var kind: Kind = .neutral

    enum Kind: Sendable { case good, neutral, bad }
}

/// Cuts a tree's visible text into blocks, cleaning it as it goes.
struct BlockReader {
    let tree: HTMLTree
    var out: [UInt8] = []
    var blocks: [TextBlock] = []
    private var current: TextBlock?
    private var pendingSpace = false
    private var headingDepth = 0
    private var listDepth = 0
    private var seen = Set<Int>()
    private var owners: [Int32] = []

    init(tree: HTMLTree) {
        self.tree = tree
        out.reserveCapacity(tree.bytes.count)
    }

    mutating func read() {
        var i: Int32 = 0
        let n = Int32(tree.nodes.count)
        while i < n {
            visit(i, inLink: false)
            i = tree.nodes[Int(i)].end
        }
        flush()
        // A paragraph followed by a "read more" link is a teaser of another page, not a paragraph of this one.
        for k in blocks.indices.dropLast() where blocks[k].kind == .good && isReadMore(blocks[k + 1]) {
            blocks[k].kind = .neutral
        }
    }

    /// Bytes of text in the nodes `from..<to`, up to a bound.
    private func textBytes(from: Int32, to: Int32) -> Int {
        var total = 0
        var k = Int(from)
        while k < Int(to) && total <= 200 {
            let n = tree.nodes[k]
            if n.tag == .text { total += Int(n.textEnd - n.textStart) }
            k += 1
        }
        return total
    }

    private func isReadMore(_ b: TextBlock) -> Bool {
        guard b.words <= 5, b.linkChars * 2 > b.chars else { return false }
        let text = String(decoding: out[b.start..<b.end], as: UTF8.self).lowercased()
            .trimmingCharacters(in: CharacterSet.letters.inverted)
        return TextHygiene.readMore.contains(text)
    }

    private mutating func visit(_ i: Int32, inLink: Bool) {
        let node = tree.nodes[Int(i)]
        switch node.tag {
        case .text:
            append(node, index: i, inLink: inLink)
            return
        case .br:
            if let c = current, c.end > c.start {
                if out.last == 0x0A { flush() }  // two line breaks: a paragraph break
                else { out.append(0x0A); current?.end = out.count; pendingSpace = false }
            }
            return
        case .hr, .img:
            if node.tag == .hr { flush() }
            return
        default:
            break
        }
        var block = node.tag.isBlock
        if node.tag == .td || node.tag == .th {
            // A data cell is a part of its row ("1 Kyle Busch 5040"), a long cell (a layout table) a block of its own.
            let n = tree.nodes[Int(i)]
            block = textBytes(from: i + 1, to: n.end) > 200
            if !block { pendingSpace = true }
        }
        if block { flush(); owners.append(i) }
        if node.tag.isHeading { headingDepth += 1 }
        if node.tag == .li || node.tag == .dd || node.tag == .dt { listDepth += 1 }
        var c = i + 1
        let link = inLink || node.isLink
        while c < node.end {
            visit(c, inLink: link)
            c = tree.nodes[Int(c)].end
        }
        if block { flush(); owners.removeLast() }
        if node.tag.isHeading { headingDepth -= 1 }
        if node.tag == .li || node.tag == .dd || node.tag == .dt { listDepth -= 1 }
    }

    private mutating func append(_ node: HTMLTree.Node, index: Int32, inLink: Bool) {
        let bytes = tree.bytes
        var k = Int(node.textStart)
        let e = Int(node.textEnd)
        while k < e {
            let b = bytes[k]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C { pendingSpace = true; k += 1; continue }
            // Invisible characters: soft hyphen C2 AD; zero-width space, non-joiner E2 80 8B/8C; word joiner E2 81 A0;
            // zero-width no-break space EF BB BF; the joiner E2 80 8D except inside an emoji sequence.
            if b == 0xC2, k + 1 < e, bytes[k + 1] == 0xAD { k += 2; continue }
            if b == 0xE2, k + 2 < e {
                let b1 = bytes[k + 1], b2 = bytes[k + 2]
                if b1 == 0x80 && (b2 == 0x8B || b2 == 0x8C) || b1 == 0x81 && b2 == 0xA0 { k += 3; continue }
                if b1 == 0x80 && b2 == 0x8D && !TextHygiene.endsWithEmoji(out) { k += 3; continue }
            }
            if b == 0xEF, k + 2 < e, bytes[k + 1] == 0xBB, bytes[k + 2] == 0xBF { k += 3; continue }
            if current == nil {
                current = TextBlock(anchor: index, start: out.count, end: out.count)
                current!.owner = owners.last ?? -1
                current!.heading = headingDepth > 0
                current!.listItem = listDepth > 0
                pendingSpace = false
            }
            if pendingSpace {
                if out.count > current!.start && out.last != 0x0A { out.append(0x20) }
                pendingSpace = false
                current!.words += 1
            } else if out.count == current!.start || out.last == 0x0A {
                current!.words += 1
            }
            out.append(b)
            if b & 0xC0 != 0x80 {
                if current!.chars == 0 { current!.startsWithLink = inLink }
                current!.chars += 1
                if inLink { current!.linkChars += 1 }
                switch b {
                case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F: current!.punctuation += 1
                default: break
                }
            }
            current!.end = out.count
            k += 1
        }
    }

    private mutating func flush() {
        pendingSpace = false
        guard var b = current else { return }
        current = nil
        while b.end > b.start, out[b.end - 1] == 0x0A || out[b.end - 1] == 0x20 { b.end -= 1 }
        out.removeSubrange(b.end...)
        guard b.chars > 0 else { out.removeSubrange(b.start...); return }
        b.endsSentence = TextHygiene.endsSentence(out[b.start..<b.end])
        b.kind = Self.classify(b, out)
        // A paragraph met before (hidden copies, repeated teasers, pull quotes) counts once.
        if b.words >= 8 {
            var h = Hasher()
            out[b.start..<b.end].withUnsafeBytes { h.combine(bytes: $0) }
            if !seen.insert(h.finalize()).inserted && b.kind == .good { b.kind = .neutral }
        }
        blocks.append(b)
    }

    /// A block's own evidence: long, punctuated, few links → content; mostly links or a copyright line → furniture.
    static func classify(_ b: TextBlock, _ out: [UInt8]) -> TextBlock.Kind {
        let linkDensity = Double(b.linkChars) / Double(max(1, b.chars))
        if linkDensity > 0.5 { return .bad }
        if b.words < 20, TextHygiene.isBoilerplateLine(out[b.start..<b.end]) { return .bad }
        if b.heading { return .neutral }
        if b.startsWithLink && linkDensity >= 0.15 { return .neutral }
        if linkDensity < 0.35 {
            if b.words >= 25 { return .good }
            if b.words >= 12 && b.punctuation >= 1 && b.endsSentence { return .good }
            if b.words >= 15 && b.punctuation >= 2 { return .good }
        }
        return .neutral
    }
}

/// Chooses the article's container and the blocks to keep.
struct ContentSelector {
    let tree: HTMLTree
    let blocks: [TextBlock]
    /// The node whose subtree holds the article (nil when the page has no content block at all).
    private(set) var container: Int32?
    /// Per node: inside furniture that counts.
    private var furniture: [Bool]

    init(tree: HTMLTree, blocks: [TextBlock]) {
        self.tree = tree
        self.blocks = blocks
        let count = tree.nodes.count
        furniture = [Bool](repeating: false, count: count)
        guard count > 0 else { return }

        // Content words per subtree.
        var good = [Int](repeating: 0, count: count)
        for b in blocks where b.kind == .good { good[Int(b.anchor)] += b.words }
        for i in stride(from: count - 1, through: 0, by: -1) {
            let p = Int(tree.nodes[i].parent)
            if p >= 0 { good[p] += good[i] }
        }

        // Furniture evidence, judged per class name (elements sharing it) or per element.
        let nodes = tree.nodes
        func negative(_ i: Int) -> Bool { nodes[i].evidence.isNegative || nodes[i].hidden }
        var nearestNegative = [Int32](repeating: -1, count: count)  // the nearest negative ancestor-or-self
        for i in 0..<count {
            let p = Int(nodes[i].parent)
            let inherited = p >= 0 ? nearestNegative[p] : -1
            nearestNegative[i] = negative(i) ? Int32(i) : inherited
        }
        func group(_ i: Int) -> Int { nodes[i].classIndex >= 0 ? -1 - Int(nodes[i].classIndex) : i }
        var groupWords: [Int: Int] = [:]
        for i in 0..<count where negative(i) {
            let p = Int(nodes[i].parent)
            let outer = p >= 0 ? nearestNegative[p] : -1
            if outer >= 0 && group(Int(outer)) == group(i) { continue }  // counted with its outer element
            groupWords[group(i), default: 0] += good[i]
        }
        var strong = Set<Int>()
        for i in 0..<count where nodes[i].evidence.isStrong { strong.insert(group(i)) }
        // A group of furniture that holds two thirds of the page's content is not furniture on this page.
        var neutralised = Set<Int>()
        let total = good.enumerated().reduce(0) { $0 + (nodes[$1.offset].parent < 0 ? $1.element : 0) }
        for (g, words) in groupWords where !strong.contains(g) && words >= 50 && words * 3 > total * 2 { neutralised.insert(g) }
        var hidden = [Bool](repeating: false, count: count)  // inside an element the page never shows
        for i in 0..<count {
            let p = Int(nodes[i].parent)
            hidden[i] = nodes[i].hidden || (p >= 0 && hidden[p])
            // `itemprop="articleBody"` says more than the layout classes around it, but not more than
            // `display:none` (a hidden copy of the article for search engines, beside the visible one).
            let articleBody = (nodes[i].evidence.bonus >= 0.3 || nodes[i].evidence.isEmbeddedPost) && !negative(i) && !hidden[i]
            furniture[i] = (p >= 0 && furniture[p] && !articleBody) || (negative(i) && !neutralised.contains(group(i)))
        }

        // The container: the element whose blocks sum highest.
        var sum = [Float](repeating: 0, count: count)
        for b in blocks {
            let w = Float(b.words)
            let v: Float
            if furniture[Int(b.anchor)] { v = b.kind == .good ? -0.5 * w : -w }
            else {
                switch b.kind {
                case .good: v = w
                case .neutral: v = -0.25 * w
                case .bad: v = -w
                }
            }
            sum[Int(b.anchor)] += v
        }
        for i in stride(from: count - 1, through: 0, by: -1) {
            let p = Int(tree.nodes[i].parent)
            if p >= 0 { sum[p] += sum[i] }
        }
        var best: Int32?
        var bestScore: Float = 0
        for i in 0..<count where nodes[i].tag != .text && good[i] > 0 && !furniture[i] {
            let s = sum[i]
            let score = s > 0 ? s * (1 + nodes[i].evidence.bonus) : s
            if best == nil || score > bestScore { best = Int32(i); bestScore = score }
        }
        // A container holds paragraphs: when one paragraph outweighs the rest (its link-rich neighbours
        // cost the sum more than they added), the element around it is still the one to judge blocks in.
        if let b = best {
            var n = b
            while nodes[Int(n)].tag.isTextLevel || nodes[Int(n)].tag == .other || nodes[Int(n)].tag == .a || nodes[Int(n)].tag == .time {
                let p = nodes[Int(n)].parent
                guard p >= 0, nodes[Int(p)].tag != .body, nodes[Int(p)].tag != .html, !furniture[Int(p)] else { break }
                n = p
            }
            best = n
        }
        // An article element around the best node that adds little content of its own is the article's
        // real extent (its lists and short paragraphs cost the sum more than they added).
        if let b = best {
            var a = nodes[Int(b)].parent
            while a >= 0 {
                let n = nodes[Int(a)]
                if n.tag == .body || n.tag == .html || furniture[Int(a)] { break }
                if n.evidence.bonus >= 0.15 && good[Int(a)] * 10 <= good[Int(b)] * 13 + 300 {
                    best = a
                }
                a = n.parent
            }
        }
        // A parent whose other blocks are mostly content (a lead paragraph in a sibling element) extends it.
        if var b = best {
            var keep = [Int](repeating: 0, count: count), rest = [Int](repeating: 0, count: count)
            for blk in blocks {
                if blk.kind == .good && !furniture[Int(blk.anchor)] { keep[Int(blk.anchor)] += blk.words } else { rest[Int(blk.anchor)] += blk.words }
            }
            for i in stride(from: count - 1, through: 0, by: -1) {
                let p = Int(nodes[i].parent)
                if p >= 0 { keep[p] += keep[i]; rest[p] += rest[i] }
            }
            var a = nodes[Int(b)].parent
            while a >= 0, nodes[Int(a)].tag != .body, nodes[Int(a)].tag != .html, !furniture[Int(a)] {
                let addedKeep = keep[Int(a)] - keep[Int(b)], addedRest = rest[Int(a)] - rest[Int(b)]
                guard addedKeep > 0 || addedRest == 0 else { break }
                guard addedKeep >= 2 * addedRest else { break }
                b = a
                a = nodes[Int(a)].parent
            }
            best = b
        }
        container = best
    }

    func isFurniture(_ node: Int32) -> Bool { furniture[Int(node)] }

    /// Whether a block is a table's row or cell.
    func inTable(_ b: TextBlock) -> Bool {
        guard b.owner >= 0 else { return false }
        switch tree.nodes[Int(b.owner)].tag {
        case .tr, .td, .th, .caption: return true
        default: return false
        }
    }

    /// Whether two blocks' elements have the same tag and parent.
    func siblings(_ a: TextBlock, _ b: TextBlock) -> Bool {
        guard a.owner >= 0, b.owner >= 0 else { return false }
        let x = tree.nodes[Int(a.owner)], y = tree.nodes[Int(b.owner)]
        return x.tag == y.tag && x.parent == y.parent
    }

    /// "body > div#main.wrapper > article" for `--explain`.
    func path(_ node: Int32) -> String {
        var parts: [String] = []
        var n = node
        while n >= 0 {
            parts.append("\(tree.nodes[Int(n)].tag)\(tree.nodes[Int(n)].classIndex >= 0 ? "." + tree.classes[Int(tree.nodes[Int(n)].classIndex)] : "")")
            n = tree.nodes[Int(n)].parent
        }
        return parts.reversed().joined(separator: " > ")
    }

    /// The blocks of the article, in order.
    func keptBlocks() -> [TextBlock] {
        // No content block outside furniture: a short page. Keep what is not furniture.
        let fallback = { blocks.filter { !furniture[Int($0.anchor)] && $0.kind != .bad } }
        guard let container else { return fallback() }
        let range = container..<tree.nodes[Int(container)].end
        let inside = blocks.filter { range.contains($0.anchor) }
        var kinds = inside.map { furniture[Int($0.anchor)] ? TextBlock.Kind.bad : $0.kind }
        guard kinds.contains(.good) else { return fallback() }
        // Uncertain blocks take the side of their neighbours (jusText's context step).
        var previousSure = [TextBlock.Kind?](repeating: nil, count: kinds.count)
        var nextSure = [TextBlock.Kind?](repeating: nil, count: kinds.count)
        var last: TextBlock.Kind?
        for k in kinds.indices { previousSure[k] = last; if kinds[k] != .neutral { last = kinds[k] } }
        last = nil
        for k in kinds.indices.reversed() { nextSure[k] = last; if kinds[k] != .neutral { last = kinds[k] } }
        // A sentence-long paragraph dense with links (names linked to their pages) next to or among the
        // article's paragraphs is one of them; link lists are short items.
        let firstContent = kinds.firstIndex(of: .good) ?? kinds.count
        let lastContent = kinds.lastIndex(of: .good) ?? -1
        for k in kinds.indices where kinds[k] == .bad && inside[k].kind == .bad && !furniture[Int(inside[k].anchor)] {
            let b = inside[k]
            if k >= firstContent - 1 && k <= lastContent + 1 && b.words >= 12 && b.endsSentence && !b.listItem && !b.startsWithLink {
                kinds[k] = .good
            }
        }
        // Between the first and the last content block, uncertain blocks are the article's (lists, short
        // paragraphs, subheadings); before and after, only sentences are.
        let firstGood = kinds.firstIndex(of: .good) ?? kinds.count
        let lastGood = kinds.lastIndex(of: .good) ?? -1
        for k in kinds.indices where kinds[k] == .neutral {
            let before = previousSure[k], after = nextSure[k]
            let b = inside[k]
            if b.heading {
                kinds[k] = after == .good ? .good : .bad
            } else if k > firstGood && k < lastGood {
                kinds[k] = before == .good || after == .good || b.endsSentence ? .good : .bad
            } else if (before == .good && after == nil) || (before == nil && after == .good) {
                kinds[k] = b.endsSentence && b.words >= 4 ? .good : .bad
            } else if before == .good || after == .good {
                kinds[k] = b.endsSentence && b.words >= 8 ? .good : .bad
            } else {
                kinds[k] = .bad
            }
        }
        // A list or a table right after the last paragraph, without links, ends the article (tags and "read more" lists are links).
        if lastGood >= 0 {
            var k = lastGood + 1
            while k < inside.count {
                let b = inside[k]
                // Share buttons between: dropped, the list goes on; a closing sentence already kept: too.
                if furniture[Int(b.anchor)] || b.kind == .bad || kinds[k] == .good { k += 1; continue }
                guard b.kind == .neutral, b.linkChars == 0 else { break }
                // A subheading goes with the list it introduces ("Qualified teams", then the teams).
                if b.heading {
                    guard k + 1 < inside.count, !furniture[Int(inside[k + 1].anchor)], inside[k + 1].kind == .neutral,
                          inside[k + 1].linkChars == 0, inside[k + 1].listItem || inTable(inside[k + 1]) else { break }
                    kinds[k] = .good
                    k += 1
                    continue
                }
                // A list, or more lines of the same kind as the last paragraph (its siblings).
                guard b.listItem || inTable(b) || siblings(b, inside[lastGood]) else { break }
                kinds[k] = .good
                k += 1
            }
        }
        // Short lines of the same kind as the first paragraph just before it (a dateline, a one-line lead).
        if let first = kinds.firstIndex(of: .good), first > 0 {
            var k = first - 1
            while k >= 0 {
                let b = inside[k]
                guard kinds[k] != .good, b.kind == .neutral, !furniture[Int(b.anchor)], b.linkChars == 0, !b.heading,
                      siblings(b, inside[first]) else { break }
                kinds[k] = .good
                k -= 1
            }
        }
        var kept: [TextBlock] = []
        for k in inside.indices where kinds[k] == .good { kept.append(inside[k]) }
        return kept
    }
}

/// Byte-level text cleaning shared by the block reader and the metadata.
enum TextHygiene {
    /// Collapses white space and removes invisible characters (soft hyphens, zero-width characters).
    static func clean(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var space = false
        var k = 0
        let e = bytes.count
        while k < e {
            let b = bytes[k]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C { space = true; k += 1; continue }
            if b == 0xC2, k + 1 < e, bytes[k + 1] == 0xAD { k += 2; continue }
            if b == 0xC2, k + 1 < e, bytes[k + 1] == 0xA0 { space = true; k += 2; continue }
            if b == 0xE2, k + 2 < e, bytes[k + 1] == 0x80, bytes[k + 2] >= 0x8B && bytes[k + 2] <= 0x8D { k += 3; continue }
            if b == 0xE2, k + 2 < e, bytes[k + 1] == 0x81, bytes[k + 2] == 0xA0 { k += 3; continue }
            if b == 0xEF, k + 2 < e, bytes[k + 1] == 0xBB, bytes[k + 2] == 0xBF { k += 3; continue }
            if space && !out.isEmpty { out.append(0x20) }
            space = false
            out.append(b)
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the last scalar written is an emoji or a variation selector (a zero-width joiner then belongs to it).
    static func endsWithEmoji(_ out: [UInt8]) -> Bool {
        let n = out.count
        if n >= 4, out[n - 4] == 0xF0 { return true }
        if n >= 3, out[n - 3] == 0xEF, out[n - 2] == 0xB8, out[n - 1] == 0x8F { return true }
        if n >= 3, out[n - 3] == 0xE2, out[n - 2] >= 0x98 && out[n - 2] <= 0x9E { return true }
        return false
    }

    /// Ends with . ! ? … or a closing quote or bracket after one.
    static func endsSentence(_ s: ArraySlice<UInt8>) -> Bool {
        var k = s.endIndex
        while k > s.startIndex {
            k -= 1
            let b = s[k]
            switch b {
            case 0x2E, 0x21, 0x3F: return true
            case 0x22, 0x27, 0x29, 0x5D, 0x20: continue
            case 0xA6 where k >= s.startIndex + 2 && s[k - 1] == 0x80 && s[k - 2] == 0xE2: return true  // …
            case 0x9D where k >= s.startIndex + 2 && s[k - 1] == 0x80 && s[k - 2] == 0xE2: k -= 2; continue  // ”
            case 0x99 where k >= s.startIndex + 2 && s[k - 1] == 0x80 && s[k - 2] == 0xE2: k -= 2; continue  // ’
            case 0xBB where k >= s.startIndex + 1 && s[k - 1] == 0xC2: k -= 1; continue  // »
            case 0xA0 where k >= s.startIndex + 1 && s[k - 1] == 0xC2: k -= 1; continue  // no-break space
            case 0xAF where k >= s.startIndex + 2 && s[k - 1] == 0x80 && s[k - 2] == 0xE2: k -= 2; continue  // narrow no-break space
            default: return false
            }
        }
        return false
    }

    /// Short lines that are furniture whatever their place: copyright, "all rights reserved", advertisement labels, share prompts.
    static func isBoilerplateLine(_ s: ArraySlice<UInt8>) -> Bool {
        guard s.count < 300 else { return false }
        // © (C2 A9), or "copyright" / "rights reserved" / "droits réservés" in any case.
        var k = s.startIndex
        while k < s.endIndex {
            let b = s[k] | 0x20
            if s[k] == 0xC2, k + 1 < s.endIndex, s[k + 1] == 0xA9 { return true }
            if b == 0x63 || b == 0x72 || b == 0x64, contains(s[k...], "copyright") || contains(s[k...], "rights reserved") || contains(s[k...], "droits réservés") {
                return true
            }
            k += 1
        }
        guard s.count <= 48 else { return false }
        let trimmed = String(decoding: s, as: UTF8.self).lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        return boilerplateLines.contains(trimmed)
    }

    /// Whether `s` starts with `word` (ASCII letters compared without case).
    private static func contains(_ s: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        word.withUTF8Buffer { w in
            guard s.count >= w.count else { return false }
            var k = s.startIndex
            for c in w {
                let b = s[k]
                if (c >= 0x61 && c <= 0x7A ? b | 0x20 : b) != c { return false }
                k += 1
            }
            return true
        }
    }

    static let readMore: Set<String> = [
        "read more", "read full story", "full story", "continue reading", "read the full story", "read the full article", "more",
        "lire la suite", "lire plus", "la suite", "suite", "en savoir plus", "lire l’article", "lire l'article", "voir plus", "plus",
    ]

    static let boilerplateLines: Set<String> = [
        "advertisement", "advertisements", "ad", "sponsored", "sponsored content", "publicité", "pub", "annonce",
        "share", "share this", "share this article", "share this story", "partager", "partager cet article", "tweet",
        "read more", "lire aussi", "lire la suite", "voir aussi", "à lire aussi", "related", "related articles",
        "related stories", "more stories", "recommended", "continue reading", "continue reading below", "story continues below",
        "story continues below advertisement", "skip to main content", "skip to content", "aller au contenu", "sign up",
        "subscribe", "s'abonner", "abonnez-vous", "newsletter", "follow us", "suivez-nous", "comments", "commentaires",
        "leave a comment", "laisser un commentaire", "print", "imprimer", "email", "e-mail", "back to top", "retour en haut",
    ]
}
