/// What the French dictionaries say of a lower-cased word, as the entity tagger reads it.
///
/// The tagger's features hold these answers, so a model must tag with the lookups it was trained with:
/// the pipeline, `loupe train ner` and `loupe eval ner` all take them from `Pipeline.dictionaryWords()`.
public struct DictionaryWords: Sendable {
    /// An ordinary French word (the lemma table): a capitalised "Monde" or "Notamment" is no unknown name.
    public var isCommonWord: @Sendable (String) -> Bool
    /// Whether the dictionary knows the word as a person's name (hunspell-fr's first and family names):
    /// Wikipedia names people by one word far more than news does, and a tagger trained on news otherwise
    /// takes a lone "Aristote" for a body or, after "de", for a place.
    public var personName: @Sendable (String) -> PersonName
    /// Whether a lower-cased word is an ordinary French word by either dictionary (the lemma table, or a
    /// hunspell-fr class other than the proper names'): "actrice", which the lemma table only knows as a
    /// form of "acteur" in the plural. Read by the rules, not by the tagger (its features hold `isCommonWord`).
    public var isDictionaryWord: @Sendable (String) -> Bool
    /// Whether a folded word is a given name somewhere in the world (`given-names.tsv`): the names of
    /// people the training news never wrote ("Lewis Hamilton", "Magdaléna Rybáriková") look like people's.
    public var isGivenName: @Sendable (String) -> Bool
    /// Whether hunspell-fr gives a lower-cased word as a noun and as an adjective and not as a proper name
    /// ("russe", "australien", but not "bourges", a town too): the classes of the words for a people, which
    /// French capitalises as nouns ("les Russes"). Read by the rules, not by the tagger.
    public var isNounAndAdjective: @Sendable (String) -> Bool

    /// What the dictionary says of a word as a person's name.
    public enum PersonName: Sendable {
        /// Not a person's name.
        case no
        /// A person's name and something else too: a place, a noun ("Auguste", "Washington", "Racine").
        case also
        /// Only a person's name ("Aristote", "Hegel", "Goethe").
        case only
    }

    public init(isCommonWord: @escaping @Sendable (String) -> Bool, personName: @escaping @Sendable (String) -> PersonName,
                isGivenName: @escaping @Sendable (String) -> Bool, isDictionaryWord: @escaping @Sendable (String) -> Bool,
                isNounAndAdjective: @escaping @Sendable (String) -> Bool) {
        self.isCommonWord = isCommonWord
        self.personName = personName
        self.isGivenName = isGivenName
        self.isDictionaryWord = isDictionaryWord
        self.isNounAndAdjective = isNounAndAdjective
    }

    /// Knows no word: the tagger leans on spelling and context alone.
    public static let none = DictionaryWords(isCommonWord: { _ in false }, personName: { _ in .no }, isGivenName: { _ in false },
                                              isDictionaryWord: { _ in false }, isNounAndAdjective: { _ in false })
}
