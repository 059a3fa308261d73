import ArgumentParser

@main
struct Loupe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "French text analysis: entities, keywords and sentiment of news articles, stored in SQLite.",
        discussion: """
            Point Loupe at a folder of French articles, then read the results:

              loupe analyze corpus/           # every .txt, .md, .jsonl → loupe.sqlite
              loupe entities                  # who and what the corpus is about
              loupe report [DOC]              # the corpus, or one article
              loupe report --html report.html # the corpus as one self-contained web page
              loupe compare DOC_A DOC_B       # two articles side by side (or --by source)
              loupe similar DOC               # the nearest articles
              loupe trends ENTITY             # mentions and sentiment over time
              loupe export mentions -o m.csv  # any table as CSV, JSONL (or GraphML)
              loupe extract page.html         # a web page's article text and metadata, nothing stored

            Offsets (start, end) in every table count Unicode characters (code points) of the stored text.
            """,
        version: LoupeVersion.string,
        subcommands: [Analyze.self, Merge.self, Extract.self, Report.self, Entities.self, KeywordsCommand.self, Compare.self, Similar.self, Trends.self, Export.self, Stream.self, Import.self, Bench.self, Train.self, Eval.self]
    )
}

enum LoupeVersion {
    static let string = "0.1.0"
}

/// The database option shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database to use.", valueName: "file"))
    var db: String = "loupe.sqlite"
}
