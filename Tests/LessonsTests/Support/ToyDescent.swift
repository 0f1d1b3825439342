import Lessons
import TextPlot

/// A small experiment with one parameter of every kind, so the tests can exercise decoding and
/// rendering without the real catalog (the test target cannot import `Experiments`).
///
/// It walks x ← x − rate·x from each start for `steps` steps; its table is deterministic and a
/// seed-derived "noise" metric shows which seed the runner handed it.
struct ToyDescent: Experiment {
    static let name = "toy-descent"
    static let summary = "Shrinks each start towards zero by a fixed rate, a few steps at a time."

    /// How the rate is applied.
    enum Method: String, CaseIterable, Sendable {
        case plain, halved
    }

    struct Parameters: ExperimentParameters {
        var rate = 0.5
        var steps = 3
        var starts = [1.0, -2.0]
        var verbose = false
        var method = Method.plain

        init() {}

        static var parameters: [Parameter<Self>] {
            [
                .number("rate", \.rate, in: 0...1, "The fraction removed each step."),
                .integer("steps", \.steps, in: 1...50, "How many steps to take."),
                .numbers("starts", \.starts, in: -10...10, count: 2...3, "The starting values."),
                .flag("verbose", \.verbose, "Whether to add a sentence per run."),
                .choice("method", \.method, "How the rate is applied."),
            ]
        }
    }

    static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        var result = ExperimentResult()
        let rate = p.method == .halved ? p.rate / 2 : p.rate
        var table = Lessons.Table(title: "toy descent", columns: [
            .init("start", format: .significant(3)), .init("after", format: .significant(4)),
        ])
        for (index, start) in p.starts.enumerated() {
            var x = start
            for _ in 0..<p.steps { x -= rate * x }
            table.append([.number(start), .number(x)])
            result.metric("after_\(index)", x)
            if p.verbose { result.text("From \(formatted(start)) the walk ends at \(formatted(x)).") }
        }
        result.figure(table)
        result.metric("noise", Double(context.seed % 1000))
        return result
    }

    private static func formatted(_ value: Double) -> String {
        NumberFormat.significant(4).format(value)
    }
}

/// An experiment that always throws, to check that a failing cell is shown, not fatal.
struct AlwaysFails: Experiment {
    static let name = "always-fails"
    static let summary = "Throws instead of returning a result."

    /// How the rate is applied.
    enum Method: String, CaseIterable, Sendable {
        case plain, halved
    }

    struct Parameters: ExperimentParameters {
        init() {}
        static var parameters: [Parameter<Self>] { [] }
    }

    static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        throw Diagnostic("the toy experiment gave up", hint: "It always does.")
    }
}

/// The catalog the tests parse lessons with.
let testCatalog = ExperimentCatalog([ToyDescent.self, AlwaysFails.self])
