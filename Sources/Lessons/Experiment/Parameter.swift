/// An experiment's parameter type: `Decodable`, with a default for every parameter.
///
/// Conforming types list their parameters once, with types, ranges and documentation, and get
/// decoding, validation and `learn experiments` documentation from that list:
///
/// ```swift
/// struct Parameters: ExperimentParameters {
///     var learningRates = [0.4, 0.6]
///     var steps = 100
///     static var parameters: [Parameter<Self>] {
///         [.numbers("learning_rates", \.learningRates, in: 0...10, "Learning rates to try."),
///          .integer("steps", \.steps, in: 1...10_000, "Steps per run.")]
///     }
/// }
/// ```
public protocol ExperimentParameters: Decodable, Sendable {
    /// The defaults: what an empty cell runs with.
    init()
    /// Every parameter, in the order documentation lists them.
    static var parameters: [Parameter<Self>] { get }
    /// What these values ask of the machine in total, when that can exceed what one cell should
    /// take even though each value is in range (a grid of many long runs); nil when the ranges bound it.
    var budget: Budget? { get }
    /// A combination of values that can't run together (each is in range, but not with the others),
    /// said as what to change; nil when they fit.
    var conflict: String? { get }
}

/// The total work a cell's parameters ask for, and the most an experiment accepts.
///
/// Each parameter's range bounds it alone; a budget bounds what they multiply to, so that no lesson
/// (or `--set`) can ask for an hour of computing or gigabytes of memory. It is checked before anything
/// runs, and the message names the limit.
public struct Budget: Sendable, Equatable {
    /// The work asked for, in `unit`.
    public var work: Double
    /// The most allowed.
    public var limit: Double
    /// What is counted: "training multiply-adds (runs × epochs × examples × weights)".
    public var unit: String
    /// What to lower: "fewer runs, epochs or training examples, or a smaller model".
    public var advice: String
    /// About how much of `unit` a release build does in a second on a machine with AVX2: what turns the
    /// units of different experiments into one measure, seconds, for a lesson's work budget (`WorkBudget`).
    public var perSecond: Double

    /// Creates a budget; without `perSecond`, work at the limit is taken to take `secondsAtLimit`.
    public init(work: Double, limit: Double, unit: String, advice: String, perSecond: Double? = nil) {
        (self.work, self.limit, self.unit, self.advice) = (work, limit, unit, advice)
        self.perSecond = perSecond ?? limit / Self.secondsAtLimit
    }

    /// What work at a cell's limit is taken to take when its budget gives no rate: the limits are set
    /// so that a cell takes seconds (an `activations` cell at its limit took 10.6 s).
    public static let secondsAtLimit = 10.0

    /// Training multiply-adds (forward and backward) a release build does in a second, on two cores
    /// with AVX2; measured with `train` on Fashion-MNIST (docs/limits.md).
    public static let trainingMultiplyAddsPerSecond = 1e10

    /// The estimated seconds of the work.
    public var seconds: Double { work / perSecond }
}

extension ExperimentParameters {
    /// No budget beyond the parameters' ranges.
    public var budget: Budget? { nil }
    /// Any combination of values runs.
    public var conflict: String? { nil }
}

extension ExperimentParameters {
    /// Decodes the parameters given, leaving the others at their defaults, and checks each value.
    public init(from decoder: Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: ParameterKey.self)
        let parameters = Self.parameters
        for key in container.allKeys {
            guard let parameter = parameters.first(where: { $0.key == key.stringValue }) else {
                throw ParameterProblem(message: "unknown parameter '\(key.stringValue)'", element: nil)
            }
            try parameter.decode(&self, container, key)
        }
    }
}

/// A parameter name used as a coding key.
struct ParameterKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A value that decodes but breaks a parameter's rule (out of range, not one of the choices).
struct ParameterProblem: Error {
    /// What is wrong.
    var message: String
    /// For a list, the 0-based index of the offending element.
    var element: Int?
}

/// One documented, typed, range-checked parameter of `Owner`.
public struct Parameter<Owner> {
    /// The key a lesson writes (snake_case).
    public let key: String
    /// What the parameter controls, in one sentence.
    public let summary: String
    /// The type as documentation shows it: "number", "integer", "list of numbers", …
    public let typeName: String
    /// The rule its values obey, e.g. "0 to 10", or "" when any value of the type is fine.
    public let constraint: String
    let defaultText: (Owner) -> String
    let decode: (inout Owner, KeyedDecodingContainer<ParameterKey>, ParameterKey) throws -> Void

