/// A problem with one input, reported with where it happened so the user can act on it.
///
/// Loupe reports such errors and goes on with the rest of the batch.
public struct LoupeError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file (or `-` for standard input) the problem is in.
    public var file: String
    /// The 1-based line, for line-based inputs such as JSONL.
    public var line: Int?
    /// What went wrong, in words a user can act on.
    public var reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}
