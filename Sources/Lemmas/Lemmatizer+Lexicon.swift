extension Lemmatizer {
    /// The lemma table's lemma of a lower-case form, or nil when the table does not know the form: what
    /// the part-of-speech tagger reads of the table (a form whose lemma ends in -er is likely a verb).
    public static func tableLemma(of lower: String) -> String? { LemmaLexicon.shared.lemma(of: lower) }

    /// Whether a lower-case word is itself a lemma of the table (porte, the noun; also a form of porter).
    public static func tableIsLemma(_ lower: String) -> Bool { LemmaLexicon.shared.isLemma(lower) }
}
