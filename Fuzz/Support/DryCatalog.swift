import Experiments
import Lessons

/// An experiment of the real catalog, with its real parameters and their checks, whose run returns
/// at once: fuzzing exercises parsing, validation and rendering, never the engine.
struct Dry<Wrapped: Experiment>: Experiment {
    typealias Parameters = Wrapped.Parameters
    static var name: String { Wrapped.name }
    static var summary: String { Wrapped.summary }

    static func run(_ parameters: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        var result = ExperimentResult()
        result.text("\(name) was not run (seed \(context.seed)).")
        result.metric("steps", 1)
        result.metric("diverged", false)
        return result
    }
}

private func dry<E: Experiment>(_: E.Type) -> any Experiment.Type { Dry<E>.self }

/// `experimentCatalog` with every experiment replaced by its `Dry` twin: the same names and
/// parameters, so seeds taken from the real lessons decode as they do in `learn`.
public let dryCatalog = ExperimentCatalog(experimentCatalog.experiments.map { dry($0) },
                                          codeExercises: experimentCatalog.codeExercises)
