import TextPlot

/// A kind of experiment that lessons embed as a fenced block with info string `experiment NAME`.
///
/// An experiment is a Swift type with typed parameters and a `run` that returns a value:
/// blocks of text, tables and charts, plus named metrics that claims and exercises can read.
/// It never prints. Its randomness comes only from `context.seed`, so a run is reproducible.
///
/// ```swift
/// struct Ravine: Experiment {
///     static let name = "momentum-ravine"
///     static let summary = "Gradient descent with and without momentum on 0.1x² + 2y²."
///     struct Parameters: ExperimentParameters { … }
///     static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult { … }
/// }
/// ```
public protocol Experiment: Sendable {
    /// The experiment's parameters: every one has a default, so an empty cell runs.
    associatedtype Parameters: ExperimentParameters

    /// The name a lesson uses after `experiment` (lowercase words joined by hyphens).
    static var name: String { get }
    /// One line saying what the experiment shows.
    static var summary: String { get }

    /// Runs the experiment. A diverging run is a result to report, not an error to throw.
    static func run(_ parameters: Parameters, context: ExperimentContext) throws -> ExperimentResult

    /// What identifies each file the experiment would read with these parameters (a path with its size
    /// and modification time, or a digest), so that a cached result is not reused once a file changed.
    /// Experiments that read no file keep the default: none.
    static func inputIdentities(_ parameters: Parameters) -> [String]

    /// Every metric the experiment can report, with any parameters; nil when it declares none (then
    /// neither lint nor a run can tell a misspelt metric from one other parameters would give).
    static var metrics: MetricDeclaration? { get }

    /// The names of the runs these parameters make, by the one naming rule (`RunNaming`); empty for an
    /// experiment without runs.
    static func runNames(_ parameters: Parameters) -> [String]
}

extension Experiment {
    public static func inputIdentities(_ parameters: Parameters) -> [String] { [] }
    public static var metrics: MetricDeclaration? { nil }
    public static func runNames(_ parameters: Parameters) -> [String] { [] }
}

/// What the runner hands to an experiment besides its parameters.
public struct ExperimentContext: Sendable {
    /// The seed for every random thing the experiment does.
    public var seed: UInt64
    /// Where long experiments report how far they are; the runner may draw a progress bar.
    public var progress: @Sendable (_ fraction: Double, _ status: Phrase) -> Void

    /// Creates a context.
    public init(seed: UInt64, progress: @escaping @Sendable (_ fraction: Double, _ status: Phrase) -> Void = { _, _ in }) {
        self.seed = seed
        self.progress = progress
    }

    /// Reports that `fraction` (0…1) of the work is done, with a short status ("epoch 3/30, loss 0.41").
    public func report(_ fraction: Double, _ status: Phrase) {
        progress(min(max(fraction, 0), 1), status)
    }
}

extension Experiment {
    /// Decodes this experiment's parameters from a cell body, reporting problems at file positions.
    static func decodeParameters(_ body: CellBody) throws -> any ExperimentParameters {
        try ParameterDecoding.decode(Parameters.self, from: body)
    }

    /// Runs the experiment with parameters decoded by `decodeParameters`.
    static func runErased(_ parameters: any ExperimentParameters, context: ExperimentContext) throws -> ExperimentResult {
        guard let parameters = parameters as? Parameters else {
            throw Diagnostic("experiment '\(name)' was given parameters of another experiment",
                hint: "This is a bug in learn; please report it.")
        }
        return try run(parameters, context: context)
    }

    /// `inputIdentities` of parameters decoded by `decodeParameters`.
    static func erasedInputIdentities(_ parameters: any ExperimentParameters) -> [String] {
        (parameters as? Parameters).map { inputIdentities($0) } ?? []
    }

    /// `runNames` of parameters decoded by `decodeParameters`.
    static func erasedRunNames(_ parameters: any ExperimentParameters) -> [String] {
        (parameters as? Parameters).map { runNames($0) } ?? []
    }

    /// Why `metric` is missing from a result of this experiment run with `parameters`.
    public static func absence(of metric: String, _ parameters: any ExperimentParameters) -> MetricAbsence {
        guard let declaration = metrics else { return .notThisTime }
        guard let (pattern, run) = declaration.match(metric) else { return .unknown }
        if !run.isEmpty, !erasedRunNames(parameters).contains(run) {
            return .notWithTheseParameters("no run \(run)")
        }
        return pattern.sometimes ? .notThisTime : .notWithTheseParameters("no metric \(metric)")
    }

    /// The parameters' documentation, for `learn experiments`.
    static var parameterDocs: [ParameterDoc] {
        let defaults = Parameters()
        return Parameters.parameters.map { $0.doc(defaults) }
    }

    /// The parameters' documentation with the values of `parameters` in place of the defaults.
    static func parameterDocs(of parameters: any ExperimentParameters) -> [ParameterDoc] {
        guard let parameters = parameters as? Parameters else { return parameterDocs }
        return Parameters.parameters.map { $0.doc(parameters) }
    }
}

/// The experiments a runner knows, looked up by name.
public struct ExperimentCatalog: Sendable {
    /// The experiment types, in the order `learn experiments` lists them.
    public let experiments: [any Experiment.Type]
    /// The code exercises exercise cells may name with `function:`.
    public let codeExercises: [any CodeExercise.Type]

    /// Creates a catalog; names must be unique.
    public init(_ experiments: [any Experiment.Type], codeExercises: [any CodeExercise.Type] = []) {
        self.experiments = experiments
        self.codeExercises = codeExercises
    }

    /// The code exercise with this id, if any.
    public func codeExercise(named id: String) -> (any CodeExercise.Type)? {
        codeExercises.first { $0.id == id }
    }

    /// The experiment with this name, if any.
    public func experiment(named name: String) -> (any Experiment.Type)? {
        experiments.first { $0.name == name }
    }

    /// Every experiment's name.
    public var names: [String] { experiments.map { $0.name } }

    /// What `learn experiments` shows for each experiment.
    public var entries: [CatalogEntry] {
        experiments.map { CatalogEntry(name: $0.name, summary: $0.summary, parameters: $0.parameterDocs,
                                       metrics: $0.metrics?.patterns ?? [],
                                       runNaming: $0.metrics?.runs?.summary) }
    }
}

/// One experiment as the catalog lists it.
public struct CatalogEntry: Sendable {
    /// The experiment's name.
    public let name: String
    /// Its one-line summary.
    public let summary: String
    /// Its parameters, in declaration order.
    public let parameters: [ParameterDoc]
    /// The metrics it reports, as patterns (`{run}.final_loss`), in declaration order.
    public let metrics: [MetricPattern]
    /// Which settings enter a run's name, when it has runs.
    public let runNaming: String?
}
