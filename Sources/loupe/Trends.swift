import ArgumentParser
import Foundation
import Analytics
import Storage

extension EntityTrend.Period: ExpressibleByArgument {}

struct Trends: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "An entity's mentions and sentiment over time.",
        discussion: """
            ENTITY is a canonical name or an alias (case and accents ignored): "Union africaine", UA, "etats-unis". Dates are the documents' dates (JSONL "date", else the first date in the text, else one in the file name); periods without mentions are shown empty so the chart keeps its time scale, and mentions in undated documents are counted apart. With --by week, ISO weeks (2019-W21) of documents dated to the day.
            """)


    @Argument(help: ArgumentHelp("The entity (name or alias).", valueName: "entity"))
    var entity: String

    @Option(name: .long, help: "week, month or year.")
    var by: EntityTrend.Period = .month

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try openExisting(database.db)
        guard let ref = try store.findEntity(entity) else {
            throw failure("no entity \"\(entity)\" in \(database.db). `loupe entities` lists them.")
        }
        let trend = try EntityTrend(ref, in: store, by: by)
        print(Style.heading("\(ref.name) (\(ref.type))") + ": \(trend.mentions) mentions in \(trend.documents) document\(trend.documents == 1 ? "" : "s"), by \(by.rawValue)")
        guard let first = trend.buckets.first?.period, let last = trend.buckets.last?.period else {
            print("No dated mentions\(trend.undated > 0 ? " (\(trend.undated) in undated documents)" : "").")
            return
        }
        let peak = trend.buckets.map(\.mentions).max() ?? 1
        let rows = trend.buckets.map { b -> [String] in
            guard b.mentions > 0 else { return [b.period, "0", "0", "", ""] }
            let bar = String(repeating: "█", count: max(1, Int((Double(b.mentions) / Double(peak) * 40).rounded())))
            return [b.period, String(b.mentions), String(b.documents), Format.score(b.sentiment), bar]
        }
        print(Format.table([by.rawValue, "mentions", "docs", "sentiment", "chart"], rows, rightAligned: [1, 2, 3], scores: [3]))
        print("\nmentions   " + Self.sparkline(trend.buckets.map(\.mentions)) + "  \(first) … \(last), peak \(peak)")
        print("sentiment  " + Self.toneLine(trend.buckets.map(\.sentiment)) + "  (▀ positive, ▄ negative, · neutral or none)")
        if trend.undated > 0 { print("\(trend.undated) mention\(trend.undated == 1 ? "" : "s") in undated documents not shown.") }
    }

    /// ▁▂▃▄▅▆▇█ scaled to the largest count; a space for zero.
    static func sparkline(_ counts: [Int]) -> String {
        let levels = Array("▁▂▃▄▅▆▇█")
        let peak = max(1, counts.max() ?? 1)
        return String(counts.map { $0 == 0 ? " " : levels[min(7, ($0 * 8 - 1) / peak)] })
    }

    /// One character per period for the tone: ▀ positive, ▄ negative, · neutral or no mention.
    static func toneLine(_ tones: [Double?]) -> String {
        tones.map { t -> String in
            guard let t else { return "·" }
            return t >= 0.05 ? Style.green("▀") : t <= -0.05 ? Style.red("▄") : "·"
        }.joined()
    }
}
