import ArgumentParser
import Storage

struct Entities: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The corpus entity report: who and what the documents talk about.",
        discussion: """
            One row per entity (variants such as États-Unis / Etats-Unis, or UA / Union africaine, are merged): its canonical name, type, mentions, documents, the mean sentiment of its mentions (the words of each mention's sentence, nearer words weighing more), and the entities it most often appears with.
            """)

    @Option(name: .long, help: "Only entities of this type: PER, LOC, ORG or MISC.")
    var type: String?

    @Option(name: .long, help: "How many entities to show.")
    var top: Int = 25

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let type, !["PER", "LOC", "ORG", "MISC"].contains(type.uppercased()) {
            throw ValidationError("--type must be PER, LOC, ORG or MISC, not \(type).")
        }
        if top < 1 { throw ValidationError("--top must be at least 1.") }
    }

    func run() throws {
        let store = try openExisting(database.db)
        let rows = try store.entities(type: type?.uppercased(), top: top)
        if rows.isEmpty {
            print("No entities\(type.map { " of type \($0.uppercased())" } ?? "") in \(database.db).")
            return
        }
        print(Format.table(["entity", "type", "mentions", "docs", "sentiment", "aliases", "appears with"],
                           rows.map { [Format.fit($0.name, 28), $0.type, String($0.mentions), String($0.documents), Format.score($0.sentiment),
                                       Format.fit($0.aliases.joined(separator: ", "), 18), $0.cooccurring.joined(separator: ", ")] },
                           rightAligned: [2, 3, 4], scores: [4]))
    }
}
