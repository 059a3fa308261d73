import Foundation
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

    /// Phrases by their first word, so that a line is searched only for phrases it may hold.
    private static let byFirstWord: [Substring: [String]] = Dictionary(grouping: phrases) { p in
        p.split(whereSeparator: { !$0.isLetter }).first ?? Substring(p)
    }

    /// Number of cue phrases found at word boundaries in a folded line.
    static func count(in folded: String) -> Int {
        var found = Set<String>()
        var utf8 = folded.utf8[...]
        while let start = utf8.firstIndex(where: { Self.isLetter($0) }) {
            let end = utf8[start...].firstIndex(where: { !Self.isLetter($0) }) ?? utf8.endIndex
            if let candidates = byFirstWord[Substring(folded[start..<end])] {
                for phrase in candidates where !found.contains(phrase) && contains(folded, phrase) { found.insert(phrase) }
            }
            utf8 = utf8[end...]
        }
        return found.count
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

    /// `phrase` occurs in `text` with no letter right before or after it.
    static func contains(_ text: String, _ phrase: String) -> Bool {
        var search = text[...]
        while let r = search.range(of: phrase) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            let okBefore = before.map { !$0.isLetter } ?? true
            let okAfter = after.map { !$0.isLetter || phrase.hasSuffix("e") && $0 == "s" } ?? true
            if okBefore && okAfter { return true }
            search = text[r.upperBound...]
        }
        return false
    }
}
