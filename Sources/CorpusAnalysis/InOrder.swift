/// Results that arrive in any order, handed on in the order of their positions.
///
/// Workers finish documents out of order; the store must receive them in input order, so that a
/// document's row number, and with it every export, is the same whatever `--jobs` says. A position is
/// (file, part): how many parts a file has is known once the file is read.
struct InOrder<Value> {
    struct Position: Hashable, Comparable, Sendable {
        var file: Int
        var part: Int
        static func < (a: Position, b: Position) -> Bool { (a.file, a.part) < (b.file, b.part) }
    }

    private var waiting: [Position: Value] = [:]
    private var partCounts: [Int: Int] = [:]
    /// The next position to hand on.
    private(set) var next = Position(file: 0, part: 0)
    let fileCount: Int

    init(fileCount: Int) { self.fileCount = fileCount }

    /// Files wholly handed on.
    var filesDone: Int { next.file }
    var isFinished: Bool { next.file >= fileCount }

    /// `file` turned out to hold `parts` documents (0 for a file that gave none).
    mutating func setPartCount(_ parts: Int, of file: Int) { partCounts[file] = parts }

    mutating func add(_ value: Value, at position: Position) { waiting[position] = value }

    /// The values that can now be handed on, in order.
    mutating func ready() -> [Value] {
        var out: [Value] = []
        while next.file < fileCount, let parts = partCounts[next.file] {
            if next.part >= parts {
                partCounts[next.file] = nil
                next = Position(file: next.file + 1, part: 0)
                continue
            }
            guard let value = waiting.removeValue(forKey: next) else { break }
            next.part += 1
            out.append(value)
        }
        return out
    }
}