    /// The parameter's documentation, with its default read from `defaults`.
    func doc(_ defaults: Owner) -> ParameterDoc {
        ParameterDoc(key: key, typeName: typeName, constraint: constraint,
                     defaultValue: defaultText(defaults), summary: summary)
    }

    private static func make<Value: Decodable>(
        _ key: String, _ keyPath: WritableKeyPath<Owner, Value>, type: String, constraint: String,
        summary: String, show: @escaping (Value) -> String, check: @escaping (Value) -> ParameterProblem?,
        count: ClosedRange<Int>? = nil
    ) -> Parameter {
        Parameter(
            key: key, summary: summary, typeName: type, constraint: constraint,
            defaultText: { show($0[keyPath: keyPath]) },
            decode: { owner, container, codingKey in
                // A list's length is checked on the YAML before its elements are decoded: a lesson can't
                // make learn decode millions of numbers only to refuse them.
                if let count, let list = try? container.nestedUnkeyedContainer(forKey: codingKey),
                   let length = list.count, length > count.upperBound, let problem = checkCount(length, count) {
                    throw problem
                }
                let value = try container.decode(Value.self, forKey: codingKey)
                if let problem = check(value) { throw problem }
                owner[keyPath: keyPath] = value
            })
    }

    /// A real number within `range` (NaN and infinities are refused).
    public static func number(
        _ key: String, _ keyPath: WritableKeyPath<Owner, Double>, in range: ClosedRange<Double>, _ summary: String
    ) -> Parameter {
        make(key, keyPath, type: "number", constraint: describe(range), summary: summary,
             show: formatNumber, check: { check($0, in: range, element: nil) })
    }

    /// A whole number within `range`.
    public static func integer(
        _ key: String, _ keyPath: WritableKeyPath<Owner, Int>, in range: ClosedRange<Int>, _ summary: String
    ) -> Parameter {
        make(key, keyPath, type: "integer", constraint: "\(range.lowerBound) to \(range.upperBound)",
             summary: summary, show: { "\($0)" },
             check: { range.contains($0) ? nil : ParameterProblem(
                message: "must be from \(range.lowerBound) to \(range.upperBound), not \($0)", element: nil) })
    }

    /// A list of real numbers, each within `range`, with a length within `count`.
    public static func numbers(
        _ key: String, _ keyPath: WritableKeyPath<Owner, [Double]>, in range: ClosedRange<Double>,
        count: ClosedRange<Int> = 1...16, _ summary: String
    ) -> Parameter {
        make(key, keyPath, type: "list of numbers", constraint: "\(describe(count)), each \(describe(range))",
             summary: summary, show: { "[" + $0.map(formatNumber).joined(separator: ", ") + "]" },
             check: { values in
                if let problem = checkCount(values.count, count) { return problem }
                for (index, value) in values.enumerated() {
                    if let problem = check(value, in: range, element: index) { return problem }
                }
                return nil
             }, count: count)
    }

    /// A list of whole numbers, each within `range`, with a length within `count`.
    public static func integers(
        _ key: String, _ keyPath: WritableKeyPath<Owner, [Int]>, in range: ClosedRange<Int>,
        count: ClosedRange<Int> = 1...16, _ summary: String
    ) -> Parameter {
        make(key, keyPath, type: "list of integers",
             constraint: "\(describe(count)), each from \(range.lowerBound) to \(range.upperBound)",
             summary: summary, show: { "[" + $0.map(String.init).joined(separator: ", ") + "]" },
             check: { values in
                if let problem = checkCount(values.count, count) { return problem }
                for (index, value) in values.enumerated() where !range.contains(value) {
                    return ParameterProblem(message: "must be from \(range.lowerBound) to \(range.upperBound), not \(value)", element: index)
                }
                return nil
             }, count: count)
    }

    /// Yes or no (`true` / `false`).
    public static func flag(
        _ key: String, _ keyPath: WritableKeyPath<Owner, Bool>, _ summary: String
    ) -> Parameter {
        make(key, keyPath, type: "true or false", constraint: "", summary: summary,
             show: { "\($0)" }, check: { _ in nil })
    }

