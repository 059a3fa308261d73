/// A half-open range `[start, end)` of Unicode scalar offsets into a document's stored text.
///
/// Every annotation in Loupe points back to the source through a span, as spaCy's `start_char`/`end_char`
/// do; the unit is the Unicode scalar (code point), the unit Python's `str` indexes, so
/// `text[start:end]` in pandas or Python gives back the annotated characters.
public struct Span: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "a span cannot end before it starts")
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }
    public var isEmpty: Bool { start == end }

    public func contains(_ other: Span) -> Bool { start <= other.start && other.end <= end }
    public func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }

    public static func < (a: Span, b: Span) -> Bool { (a.start, a.end) < (b.start, b.end) }
    public var description: String { "\(start)..<\(end)" }
}
