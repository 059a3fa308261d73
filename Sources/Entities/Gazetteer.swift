import Foundation
import ICUBridge
import LoupeCore

/// Names of places and international bodies in French, read from ICU's locale data (CLDR) rather
/// than typed in: every ISO 3166 country and territory, the UN M.49 world regions (Afrique, Europe,
/// Afrique de l'Ouest…), and the few codes CLDR gives to organisations (Union européenne, Nations Unies);
/// with the French départements and regions of `places-fr.tsv`.
/// Keys are folded (``Folding/fold(_:)``), so États-Unis and Etats-Unis are one entry.
public struct Gazetteer: Sendable {
    public private(set) var types: [String: EntityType] = [:]
    /// Names learnt from annotated news (`names.tsv`, WiNER-fr 2016): cities, people, organisations.
    public private(set) var learnt: [String: EntityType] = [:]
    /// The keys of `types` that come from `places-fr.tsv`, not from ICU.
    public private(set) var regional: Set<String> = []
    /// Their first words.
    public private(set) var regionalStarts: Set<String> = []
    /// First names (`firstnames.tsv`): a capitalised sequence starting with one is a person.
    public private(set) var firstNames: Set<String> = []
    /// Given names of many countries (`given-names.tsv`, from Faker's lists): a feature of the tagger only, not
    /// one of the rules' first names (the lists hold towns too: Austin, Florence, Victoria).
    public private(set) var givenNames: Set<String> = []
    /// Longest entry in tokens-ish (spaces + hyphens + 1), to bound lookups.
    public private(set) var maxWords = 1

    public static let french = Gazetteer(displayLocale: "fr")

    /// UN M.49 codes of continents and regions (codes, not names: the names come from ICU).
    static let regionCodes = [
        "001", "002", "005", "009", "011", "013", "014", "015", "017", "018", "019", "021", "029", "030", "034", "035",
        "039", "053", "054", "057", "061", "142", "143", "145", "150", "151", "154", "155", "202", "419",
    ]
    /// CLDR "regions" that are organisations.
    static let organisationCodes: Set<String> = ["EU", "UN"]

    public init(displayLocale: String) {
        var codes: [String] = []
        for i in 0..<loupe_region_count() { codes.append(String(cString: loupe_region_code(i))) }
        codes += Self.regionCodes + ["EU", "UN", "EZ"]
        for code in codes {
            guard let name = Self.regionName(code, displayLocale) else { continue }
            let type: EntityType = Self.organisationCodes.contains(code) ? .ORG : (code == "EZ" ? .MISC : .LOC)
            for variant in Self.variants(of: name) { add(variant, type) }
        }
        // French départements and regions, which ICU does not name ("la Sarthe", "l'Ardèche", "Hauts-de-France").
        // They are not features of the tagger (``NERLexicon/base(_:)``): measured, the tagger then splits the
        // organisations holding them ("préfecture des Landes", "France 3 Hauts-de-France"); they type its spans.
        for row in Self.rows("places-fr.tsv") where !row.isEmpty {
            let key = Folding.fold(String(row[0]))
            if types[key] == nil {
                regional.insert(key)
                regionalStarts.insert(String(key.prefix(while: { $0 != " " })))
            }
            add(String(row[0]), .LOC)
        }
        for row in Self.rows("names.tsv") where row.count >= 2 {
            if let type = EntityType(rawValue: String(row[1])) { learnt[String(row[0])] = type }
        }
        for row in Self.rows("firstnames.tsv") { firstNames.insert(String(row[0])) }
        for row in Self.rows("given-names.tsv") where !row.isEmpty { givenNames.insert(String(row[0])) }
    }

    private static func rows(_ resource: String) -> [[Substring]] {
        guard let bytes = EmbeddedResource.bytes(resource) else { return [] }
        return TabTable(bytes: bytes).allRows()
    }

    /// "Congo (République démocratique du)" also gives "Congo"; "R.A.S." suffixes are dropped.
    static func variants(of name: String) -> [String] {
        var out = [name]
        if let open = name.firstIndex(of: "(") {
            out.append(String(name[..<open]).trimmingTrailingSpaces())
        }
        if let range = name.range(of: " R.A.S.") { out.append(String(name[..<range.lowerBound])) }
        return out.filter { !$0.isEmpty }
    }

    private mutating func add(_ name: String, _ type: EntityType) {
        let key = Folding.fold(name)
        if types[key] == nil { types[key] = type }
        maxWords = max(maxWords, key.split(whereSeparator: { $0 == " " || $0 == "-" }).count)
    }

    static func regionName(_ code: String, _ locale: String) -> String? {
        var buffer = [UInt16](repeating: 0, count: 256)
        let n = loupe_region_name(code, locale, &buffer, 256)
        guard n > 0 else { return nil }
        let name = String(decoding: buffer[0..<Int(n)], as: UTF16.self)
        return name == code ? nil : name
    }

    /// The type of a folded name: ICU's places first, then the names learnt from news.
    public func type(of folded: String) -> EntityType? { types[folded] ?? learnt[folded] }

    /// Whether ICU knows the folded name as a place or international body.
    public func isPlace(_ folded: String) -> Bool { types[folded] != nil }

    public func isFirstName(_ folded: String) -> Bool { firstNames.contains(folded) }

    public func isGivenName(_ folded: String) -> Bool { givenNames.contains(folded) }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
