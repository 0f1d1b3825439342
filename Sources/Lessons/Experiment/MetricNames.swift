import Foundation

/// How an experiment names its runs: one part per setting the runs compare, in a fixed order, joined
/// with `_` (`sgd_lr0.4`, `momentum0.5_lr0.6`, `adam_lr0.01_bs16`).
///
/// The naming rule, the same for every experiment (docs/experiments.md): a run's name is made of its
/// own settings only, never of how many values a list holds or of the other runs. A part the
/// experiment marks as always named is in every name; any other part is in the name only when the
/// run's value differs from that setting's default. So `--set` or a student's edit that adds a second
/// learning rate adds runs but renames none.
///
/// ```swift
/// let naming = RunNaming([.word(["sgd", "adam"]), .number("lr"), .integer("bs", optional: true)],
///                        summary: "optimizer and learning rate, then the batch size unless 32")
/// RunNaming.name(["adam", RunNaming.number("lr", 0.01), nil])   // "adam_lr0.01"
/// naming.matches("adam_lr0.01_bs16")                          // true
/// ```
public struct RunNaming: Sendable {
    /// One setting's part of a run name.
    public struct Part: Sendable {
        /// The regular expression of the part's text.
        let pattern: String
        /// Whether the part may be left out (its setting at its default).
        let optional: Bool

        /// One of `words` (written with `_` for `-`).
        public static func word(_ words: [String], optional: Bool = false) -> Part {
            Part(pattern: "(?:" + words.map { NSRegularExpression.escapedPattern(for: RunNaming.clean($0)) }
                .joined(separator: "|") + ")", optional: optional)
        }

        /// `prefix` and a number as a lesson writes it: `lr0.4`, `wd1e_05`.
        public static func number(_ prefix: String, optional: Bool = false) -> Part {
            Part(pattern: NSRegularExpression.escapedPattern(for: prefix) + RunNaming.numberPattern, optional: optional)
        }

        /// `prefix` and a whole number: `bs32`, `patience30`.
        public static func integer(_ prefix: String, optional: Bool = false) -> Part {
            Part(pattern: NSRegularExpression.escapedPattern(for: prefix) + "[0-9]+", optional: optional)
        }

        /// One of several shapes (`bs32` or `full`).
        public static func either(_ parts: [Part], optional: Bool = false) -> Part {
            Part(pattern: "(?:" + parts.map(\.pattern).joined(separator: "|") + ")", optional: optional)
        }
    }

    /// The parts, in the order names list them.
    public let parts: [Part]
    /// Which settings enter a name, for `learn experiments`: "optimizer and learning rate: `adam_lr0.1`".
    public let summary: String

    /// Creates a naming from its parts, in order, and says which settings enter a name.
    public init(_ parts: [Part], summary: String) {
        self.parts = parts
        self.summary = summary
    }

    /// A number as run names write it (a claim reads `-` as minus, so `1e-05` becomes `1e_05`).
    static let numberPattern = "[0-9]+(?:\\.[0-9]+)?(?:e_?[0-9]+)?"

    /// The regular expression of every name this naming can give.
    public var pattern: String {
        var text = ""
        for (index, part) in parts.enumerated() {
            let piece = (index == 0 ? "" : "_") + part.pattern
            // A first part that may be left out takes the separator of the part after it.
            text += part.optional ? (index == 0 ? "(?:\(part.pattern)_)?" : "(?:\(piece))?") : piece
        }
        return text
    }

    /// Whether some settings would give a run this name.
    public func matches(_ name: String) -> Bool {
        MetricPattern.wholeMatch("(?:" + pattern + ")", name)
    }

    /// The name of a run from its parts in order, nil for a part left out.
    public static func name(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.map(clean).joined(separator: "_")
    }

    /// `prefix` and `value` as a lesson writes it: `lr0.4`, `momentum0.5`.
    public static func number(_ prefix: String, _ value: Double) -> String {
        prefix + clean(formatNumber(value))
    }

    /// Metric names are read by claims, where `-` would be a minus.
    static func clean(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "_") }
}

