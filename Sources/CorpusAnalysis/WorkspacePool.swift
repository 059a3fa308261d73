import LoupeCore
import Synchronization

/// One ``Workspace`` per worker of a corpus run, lent to one analysis task at a time.
///
/// `@unchecked Sendable`: the workspaces (not thread-safe) cross into child tasks, but an index is
/// lent to one task until it is given back, so no workspace is ever used by two threads at once.
final class WorkspacePool: @unchecked Sendable {
    private let workspaces: [Workspace]
    private let free: Mutex<[Int]>

    init(count: Int) {
        workspaces = (0..<count).map { _ in Workspace() }
        free = Mutex(Array((0..<count).reversed()))
    }

    /// Lends a workspace; the caller never has more tasks running than workspaces.
    func take() -> Int {
        free.withLock { free in
            guard let index = free.popLast() else { preconditionFailure("more tasks than workers") }
            return index
        }
    }

    func give(back index: Int) { free.withLock { $0.append(index) } }

    subscript(index: Int) -> Workspace { workspaces[index] }
}
