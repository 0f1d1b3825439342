import Foundation

/// A statement about an experiment's metrics that a lesson expects to hold, such as
/// `sgd_lr0.6.diverged` or `momentum0.5_lr0.6.final_loss < sgd_lr0.4.final_loss`.
///
/// Grammar (format version 1), loosest first:
///
///     claim      = or
///     or         = and { "or" and }
///     and        = not { "and" not }
///     not        = "not" not | comparison
///     comparison = sum [ ("<" | "<=" | ">" | ">=" | "==" | "!=") sum ]
///     sum        = product { ("+" | "-") product }
///     product    = unary { ("*" | "/") unary }
///     unary      = "-" unary | number | metric | "(" claim ")"
///
/// A metric alone must be a yes/no metric; in arithmetic and comparisons it must be a number.
public struct Claim: Sendable, Equatable, CustomStringConvertible {
    /// The claim as the lesson wrote it.
    public let text: String
    let expression: ClaimExpression

    /// Parses a claim; the error says what is wrong and at which character (1-based).
    public init(_ text: String) throws(ClaimSyntaxError) {
        var parser = ClaimParser(text)
        self.text = text
        self.expression = try parser.parse()
    }

    public var description: String { text }

    /// Every metric the claim reads, in order of appearance.
    public var metricNames: [String] { expression.metricNames }

    /// Whether the claim holds for `metrics`, with the values it read.
    public func evaluate(_ metrics: [Metric]) -> ClaimOutcome {
        var values: [String: Metric.Value] = [:]
        for metric in metrics where values[metric.name] == nil { values[metric.name] = metric.value }
        var read: [(String, Metric.Value)] = []
        do {
            let held = try expression.truth(values, &read)
            return ClaimOutcome(claim: self, held: held, problem: nil, values: read.map { Metric(name: $0.0, value: $0.1) })
        } catch {
            let message = (error as? ClaimExpression.EvaluationError)?.message ?? "\(error)"
            return ClaimOutcome(claim: self, held: false, problem: message, values: [])
        }
    }

    /// Like `evaluate(_:)`, but a claim that reads a metric which `absence` says other parameters
    /// would produce is not checked (`checked` false) rather than failed: `--set` or an edit removed
    /// the run it names.
    public func evaluate(_ metrics: [Metric], absence: (String) -> MetricAbsence) -> ClaimOutcome {
        let outcome = evaluate(metrics)
        guard !outcome.held, outcome.problem != nil else { return outcome }
        let present = Set(metrics.map(\.name))
        let absences = metricNames.filter { !present.contains($0) }.map(absence)
        // A misspelt metric fails the claim whatever else is missing.
        guard !absences.contains(.unknown) else { return outcome }
        for case .notWithTheseParameters(let reason) in absences {
            return ClaimOutcome(claim: self, held: false, problem: reason, values: [], checked: false)
        }
        return outcome
    }
}

/// A claim that could not be parsed: what is wrong, and the 1-based character where.
public struct ClaimSyntaxError: Error, Sendable, Equatable {
    /// What is wrong.
    public let message: String
    /// The 1-based character offset in the claim.
    public let offset: Int
}

/// Whether a claim held, and why.
public struct ClaimOutcome: Sendable, Equatable {
    /// The claim.
    public let claim: Claim
    /// Whether it held.
    public let held: Bool
    /// Why it could not be judged (an unknown metric, a flag used as a number), if so.
    public let problem: String?
    /// The metrics it read, with their values, in order.
    public let values: [Metric]
    /// False when the claim names a metric these parameters don't produce (a run `--set` or an edit
    /// removed): neither held nor failed, shown as not checked; `learn test` still fails on it.
    public var checked = true
}

