import TextPlot
import Yams

/// A fenced block ```` ```exercise ID ````: a question the student answers and `learn check` checks.
///
/// Three kinds (format version 1):
/// - **answer**: a number (within a tolerance), one of several choices, or a short text. The
///   expected value is written in the lesson (`answer:`) or computed by running an experiment at
///   check time (`compute:`), so the lesson need not print it.
/// - **challenge**: the student picks some of an experiment's parameters (`ask:`); the checker
///   runs the experiment with them and judges the exercise's claims (`expect:`).
/// - **code**: a Swift function the student writes in `Sources/Exercises` (`function:`), compared
///   with a reference in a child process.
public struct ExerciseCell: @unchecked Sendable {
    /// What kind of answer the exercise wants.
    public enum Kind {
        case answer(AnswerSpec)
        case challenge(ChallengeSpec)
        case code(any CodeExercise.Type)
    }

    /// The id, unique within the lesson (lowercase letters, digits and hyphens).
    public let id: String
    /// The question.
    public let question: String
    /// Hints, shown one at a time by `learn hint`.
    public let hints: [String]
    /// A worked solution, shown by `learn solution` once the exercise is passed.
    public let solution: String?
    /// The kind and what checking it needs.
    public internal(set) var kind: Kind
    /// The experiment cell the exercise mirrors (`cell:`), whose seed its run uses, so that its
    /// verdict agrees with the table that cell printed; nil for an exercise that mirrors none.
    public internal(set) var cell: CellReference?
    /// Where the cell's fence starts.
    public let position: SourcePosition
    /// The body's YAML and where it sits, for exporting the lesson.
    var body: YAMLSource? = nil

    /// The options of a multiple-choice question (empty otherwise).
    public var choices: [String] {
        if case .answer(let spec) = kind { return spec.choices }
        return []
    }

    /// Makes a multiple-choice question also accept its choices as `lists` give them (the same
    /// choices in other editions, in the same order).
    mutating func acceptChoices(of lists: [[String]]) {
        guard case .answer(var spec) = kind else { return }
        spec.otherChoices = lists
        kind = .answer(spec)
    }

    /// Whether the student answers in the answers file (code exercises are answered in Swift).
    public var needsAnswerEntry: Bool {
        if case .code = kind { return false }
        return true
    }

    static let keys: [(key: String, type: String)] = [
        ("question", "text, required"), ("hints", "list of texts"), ("solution", "text"),
        ("answer", "the expected number or text (answer exercises)"),
        ("compute", "{experiment: NAME, metric: NAME, parameters: {…}}: the expected number, computed"),
        ("tolerance", "number from 0: accepted within ± this (numeric answers)"),
        ("relative", "number from 0: accepted within ± this fraction of the expected value"),
        ("choices", "list of texts: makes it a multiple-choice question"),
        ("experiment", "NAME: the experiment a challenge runs"),
        ("parameters", "mapping: the challenge's fixed parameters"),
        ("ask", "list of parameter names the student gives (challenges)"),
        ("expect", "list of claims the student's run must satisfy (challenges)"),
        ("reference", "mapping: a passing answer to the challenge, checked by the test suite"),
        ("cell", "LABEL or \"#N\": the experiment cell a challenge or computed answer mirrors; it runs with that cell's seed"),
        ("function", "the id of a code exercise in Sources/Exercises"),
        ("withheld", "true: the answer was left out of this exported lesson (written by learn run --format markdown)"),
    ]

    static var keysHint: String { FieldReader.keyList("Exercise keys:", keys) }