    /// One case of `Choice`, written as its raw value: `.choice("optimizer", \.optimizer, "…")` over an
    /// `enum Optimizer: String, CaseIterable`. An unknown word is refused with every valid one listed.
    public static func choice<Choice: CaseIterable & RawRepresentable & Sendable>(
        _ key: String, _ keyPath: WritableKeyPath<Owner, Choice>, _ summary: String
    ) -> Parameter where Choice.RawValue == String {
        let names = Choice.allCases.map(\.rawValue)
        return Parameter(
            key: key, summary: summary, typeName: "text", constraint: "one of " + names.joined(separator: ", "),
            defaultText: { $0[keyPath: keyPath].rawValue },
            decode: { owner, container, codingKey in
                let word = try container.decode(String.self, forKey: codingKey)
                guard let value = Choice(rawValue: word) else {
                    throw ParameterProblem(message: "must be one of \(names.joined(separator: ", ")), not '\(word)'", element: nil)
                }
                owner[keyPath: keyPath] = value
            })
    }

    /// A list of cases of `Choice`, each written as its raw value, with a length within `count`.
    public static func choices<Choice: CaseIterable & RawRepresentable & Sendable>(
        _ key: String, _ keyPath: WritableKeyPath<Owner, [Choice]>, count: ClosedRange<Int> = 1...16, _ summary: String
    ) -> Parameter where Choice.RawValue == String {
        let names = Choice.allCases.map(\.rawValue)
        return Parameter(
            key: key, summary: summary, typeName: "list of texts",
            constraint: "\(describe(count)), each one of " + names.joined(separator: ", "),
            defaultText: { "[" + $0[keyPath: keyPath].map(\.rawValue).joined(separator: ", ") + "]" },
            decode: { owner, container, codingKey in
                if let list = try? container.nestedUnkeyedContainer(forKey: codingKey), let length = list.count,
                   length > count.upperBound, let problem = checkCount(length, count) {
                    throw problem
                }
                let words = try container.decode([String].self, forKey: codingKey)
                if let problem = checkCount(words.count, count) { throw problem }
                var values: [Choice] = []
                for (index, word) in words.enumerated() {
                    guard let value = Choice(rawValue: word) else {
                        throw ParameterProblem(message: "must be one of \(names.joined(separator: ", ")), not '\(word)'", element: index)
                    }
                    values.append(value)
                }
                owner[keyPath: keyPath] = values
            })
    }

    private static func check(_ value: Double, in range: ClosedRange<Double>, element: Int?) -> ParameterProblem? {
        guard value.isFinite else {
            return ParameterProblem(message: "must be a finite number, not \(formatNumber(value))", element: element)
        }
        guard range.contains(value) else {
            return ParameterProblem(message: "must be \(describe(range)), not \(formatNumber(value))", element: element)
        }
        return nil
    }

    private static func checkCount(_ count: Int, _ allowed: ClosedRange<Int>) -> ParameterProblem? {
        allowed.contains(count) ? nil
            : ParameterProblem(message: "must have \(describe(allowed)), not \(count)", element: nil)
    }

    private static func describe(_ range: ClosedRange<Double>) -> String {
        "from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound))"
    }

    private static func describe(_ count: ClosedRange<Int>) -> String {
        count.lowerBound == count.upperBound ? "exactly \(count.lowerBound) values"
            : "\(count.lowerBound) to \(count.upperBound) values"
    }
}

/// A parameter as `learn experiments` documents it.
public struct ParameterDoc: Sendable, Equatable {
    /// The key a lesson writes.
    public let key: String
    /// The type, e.g. "list of numbers".
    public let typeName: String
    /// The allowed values, e.g. "from 0 to 10", or "".
    public let constraint: String
    /// The default, as a lesson would write it.
    public let defaultValue: String
    /// What the parameter controls.
    public let summary: String

    /// "list of numbers, 1 to 16 values, each from 0 to 10"
    public var typeDescription: String {
        constraint.isEmpty ? typeName : "\(typeName), \(constraint)"
    }

    /// What a value must be, for messages: "an integer (1 to 100000)".
    var expectation: String {
        let article = ["integer"].contains(typeName) ? "an "
            : ["number", "list of numbers", "list of integers", "list of texts"].contains(typeName) ? "a " : ""
        return article + typeName + (constraint.isEmpty ? "" : " (\(constraint))")
    }
}

/// Formats a parameter value the way a lesson would write it: `0.4`, `100`, `1e-05`.
func formatNumber(_ value: Double) -> String {
    if value.isNaN { return ".nan" }
    if value.isInfinite { return value > 0 ? ".inf" : "-.inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}
