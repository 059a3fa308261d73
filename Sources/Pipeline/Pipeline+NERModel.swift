import Entities
import Lemmas
import LoupeCore
import PartOfSpeech

/// What training and evaluating the entity tagger need of the pipeline: the stages that run before it,
/// the dictionary lookups it is given.
extension Pipeline {
    /// The stages before entities: tokens, sentences, boilerplate, lemmas.
    public func preprocess(_ text: String, id: String) -> Document {
        var doc = Document(id: id, text: text)
        for stage in stages {
            if stage.provides.contains(.entities) { break }
            stage.process(&doc)
        }
        return doc
    }

    /// The dictionary lookups the recogniser gives the tagger: the lemma table's known words, and the
    /// persons' names of the word classes (hunspell-fr), the given names of `given-names.tsv`, and the
    /// ordinary words of either dictionary.
    public static func dictionaryWords(_ lemmatizer: Lemmatizer = Lemmatizer()) -> DictionaryWords {
        let gazetteer = Gazetteer.french  // a copy, captured: not the static read on each call
        return DictionaryWords(isCommonWord: { lemmatizer.isKnownWord($0) }, personName: { lower in
            let classes = WordClasses.shared.classes(of: lower)
            return classes & WordClasses.personName == 0 ? .no : classes == WordClasses.personName ? .only : .also
        }, isGivenName: { gazetteer.isGivenName($0) }, isDictionaryWord: { lower in
            lemmatizer.isKnownWord(lower) || WordClasses.shared.classes(of: lower) & ~WordClasses.properNames != 0
        }, isNounAndAdjective: { lower in
            let classes = WordClasses.shared.classes(of: lower)
            return classes & WordClasses.nounAndAdjective == WordClasses.nounAndAdjective && classes & WordClasses.properNames == 0
        })
    }
}