/// One family of metric names an experiment reports: `{run}.final_loss`, `{run}.std_{depth}`, `loss`.
///
/// `{run}` stands for a run's name (see `RunNaming`); any other `{…}` for a whole number that a
/// parameter lists (a depth, a step).
public struct MetricPattern: Sendable, Equatable, CustomStringConvertible {
    /// The pattern as `learn experiments` lists it.
    public let text: String
    /// Whether the metric is reported only on some outcomes (`diverged_step` only when a run diverged),
    /// so that its absence is a result, not a sign of other parameters.
    public let sometimes: Bool

    /// Creates a pattern.
    public init(_ text: String, sometimes: Bool = false) {
        self.text = text
        self.sometimes = sometimes
    }

    public var description: String { text + (sometimes ? " (on some outcomes)" : "") }

    /// The run name within `metric`, when the pattern matches it (the empty string for a pattern
    /// without `{run}`); nil when it does not match.
    func match(_ metric: String, runs: RunNaming?) -> String? {
        var regex = "", hasRun = false
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            regex += NSRegularExpression.escapedPattern(for: String(rest[..<open]))
            let name = rest[rest.index(after: open)..<close]
            if name == "run" {
                regex += "(" + (runs?.pattern ?? "[A-Za-z0-9_.]+") + ")"
                hasRun = true
            } else {
                regex += "[0-9]+"
            }
            rest = rest[rest.index(after: close)...]
        }
        regex += NSRegularExpression.escapedPattern(for: String(rest))
        guard let expression = try? NSRegularExpression(pattern: "^(?:" + regex + ")$"),
              let found = expression.firstMatch(in: metric, range: NSRange(metric.startIndex..., in: metric)) else { return nil }
        guard hasRun, let range = Range(found.range(at: 1), in: metric) else { return "" }
        return String(metric[range])
    }

    /// This pattern with `{run}` replaced by `run`.
    func filled(run: String) -> String { text.replacingOccurrences(of: "{run}", with: run) }

    static func wholeMatch(_ pattern: String, _ text: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: "^" + pattern + "$") else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// Every metric an experiment can report, declared beside it: lint tells a misspelt metric (no
/// parameters produce it) from one that other parameters would produce, and a run tells a claim that
/// failed from one its parameters no longer let it check.
public struct MetricDeclaration: Sendable {
    /// What `{run}` stands for; nil when the experiment has no runs.
    public let runs: RunNaming?
    /// Every family of names, in the order `learn experiments` lists them.
    public let patterns: [MetricPattern]

    /// Creates a declaration.
    public init(runs: RunNaming? = nil, _ patterns: [MetricPattern]) {
        self.runs = runs
        self.patterns = patterns
    }

    /// The first pattern that `metric` matches, with the run it names ("" for none); nil for a name
    /// no parameters of the experiment produce. A pattern written with a run's name (`bn.mode_gap`,
    /// reported for the batch-norm run only) names that run.
    public func match(_ metric: String) -> (pattern: MetricPattern, run: String)? {
        for pattern in patterns {
            guard let run = pattern.match(metric, runs: runs) else { continue }
            if run.isEmpty, let runs, let prefix = metric.split(separator: ".").first.map(String.init), runs.matches(prefix) {
                return (pattern, prefix)
            }
            return (pattern, run)
        }
        return nil
    }

    /// The names `runNames` would give, for did-you-mean: each pattern with each run filled in.
    public func examples(runNames: [String]) -> [String] {
        patterns.flatMap { pattern in
            pattern.text.contains("{run}") ? runNames.map { pattern.filled(run: $0) } : [pattern.text]
        }
    }
}

/// Why a metric a claim names is missing from a result.
public enum MetricAbsence: Sendable, Equatable {
    /// No parameters of the experiment produce it: a misspelling.
    case unknown
    /// Other parameters would produce it (a run these parameters don't make, a step they don't list).
    case notWithTheseParameters(String)
    /// These parameters can produce it, but this run's outcome did not (or the experiment declares no
    /// metrics).
    case notThisTime
}