    /// Whether `id` is a valid exercise id.
    static func isValidID(_ id: String) -> Bool {
        // Not starting with '-': `learn answer 3 -x 10` would read the id as an option.
        !id.isEmpty && !id.hasPrefix("-") && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Reads and checks an exercise cell's body.
    static func decode(id: String, body: YAMLSource, position: SourcePosition, catalog: ExperimentCatalog) throws -> ExerciseCell {
        guard let node = try body.compose(), case .mapping(let mapping) = node else {
            throw Diagnostic(file: body.file, at: position, "exercise '\(id)' has no question",
                hint: "Give it a body such as:\nquestion: \"What is the loss of a uniform guess over 10 classes?\"\nanswer: 2.303\ntolerance: 0.001")
        }
        var reader = FieldReader(yaml: body)
        var fields: [String: Node] = [:]
        var question: String?, hints: [String] = [], solution: String?, cell: CellReference?
        for (keyNode, value) in mapping {
            let key = keyNode.scalarText ?? keyNode.quoted
            switch key {
            case "question": question = reader.text(value, key)
            case "hints": hints = reader.texts(value, key) ?? []
            case "solution": solution = reader.text(value, key)
            case "cell":
                if let name = reader.text(value, key) { cell = CellReference(name: name, position: body.position(value.mark)) }
            case _ where keys.contains(where: { $0.key == key }): fields[key] = value
            default:
                let suggestion = Suggestions.didYouMean(key, in: keys.map(\.key)).map { "Unknown key: \($0)\n" } ?? ""
                reader.fail(keyNode, "unknown key '\(key)' in exercise '\(id)'", hint: suggestion + keysHint)
            }
        }
        if question?.trimmingCharacters().isEmpty ?? true, reader.problems.isEmpty {
            reader.problems.append(Diagnostic(file: body.file, at: position, "exercise '\(id)' has no question",
                hint: "Add a line: question: \"…\""))
        }
        var decoder = ExerciseKindDecoder(id: id, fields: fields, reader: reader, catalog: catalog, position: position)
        let kind = decoder.kind()
        reader = decoder.reader
        if let cell, let kind, kind.experimentName == nil {
            reader.problems.append(Diagnostic(file: body.file, at: cell.position,
                "exercise '\(id)' runs no experiment, so it has no cell to mirror",
                hint: "'cell' belongs to a challenge or a computed answer (compute:); remove it here."))
        }
        if !reader.problems.isEmpty { throw DiagnosticList(reader.problems) }
        guard let kind else { throw DiagnosticList([Diagnostic(file: body.file, at: position, "exercise '\(id)' cannot be read")]) }
        return ExerciseCell(id: id, question: question ?? "", hints: hints, solution: solution, kind: kind, cell: cell,
                            position: position, body: body)
    }
}

/// An exercise's `cell:`: the experiment cell it mirrors, by label or as `#N` (1-based), and the
/// cell's index once the lesson has been read.
public struct CellReference: Sendable {
    /// The reference as written.
    public let name: String
    /// Where it is written.
    public let position: SourcePosition
    /// The cell's 0-based index among the lesson's experiment cells, set when the lesson is parsed.
    public internal(set) var index: Int?

    /// The experiment cell of `cells` that `name` refers to: the one with that label, else `#N`
    /// (or a bare `N`) by position.
    func resolve(in cells: [ExperimentCell]) -> ExperimentCell? {
        if let labelled = cells.first(where: { $0.label == name }) { return labelled }
        let number = name.hasPrefix("#") ? String(name.dropFirst()) : name
        guard let position = Int(number), (1...cells.count).contains(position) else { return nil }
        return cells[position - 1]
    }
}

extension ExerciseCell.Kind {
    /// The experiment a challenge or computed answer runs; nil for the others.
    var experimentName: String? {
        switch self {
        case .challenge(let spec): spec.experimentName
        case .answer(let spec): if case .computed(let computed) = spec.expected { computed.experimentName } else { nil }
        case .code: nil
        }
    }
}

/// An answer exercise: the expected value and how close an answer must be.
public struct AnswerSpec: @unchecked Sendable {
    /// Where the expected value comes from.
    public enum Expected {
        case number(Double)
        case text(String)
        /// A metric of an experiment run at check time.
        case computed(ComputedMetric)
        /// Left out of an exported lesson (`withheld: true`), so that a shared export doesn't give it away.
        case withheld
    }

    /// What checking a withheld answer says.
    static let withheldNote: Phrase = "this export leaves the answer out; check your answer with the course's own lesson"

