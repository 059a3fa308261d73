import ArgumentParser
import CorpusAnalysis
import Foundation
import Storage

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join databases analysed in shards into one.",
        discussion: """
            A corpus too large for one machine's time can be analysed on N machines, each taking one contiguous
            run of the files, then joined here in the same order: the result is the database one run gives.

              loupe analyze corpus/ --shard 1/3 --db part1.sqlite      # on machine 1
              loupe analyze corpus/ --shard 2/3 --db part2.sqlite      # on machine 2
              loupe analyze corpus/ --shard 3/3 --db part3.sqlite      # on machine 3
              loupe merge part1.sqlite part2.sqlite part3.sqlite --db corpus.sqlite

            Documents are appended after those already in --db; one stored under the same name is replaced, as
            a later file replaces an earlier one in a single run. The entities are then linked over the whole.
            """)

    @Argument(help: ArgumentHelp("The shards' databases, in shard order.", valueName: "database"))
    var shards: [String]

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if shards.isEmpty { throw ValidationError("Give the shards' databases to join, in order (part1.sqlite part2.sqlite …).") }
        for path in shards where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path): no such database.")
        }
        if shards.contains(database.db) { throw ValidationError("--db \(database.db) is also given as a shard: join into another file.") }
    }

    func run() throws {
        let started = Date()
        if let problem = Store.problem(at: database.db) { throw failure(problem) }
        let store: Store
        do { store = try Store.open(path: database.db) } catch { throw failure("\(error)") }
        var total = 0
        for path in shards {
            if let problem = Store.problem(at: path) { throw failure(problem) }
            do { total += try store.merge(from: path) } catch { throw failure("\(error)\n\(total) documents joined before this error are kept.") }
        }
        do { try CorpusLinking.relink(in: store) } catch { throw failure("\(error)") }
        let entities = (try? store.entityCount()) ?? 0
        FileHandle.standardError.write(String(format: "%@ document%@ joined from %d database%@ (%@ entities in the corpus); %.1f s → %@\n",
                                              Format.thousands(total), total == 1 ? "" : "s", shards.count, shards.count == 1 ? "" : "s",
                                              Format.thousands(entities), Date().timeIntervalSince(started), database.db).data(using: .utf8)!)
    }
}
