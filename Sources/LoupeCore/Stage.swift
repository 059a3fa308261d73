/// The annotations a stage can require and provide; the pipeline checks the order once, when it is
/// built, so a misordered pipeline fails before the first document rather than halfway through a corpus.
public enum Annotation: String, Sendable, CaseIterable {
    case tokens, sentences, boilerplate, partOfSpeech, lemmas, entities, keywords, sentiment
}

/// One step of analysis: reads some annotations of a document and adds others.
///
/// A stage is a value that holds its (immutable) language data and is safe to share between
/// threads; all per-document state lives in the ``Document``.
public protocol Stage: Sendable {
    /// Shown in errors and benchmark figures.
    var name: String { get }
    var requires: Set<Annotation> { get }
    var provides: Set<Annotation> { get }
    func process(_ document: inout Document)
    /// The same, with the memos of `workspace` (see ``Workspace``): what a corpus loop calls.
    /// Stages that memoise word facts implement it; the others keep the default.
    func process(_ document: inout Document, in workspace: Workspace)
}

extension Stage {
    public func process(_ document: inout Document, in workspace: Workspace) { process(&document) }
}

/// Raised when stages are put together in an order that cannot work.
public struct PipelineError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Checks that every stage's requirements are provided by the stages before it.
public func validateStageOrder(_ stages: [any Stage]) throws {
    var available = Set<Annotation>()
    for stage in stages {
        let missing = stage.requires.subtracting(available)
        if !missing.isEmpty {
            let names = missing.map(\.rawValue).sorted().joined(separator: ", ")
            throw PipelineError("stage '\(stage.name)' needs \(names), which no earlier stage provides")
        }
        available.formUnion(stage.provides)
    }
}