/// A claim's parse tree.
indirect enum ClaimExpression: Sendable, Equatable {
    case number(Double)
    case metric(String)
    case negate(ClaimExpression)
    case arithmetic(Character, ClaimExpression, ClaimExpression)
    case comparison(String, ClaimExpression, ClaimExpression)
    case not(ClaimExpression)
    case and(ClaimExpression, ClaimExpression)
    case or(ClaimExpression, ClaimExpression)

    var metricNames: [String] {
        switch self {
        case .number: return []
        case .metric(let name): return [name]
        case .negate(let e), .not(let e): return e.metricNames
        case .arithmetic(_, let a, let b), .comparison(_, let a, let b), .and(let a, let b), .or(let a, let b):
            return a.metricNames + b.metricNames
        }
    }

    struct EvaluationError: Error {
        var message: String
    }

    private func lookup(_ name: String, _ values: [String: Metric.Value], _ read: inout [(String, Metric.Value)]) throws -> Metric.Value {
        if name.contains("{") {
            // `{…}` stands for any text, so that a challenge's claim can name the one run whatever rate the
            // student gives (`sgd_lr{rate}.diverged`); it must match exactly one metric.
            let matches = values.keys.filter { ClaimExpression.wildcard(name, matches: $0) }.sorted()
            guard matches.count == 1 else {
                throw EvaluationError(message: matches.isEmpty ? "no metric matches '\(name)'"
                    : "'\(name)' matches several metrics: " + matches.joined(separator: ", "))
            }
            return try lookup(matches[0], values, &read)
        }
        guard let value = values[name] else {
            let close = Suggestions.closest(to: name, in: values.keys.sorted())
            throw EvaluationError(message: "the experiment has no metric '\(name)'"
                + (close.isEmpty ? "" : "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"))
        }
        if !read.contains(where: { $0.0 == name }) { read.append((name, value)) }
        return value
    }

    /// Whether `metric` fits `pattern`, whose every `{…}` stands for any text (a glob, matched by hand:
    /// no regular expression to build for every claim evaluated).
    static func wildcard(_ pattern: String, matches metric: String) -> Bool {
        var literals: [Substring] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return false }
            literals.append(rest[..<open])
            rest = rest[rest.index(after: close)...]
        }
        literals.append(rest)
        guard literals.count > 1 else { return pattern == metric }
        var text = Substring(metric)
        guard text.hasPrefix(literals[0]) else { return false }
        text = text.dropFirst(literals[0].count)
        for middle in literals.dropFirst().dropLast() {
            guard let found = text.range(of: middle) else { return false }
            text = text[found.upperBound...]
        }
        return text.hasSuffix(literals[literals.count - 1]) && text.count >= literals[literals.count - 1].count
    }

    /// The expression's number.
    func number(_ values: [String: Metric.Value], _ read: inout [(String, Metric.Value)]) throws -> Double {
        switch self {
        case .number(let value): return value
        case .metric(let name):
            guard case .number(let value) = try lookup(name, values, &read) else {
                throw EvaluationError(message: "'\(name)' is a yes/no metric, not a number")
            }
            return value
        case .negate(let e): return -(try e.number(values, &read))
        case .arithmetic(let op, let a, let b):
            let (x, y) = (try a.number(values, &read), try b.number(values, &read))
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            default: return x / y
            }
        case .comparison, .not, .and, .or:
            throw EvaluationError(message: "a yes/no claim is used as a number")
        }
    }

    /// The expression's truth. Every comparison with NaN is false, `!=` too (IEEE makes NaN != x true).
    func truth(_ values: [String: Metric.Value], _ read: inout [(String, Metric.Value)]) throws -> Bool {
        switch self {
        case .metric(let name):
            guard case .flag(let value) = try lookup(name, values, &read) else {
                throw EvaluationError(message: "'\(name)' is a number; compare it, e.g. '\(name) < 0.1'")
            }
            return value
        case .not(let e): return !(try e.truth(values, &read))
        case .and(let a, let b):
            let (x, y) = (try a.truth(values, &read), try b.truth(values, &read))
            return x && y
        case .or(let a, let b):
            let (x, y) = (try a.truth(values, &read), try b.truth(values, &read))
            return x || y
        case .comparison(let op, let a, let b):
            let (x, y) = (try a.number(values, &read), try b.number(values, &read))
            switch op {
            case "<": return x < y
            case "<=": return x <= y
            case ">": return x > y
            case ">=": return x >= y
            case "==": return x == y
            // NaN differs from everything in IEEE arithmetic, but a claim that a diverged run differs must not hold.
            default: return !x.isNaN && !y.isNaN && x != y
            }
        case .number, .negate, .arithmetic:
            throw EvaluationError(message: "a number is not a claim; compare it with something")
        }
    }
}
