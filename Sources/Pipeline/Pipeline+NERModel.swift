import Entities
import Lemmas
import LoupeCore

/// What training and evaluating the entity tagger need of the pipeline: the stages that run before it,
/// the common-word test it is given.
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

    /// The common-word test the recogniser gives the tagger: the lemma table's known words.
    public static func commonWordTest() -> @Sendable (String) -> Bool {
        let lemmatizer = Lemmatizer()
        return { lemmatizer.isKnownWord($0) }
    }
}
