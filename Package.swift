// swift-tools-version:6.0
import PackageDescription

/// Loupe: French text analysis in stages, each stage its own module, and one module per job around them.
///
/// Stages: ICUBridge (C) → Tokenization → Sentences → Boilerplate → PartOfSpeech → Lemmas → Entities → Keywords →
/// Sentiment, wired by Pipeline. Jobs: Ingest reads files; CorpusAnalysis runs the corpus loop (parallel
/// analysis, in-order storing, incremental corpus entity linking); Storage reads and writes SQLite rows;
/// Analytics computes comparisons and trends; Streaming is the pipe mode for Spark and its import; Evaluation scores an analysis against gold
/// data and Training builds the entity tagger's model; Export writes CSV/JSONL/GraphML/CoNLL-U and the HTML report.
/// The `loupe` executable only parses arguments and calls them. Build tools for the embedded language
/// data live in tools/, outside Sources/.
let package = Package(
    name: "Loupe",
    products: [
        .executable(name: "loupe", targets: ["loupe"]),
        // Libraries for packages that build on Loupe's stages (the fuzz harness in Fuzzing/).
        .library(name: "LoupeCore", targets: ["LoupeCore"]),
        .library(name: "Tokenization", targets: ["Tokenization"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "Ingest", targets: ["Ingest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // System ICU (libicu-dev). Debian exports version-suffixed symbols; the headers rename for us.
        .systemLibrary(name: "CICU", pkgConfig: "icu-uc", providers: [.apt(["libicu-dev"])]),
        // The only code that sees ICU types; its public header speaks plain C so Swift files may import Foundation.
        .target(name: "ICUBridge", dependencies: ["CICU"], linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]),
        // System SQLite for bulk inserts (GRDB links the same library for everything else).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // System libxml2 (libxml2-dev): its forgiving HTML parser builds the tree the article extractor scores.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Language data compiled into the binary (stop words, lemma table, sentiment lexicon).
        .target(name: "FrenchData", exclude: ["data"]),

        .target(name: "LoupeCore", dependencies: ["ICUBridge", "FrenchData"]),
        .target(name: "Tokenization", dependencies: ["LoupeCore", "ICUBridge"]),
        .target(name: "Sentences", dependencies: ["LoupeCore"]),
        .target(name: "Boilerplate", dependencies: ["LoupeCore"]),
        .target(name: "PartOfSpeech", dependencies: ["LoupeCore"]),
        .target(name: "Lemmas", dependencies: ["LoupeCore"]),
        .target(name: "Entities", dependencies: ["LoupeCore", "ICUBridge"]),
        .target(name: "Keywords", dependencies: ["LoupeCore"]),
        .target(name: "Sentiment", dependencies: ["LoupeCore"]),
        .target(name: "Pipeline", dependencies: ["LoupeCore", "Tokenization", "Sentences", "Boilerplate", "PartOfSpeech", "Lemmas", "Entities", "Keywords", "Sentiment"]),
        // Scoring against gold data (BRAT entities, UD treebanks), and training the entity tagger on it:
        // apart from the stages, which hold only what analysis needs.
        .target(name: "Evaluation", dependencies: ["LoupeCore", "Entities", "Pipeline"]),
        .target(name: "Training", dependencies: ["LoupeCore", "Entities", "Pipeline", "Evaluation", "PartOfSpeech", "Lemmas"]),
        .target(name: "Ingest", dependencies: ["LoupeCore", "ICUBridge", "CLibXML2"]),
        .target(name: "Storage", dependencies: ["LoupeCore", "CSQLite", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Export", dependencies: ["Storage", "Keywords", .product(name: "CSV", package: "CSV.swift")]),
        // What compare, similar and trends compute over the stored corpus.
        .target(name: "Analytics", dependencies: ["Storage", "Keywords"]),
        // The corpus loop: files in, analysed in parallel, stored in input order, entities linked.
        .target(name: "CorpusAnalysis", dependencies: ["LoupeCore", "Pipeline", "Entities", "Ingest", "Storage"]),
        // The streaming mode (`loupe stream`) any engine can drive through a pipe, its corpus step
        // (`--link`) and `loupe import` of its records: the pipeline, the store and the exporters reused.
        .target(name: "Streaming", dependencies: ["LoupeCore", "Pipeline", "Entities", "Ingest", "Storage", "Export", "CorpusAnalysis"]),
        .executableTarget(name: "loupe", dependencies: [
            "LoupeCore", "Pipeline", "Ingest", "Storage", "Export", "Keywords", "Tokenization", "CorpusAnalysis", "Analytics", "Evaluation", "Training", "PartOfSpeech", "Streaming",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Shared by the property tests: a seeded random generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LoupeCoreTests", dependencies: ["LoupeCore", "TestSupport"]),
        .testTarget(name: "TokenizationTests", dependencies: ["Tokenization", "Pipeline", "TestSupport"], exclude: ["Regressions"]),
        .testTarget(name: "SentencesTests", dependencies: ["Pipeline"]),
        .testTarget(name: "LemmasTests", dependencies: ["Pipeline"]),
        .testTarget(name: "PartOfSpeechTests", dependencies: ["PartOfSpeech", "Pipeline", "Training", "Evaluation", "LoupeCore"], exclude: ["Data"]),
        .testTarget(name: "BoilerplateTests", dependencies: ["Pipeline"]),
        .testTarget(name: "EntitiesTests", dependencies: ["Pipeline"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Evaluation", "Pipeline", "Entities", "LoupeCore"], exclude: ["Data"]),
        .testTarget(name: "KeywordsTests", dependencies: ["Pipeline"]),
        .testTarget(name: "SentimentTests", dependencies: ["Pipeline"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "TestSupport"], exclude: ["Regressions"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "CorpusAnalysis", "Analytics", "Export", "Pipeline", .product(name: "CSV", package: "CSV.swift"), .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "CorpusAnalysisTests", dependencies: ["CorpusAnalysis", "Export", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "StreamingTests", dependencies: ["Streaming", "CorpusAnalysis", "Ingest", "Export", "Storage", "Pipeline"]),
        .testTarget(name: "LoupeCLITests", dependencies: [.product(name: "CSV", package: "CSV.swift"), .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
