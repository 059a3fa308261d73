import LoupeCore

/// What a corpus run reports while it goes, in the order of the inputs.
public enum AnalysisEvent: Sendable, Equatable {
    /// A document was read or analysed with a problem that did not stop it (`origin`: file or file:line).
    case warning(origin: String, message: String)
    /// A file or line could not be read; it is skipped and the run goes on.
    case failure(LoupeError)
    /// Every document of `done` of the `total` input files is stored (or skipped as unchanged).
    case progress(done: Int, total: Int)
    /// All documents are stored; the corpus-wide entities are being rebuilt.
    case linking
}

/// The outcome of a corpus run.
public struct AnalysisSummary: Sendable, Equatable {
    /// Documents analysed and stored in this run.
    public var stored = 0
    /// Documents skipped because their text and metadata were already stored by this analysis version.
    public var unchanged = 0
    /// Files or lines that could not be read.
    public var failed = 0
    /// Words and entity mentions of the documents analysed in this run.
    public var words = 0
    public var mentions = 0
    /// Canonical entities in the whole corpus after the run.
    public var entities = 0

    public init() {}
}

/// A run stopped by the store (full disk, database locked too long, I/O error). Every batch committed
/// before it is kept.
public struct AnalysisStorageError: Error, CustomStringConvertible {
    public var cause: any Error
    /// Documents committed before the error.
    public var stored: Int

    public var description: String {
        "\(cause)\n\(stored) document\(stored == 1 ? "" : "s") stored before this error \(stored == 1 ? "is" : "are") kept."
    }
}