    /// How far a numeric answer may be from the expected one.
    public enum Tolerance: Equatable, Sendable {
        case absolute(Double)
        case relative(Double)
    }

    /// The expected value.
    public let expected: Expected
    /// The options, for a multiple-choice question.
    public let choices: [String]
    /// The accepted distance for numbers.
    public let tolerance: Tolerance
    /// The same choices in the course's other editions, in the same order (`lessons/zh/` for an
    /// English lesson, the English for a translation): an answer may be written in any of them, since
    /// answers are shared between editions.
    public internal(set) var otherChoices: [[String]] = []

    init(expected: Expected, choices: [String], tolerance: Tolerance) {
        self.expected = expected
        self.choices = choices
        self.tolerance = tolerance
    }
}

extension AnswerSpec {
    /// The letters that name the choices, `a` for the first.
    static let letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)

    /// The choice a letter answer names, written as `b`, `B`, `b)`, `(b)` or `b.` (full-width forms
    /// such as `Ｂ` or `（b）` too); nil for any other text.
    func choice(lettered answer: String) -> String? {
        letterIndex(answer).map { choices[$0] }
    }

    /// The index of the choice a letter answer names, nil for any other text.
    func letterIndex(_ answer: String) -> Int? {
        var letter = Substring(FullWidth.folded(answer).trimmingCharacters().lowercased())
        if letter.hasPrefix("("), letter.hasSuffix(")") { letter = letter.dropFirst().dropLast() }
        else if letter.hasSuffix(")") || letter.hasSuffix(".") { letter = letter.dropLast() }
        guard let index = Self.letters.firstIndex(of: String(letter)), index < choices.count else { return nil }
        return index
    }

    /// The index of the choice `answer` names: by its letter, or by its text in this edition or
    /// another (compared without regard to case or repeated spaces); nil when it names none.
    func choiceIndex(_ answer: String) -> Int? {
        if let index = letterIndex(answer) { return index }
        let given = Self.normalized(answer)
        for list in [choices] + otherChoices {
            if let index = list.firstIndex(where: { Self.normalized($0) == given }), index < choices.count { return index }
        }
        return nil
    }

    /// Text as answers compare it: lowercased, full-width forms folded, spaces collapsed.
    static func normalized(_ text: String) -> String {
        FullWidth.folded(text).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// "The value of metric M when experiment E runs with parameters P."
public struct ComputedMetric: @unchecked Sendable {
    /// The experiment's name.
    public let experimentName: String
    let experiment: any Experiment.Type
    let parameters: any ExperimentParameters
    /// The metric to read.
    public let metric: String
}

/// A challenge: parameters the student chooses, claims the run must satisfy.
public struct ChallengeSpec: @unchecked Sendable {
    /// The experiment's name.
    public let experimentName: String
    let experiment: any Experiment.Type
    /// Parameters the exercise fixes (the student's are added to these).
    let fixed: [(Node, Node)]
    /// The parameters the student gives.
    public let ask: [String]
    /// What the run must show.
    public let claims: [Claim]
    /// A passing answer, for the authoring check.
    let reference: Node?
    /// Where the YAML sits, for messages.
    let source: YAMLSource
}

extension ExerciseCell {
    /// The commented blank an answers file starts with for this exercise.
    func answerTemplate(catalog: ExperimentCatalog) -> String {
        var lines = TextWrap.lines("\(id): \(question)", width: 76).map { "# " + $0 }
        switch kind {
        case .answer(let spec):
            if !spec.choices.isEmpty {
                lines.append("#   one of: " + spec.choices.joined(separator: " | "))
            } else if case .text = spec.expected {
                lines.append("#   a short text")
            } else {
                lines.append("#   a number")
            }
            lines.append("\(id):")
        case .challenge(let spec):
            let docs = spec.experiment.parameterDocs
            lines.append("#   give these parameters of '\(spec.experimentName)':")
            for key in spec.ask {
                let type = docs.first { $0.key == key }?.typeDescription ?? ""
                lines.append("#     \(key): \(type)")
            }
            lines.append("\(id):")
            lines += spec.ask.map { "  \($0):" }
        case .code:
            return ""
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
