/// French (and the English found in French news) words that tell an entity's type from inside or
/// around the name. Folded forms (lower case, no accents). Language data, apart from the code.
enum EntityCues {
    /// Words that head organisation names: "Union africaine", "Agence de Régulation…".
    static let organisationHeads: Set<String> = [
        "union", "agence", "autorite", "banque", "bureau", "centre", "comite", "commission", "compagnie", "conseil",
        "cour", "direction", "ecole", "federation", "fondation", "fonds", "forum", "front", "groupe", "institut",
        "ligue", "mairie", "ministere", "mouvement", "observatoire", "office", "organisation", "parlement", "parti",
        "police", "prefecture", "rassemblement", "senat", "societe", "syndicat", "tribunal", "universite",
        "assemblee", "association", "academie", "armee", "gouvernement", "eglise", "club", "olympique", "racing",
        "sporting", "conference", "alliance", "coalition", "congres", "consortium", "radio", "television", "journal",
        "hopital", "lycee", "college", "laboratoire", "nations", "communaute", "confederation", "cabinet", "chambre",
        "caisse", "regie", "brigade", "gendarmerie", "ambassade", "assemblee", "mission", "programme", "secretariat",
        "tribune", "cooperative", "entreprise", "fc", "as", "ac", "us", "rc", "ogc", "stade",
    ]

    /// Words that make a capitalised sequence an organisation wherever they stand in it.
    static let organisationWords: Set<String> = [
        "sa", "sarl", "sas", "inc", "ltd", "llc", "plc", "gmbh", "ag", "corp", "corporation", "company", "group", "groupe",
        "holding", "bank", "telecom", "telecoms", "airlines", "airways", "motors", "media", "news", "business", "digital",
        "technologies", "technology", "systems", "solutions", "services", "partners", "capital", "global", "international",
        "network", "networks", "online", "magazine", "times", "post", "daily", "press", "tv", "fm", "mobile", "foundation",
        "institute", "university", "college", "council", "agency", "association", "club", "fc", "united", "energy",
        "petroleum", "oil", "pharma", "labs", "software", "computing", "cloud", "community", "system", "port",
    ]

    /// Words of sports clubs' names, in the languages of the clubs French writes about: a place with one of
    /// them is a club ("Hambourg SV", "Real Valladolid", "Dynamo Kiev"; "Ciudad Real", a town, pays for them).
    /// Read by `correctedType` only, not by the tagger (its cue classes are ``organisationWords``).
    static let clubWords: Set<String> = [
        "sv", "sc", "fk", "sk", "bk", "afc", "cf", "cd", "ud", "sd", "ac", "real", "athletic", "atletico",
        "sporting", "racing", "dynamo", "dinamo", "spartak", "lokomotiv", "hapoel", "maccabi", "borussia", "vfb",
        "vfl", "tsv", "calcio", "olympique", "olympiakos", "partizan", "sparta", "slavia", "legia", "steaua",
    ]

    /// English words of companies' names in the arts and industry ("Paramount Pictures", "Elektra Records"),
    /// which a name of a person or a place does not hold. Read by `correctedType` only, like ``clubWords``.
    static let companyWords: Set<String> = [
        "records", "pictures", "studios", "entertainment", "films", "productions", "publishing", "games",
        "interactive", "broadcasting", "communications", "industries", "electronics", "pharmaceuticals", "enterprises",
        "brewing", "aerospace", "automotive", "insurance", "logistics", "resources", "holdings",
    ]

    /// Nouns that give a person's name to something else: "rue Proust", "lycée Voltaire", "prix Goncourt".
    static let namingNouns: Set<String> = [
        "prix", "quai", "allee", "square", "impasse", "station", "metro", "musee", "salle", "theatre", "cinema", "paquebot",
    ]

    /// Whether a person's name after this folded noun names a place, a body, a work or a thing.
    static func namesSomethingElse(_ folded: String) -> Bool {
        placeHeads.contains(folded) || organisationHeads.contains(folded) || miscCues.contains(folded) || namingNouns.contains(folded)
    }

    /// Words that head place names: "Mont Blanc", "Lac Tchad", "Île de la Réunion".
    static let placeHeads: Set<String> = [
        "mont", "monts", "lac", "riviere", "fleuve", "ile", "iles", "golfe", "mer", "ocean", "cap", "vallee", "province",
        "region", "departement", "ville", "rue", "avenue", "place", "boulevard", "pont", "aeroport", "gare", "plateau",
        "desert", "detroit", "canal", "baie", "massif", "foret", "saint", "sainte", "san", "santa", "port-", "quartier",
        "commune", "canton", "district", "comte", "etat", "royaume", "republique", "principaute", "emirat",
    ]

