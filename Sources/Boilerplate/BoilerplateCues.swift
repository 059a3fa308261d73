import LoupeCore

/// Vocabulary of web-page furniture, folded (lower case, no accents). General across sites: calls to
/// share, comment, subscribe or follow, widget titles, legal footers; never lines of one article.
enum BoilerplateCues {
    static let phrases: [String] = [
        "commentaire", "laisser une reponse", "laissez une reponse", "repondre", "votre nom", "votre adresse",
        "votre e-mail", "votre email", "adresse e-mail", "adresse email", "champs obligatoires", "site web",
        "enregistrer mon nom", "partager", "partagez", "abonnez", "abonner", "inscrivez", "s'inscrire", "newsletter",
        "rejoignez", "suivez-nous", "suivez nous", "facebook", "twitter", "whatsapp", "telegram", "linkedin",
        "instagram", "youtube", "pinterest", "cookies", "navigation", "publicite", "a la une", "articles similaires",
        "articles recents", "derniers articles", "lire aussi", "a lire", "lire la suite", "voir aussi", "sur le meme sujet",
        "dans la meme rubrique", "categories", "mots-cles", "mots cles", "tous droits reserves", "copyright", "(c)",
        "mentions legales", "politique de confidentialite", "conditions d'utilisation", "contactez-nous", "a propos",
        "veuillez", "svp", "merci de nous", "aime ce texte", "aime cet article", "bonne lecture", "bonne navigation",
        "ne rien manquer", "imprimer", "envoyer par", "se connecter", "connexion", "mot de passe", "populaires",
        "les plus lus", "tendances", "vous aimerez", "vous aimerez aussi", "recommande pour vous", "en savoir plus",
        "cliquez", "telechargez", "pub",
    ]

    /// A cue phrase as bytes, with the offset of its first letter (1 for "(c)").
    private struct Cue {
        let bytes: [UInt8]
        let lead: Int
        let pluralizable: Bool
    }

    /// Phrases by their first word, so that each word of a line is compared only with the phrases
    /// that may start there.
    /// Keyed by a hash of the word's bytes, computed in place (no array per word); ``matches``
    /// compares the bytes, so a collision costs a comparison, never a false cue.
    private static let byFirstWord: [UInt64: [Cue]] = {
        var table: [UInt64: [Cue]] = [:]
        for p in phrases {
            let b = Array(p.utf8)
            let lead = b.firstIndex(where: isLetter) ?? 0
            let end = b[lead...].firstIndex(where: { !isLetter($0) }) ?? b.endIndex
            table[FeatureHash.bytes(b, lead, end), default: []].append(Cue(bytes: b, lead: lead, pluralizable: p.hasSuffix("e")))
        }
        return table
    }()

    /// Number of cue phrases found at word boundaries in a folded line.
    ///
    /// Each word is looked up once and its candidate phrases compared in place: searching the whole
    /// line for every candidate was quadratic on long paragraphs (the word "a" starts three phrases).
    static func count(in folded: String) -> Int {
        let text = Array(folded.utf8)
        var found = Set<[UInt8]>()
        var i = 0
        while i < text.count {
            guard isLetter(text[i]) else { i += 1; continue }
            var end = i
            while end < text.count && isLetter(text[end]) { end += 1 }
            if let candidates = byFirstWord[FeatureHash.bytes(text, i, end)] {
                for cue in candidates where !found.contains(cue.bytes) && matches(cue, in: text, wordStart: i) {
                    found.insert(cue.bytes)
                }
            }
            i = end
        }
        return found.count
    }

    /// `cue` stands at `wordStart` with no letter right before or after it (a plural `s` allowed after `e`).
    private static func matches(_ cue: Cue, in text: [UInt8], wordStart: Int) -> Bool {
        let start = wordStart - cue.lead
        let end = start + cue.bytes.count
        guard start >= 0, end <= text.count, text[start..<end].elementsEqual(cue.bytes) else { return false }
        if start > 0 && isLetter(text[start - 1]) { return false }
        return end == text.count || !isLetter(text[end]) || (cue.pluralizable && text[end] == UInt8(ascii: "s"))
    }

    /// Letters of a folded line: a-z and any non-ASCII byte (accented letters of other scripts).
    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || b >= 0x80 }

    /// Lines that are furniture wherever they stand ("Lire aussi : …", "Partager", "PUB").
    static func standsAlone(_ folded: String) -> Bool {
        let starts = ["lire aussi", "a lire", "voir aussi", "partager", "pub", "publicite", "lire la suite", "commentaires"]
        return starts.contains { p in
            folded.hasPrefix(p) && (folded.count == p.count || !folded[folded.index(folded.startIndex, offsetBy: p.count)].isLetter)
        }
    }

    static func isByline(_ folded: String) -> Bool {
        ["ecrit par ", "redige par ", "publie par ", "par la redaction", "auteur :", "mis a jour le", "publie le "]
            .contains { folded.hasPrefix($0) }
    }
}
