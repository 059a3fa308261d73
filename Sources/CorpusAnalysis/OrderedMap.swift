import LoupeCore

/// Transforms a stream of inputs on `jobs` workers and hands the results on in input order, with a
/// bounded number of inputs in flight: the corpus loop's pattern (``CorpusAnalyzer``: task group,
/// ``InOrder``, one ``Workspace`` per worker) for front ends that read a stream rather than files,
/// such as `loupe stream`.
///
/// ```swift
/// var numbers = [3, 1, 2].makeIterator()
/// await OrderedMap(jobs: 2).run(next: { numbers.next() }, size: { _ in 1 }) { n, worker, workspace in
///     n * 10          // runs on a worker, with that worker's workspace
/// } output: { print($0) }   // 30, 10, 20: input order
/// ```
///
/// - Ordered: `output` sees the results in the order `next` gave the inputs, whatever `jobs` is.
/// - Bounded: at most `maxPending` inputs (and, beyond `jobs` of them, `maxPendingBytes` of `size`)
///   are read but not yet handed on, so memory stays flat on a stream of any length.
/// - `worker` (0..<jobs) names the worker running `transform`: a caller may keep one resource per
///   worker (a scratch database, a buffer) indexed by it; no two calls with one index overlap.
public struct OrderedMap: Sendable {
    public let jobs: Int
    public var maxPending: Int
    public var maxPendingBytes: Int

    public init(jobs: Int) {
        precondition(jobs >= 1, "at least one worker")
        self.jobs = jobs
        maxPending = jobs * 4
        maxPendingBytes = 3 << 19  // as the corpus loop's unstored text
    }

    public func run<Input: Sendable, Output: Sendable>(
        next: () -> Input?, size: (Input) -> Int,
        transform: @escaping @Sendable (Input, _ worker: Int, Workspace) -> Output,
        output: (Output) -> Void
    ) async {
        let workspaces = WorkspacePool(count: jobs)
        var order = InOrder<(Output, Int)>(fileCount: Int.max)
        var nextIndex = 0, busy = 0, pending = 0, pendingBytes = 0
        var exhausted = false
        await withTaskGroup(of: (InOrder<(Output, Int)>.Position, Output, Int, Int).self) { group in
            func schedule() {
                while !exhausted && busy < jobs && pending < maxPending {
                    guard let input = next() else { exhausted = true; return }
                    let bytes = size(input)
                    let position = InOrder<(Output, Int)>.Position(file: nextIndex, part: 0)
                    order.setPartCount(1, of: nextIndex)
                    nextIndex += 1
                    busy += 1
                    pending += 1
                    pendingBytes += bytes
                    let worker = workspaces.take()
                    group.addTask { (position, transform(input, worker, workspaces[worker]), bytes, worker) }
                    if pending > jobs && pendingBytes > maxPendingBytes { return }
                }
            }
            schedule()
            while let (position, result, bytes, worker) = await group.next() {
                workspaces.give(back: worker)
                busy -= 1
                order.add((result, bytes), at: position)
                for (value, bytes) in order.ready() {
                    pending -= 1
                    pendingBytes -= bytes
                    output(value)
                }
                if pending <= jobs || pendingBytes <= maxPendingBytes { schedule() }
            }
        }
    }
}