    /// Words just before a name that make it a person: titles and roles.
    static let personCues: Set<String> = [
        "m.", "mme", "mme.", "mlle", "mlle.", "mm.", "dr", "dr.", "pr", "pr.", "me", "mgr", "president", "presidente",
        "ministre", "directeur", "directrice", "secretaire", "porte-parole", "chancelier", "chanceliere", "roi", "reine",
        "pape", "prince", "princesse", "general", "colonel", "capitaine", "commandant", "juge", "maire", "senateur",
        "senatrice", "depute", "deputee", "pdg", "fondateur", "fondatrice", "entraineur", "joueur", "joueuse",
        "chanteur", "chanteuse", "acteur", "actrice", "ecrivain", "ecrivaine", "auteur", "autrice", "journaliste",
        "avocat", "avocate", "professeur", "docteur", "cardinal", "eveque", "abbe", "pere", "soeur", "frere",
        "monsieur", "madame", "mademoiselle", "sir", "lord", "candidat", "candidate",
        "premier", "dg", "ceo", "patron", "patronne", "opposant", "opposante", "militant", "militante", "artiste",
        "realisateur", "realisatrice", "ambassadeur", "ambassadrice", "gouverneur", "prefet", "commissaire",
    ]

    /// Words just before a name that make it an organisation: "la firme Huawei", "le groupe Orange".
    static let organisationCues: Set<String> = [
        "firme", "societe", "groupe", "entreprise", "geant", "equipementier", "operateur", "compagnie", "banque",
        "constructeur", "parti", "ong", "agence", "club", "federation", "chaine", "quotidien", "hebdomadaire", "journal",
        "magazine", "site", "application", "plateforme", "start-up", "startup", "fabricant", "editeur", "association",
        "syndicat", "mouvement", "organisation", "institution", "fournisseur", "assureur", "marque", "filiale",
    ]

    /// Prepositions after which a bare name is usually a place: "à Dakar", "en Chine".
    static let placeCues: Set<String> = ["a", "en", "au", "aux", "vers", "depuis", "via", "pres", "outre", "sud", "nord"]

    /// Words that link the parts of one name: "Agence de Régulation des Télécommunications".
    static let connectors: Set<String> = ["de", "du", "des", "d'", "la", "l'", "le", "les", "&", "von", "van", "der", "den", "ben", "bin", "ibn", "el", "al", "da", "dos", "do", "di", "del"]

    /// Lower-case adjectives that follow an organisation head: "Union africaine", "Banque mondiale".
    static let adjectiveSuffixes = [
        "aine", "aines", "ain", "ains", "eenne", "een", "eens", "eennes", "ale", "ales", "al", "aux", "ique", "iques",
        "aise", "ais", "ois", "oise", "ien", "ienne", "iens", "iennes", "el", "elle", "els", "elles", "ier", "iere",
        "aire", "aires", "if", "ive", "unies", "unis", "uni", "unie",
    ]

    /// Words never taken as names even when capitalised (sentence starts, salutations, months in titles).
    static let notNames: Set<String> = [
        "bonjour", "merci", "bravo", "oui", "non", "selon", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
        "dimanche", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
        "novembre", "decembre", "notamment", "ainsi", "enfin", "aussi", "alors", "cependant", "pourtant", "toutefois",
        "madame", "monsieur", "veuillez", "svp",
    ]

    /// Lemmas of what companies and bodies (and people), not products or events, do: the verb after a
    /// name typed as a product makes it an organisation ("Airbus a annoncé", "Amundi supprime").
    static let agentVerbs: Set<String> = [
        "annoncer", "declarer", "affirmer", "indiquer", "preciser", "expliquer", "confirmer", "dementir", "assurer",
        "estimer", "reconnaitre", "racheter", "acquerir", "recruter", "licencier", "supprimer", "investir", "employer",
        "embaucher", "signer", "fermer", "cooperer", "communiquer", "fusionner", "ceder", "delocaliser", "porter",
    ]

    /// Nouns just before a name that make it a storm, a product, a program or a work, not an organisation,
    /// a place or a person: "la tempête Egon", "le logiciel WannaCry", "la console Switch".
    static let miscCues: Set<String> = [
        "tempete", "cyclone", "ouragan", "typhon", "logiciel", "rancongiciel", "virus", "malware", "console", "smartphone",
        "fusee", "lanceur", "sonde", "satellite", "telescope", "missile", "navire", "porte-avions", "sous-marin", "album",
        "film", "roman", "serie", "chanson", "single", "operation", "programme",
    ]

    /// Lemmas of verbs of saying: "a confié au Monde", "déclarait à France Dimanche" (a medium, not a place).
    static let speechVerbs: Set<String> = [
        "declarer", "confier", "affirmer", "expliquer", "indiquer", "raconter", "dire", "preciser", "reveler", "annoncer",
        "assurer", "repondre", "temoigner", "confirmer",
    ]

    /// Nouns before "de" that make what follows a company: "le rachat de Pixar", "la filiale d'Opel".
    static let ownershipNouns: Set<String> = [
        "rachat", "acquisition", "filiale", "filiales", "actionnaire", "actionnaires", "pdg", "salaries", "employes",
        "concurrent", "concurrents", "clients",
    ]
}
