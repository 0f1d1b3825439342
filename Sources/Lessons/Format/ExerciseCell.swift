import Yams

/// A fenced block ```` ```exercise ID ```` : a question for the student.
///
/// Format version 1 reads these keys; checking answers is done by `learn check`.
public struct ExerciseCell: Sendable, Equatable {
    /// The expected answer, when the exercise has a fixed one.
    public enum Answer: Sendable, Equatable {
        /// A number, right within `tolerance` (absolute).
        case number(Double, tolerance: Double)
        /// A piece of text (or one of `choices`).
        case text(String)
    }

    /// The id, unique within the lesson (lowercase letters, digits and hyphens).
    public let id: String
    /// The question.
    public let question: String
    /// The options to choose from, if it is a multiple-choice question.
    public let choices: [String]
    /// The expected answer, if given.
    public let answer: Answer?
    /// Hints, shown one at a time.
    public let hints: [String]
    /// A worked solution.
    public let solution: String?
    /// Where the cell's fence starts.
    public let position: SourcePosition

    static let keys: [(key: String, type: String)] = [
        ("question", "text, required"), ("choices", "list of texts"), ("answer", "a number or text"),
        ("tolerance", "number from 0, for a numeric answer"), ("hints", "list of texts"), ("solution", "text"),
    ]

    static var keysHint: String {
        let width = keys.map(\.key.count).max() ?? 0
        return "Exercise keys:\n" + keys.map {
            "  " + $0.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.type
        }.joined(separator: "\n")
    }

    /// Whether `id` is a valid exercise id.
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Reads and checks an exercise cell's body.
    static func decode(id: String, body: YAMLSource, position: SourcePosition) throws -> ExerciseCell {
        guard let node = try body.compose(), case .mapping(let mapping) = node else {
            throw Diagnostic(file: body.file, at: position, "exercise '\(id)' has no question",
                hint: "Give it a body such as:\nquestion: \"What is the loss of a uniform guess over 10 classes?\"")
        }
        var reader = FieldReader(yaml: body)
        var question: String?, choices: [String] = [], hints: [String] = [], solution: String?
        var answerNode: Node?, toleranceNode: Node?
        for (keyNode, value) in mapping {
            let key = keyNode.scalarText ?? keyNode.quoted
            switch key {
            case "question": question = reader.text(value, key)
            case "choices": choices = reader.texts(value, key) ?? []
            case "hints": hints = reader.texts(value, key) ?? []
            case "solution": solution = reader.text(value, key)
            case "answer": answerNode = value
            case "tolerance": toleranceNode = value
            default:
                let suggestion = Suggestions.didYouMean(key, in: keys.map(\.key)).map { "Unknown key: \($0)\n" } ?? ""
                reader.fail(keyNode, "unknown key '\(key)' in exercise '\(id)'", hint: suggestion + keysHint)
            }
        }
        if question?.trimmingCharacters().isEmpty ?? true, reader.problems.isEmpty {
            reader.problems.append(Diagnostic(file: body.file, at: position, "exercise '\(id)' has no question",
                hint: "Add a line: question: \"…\""))
        }
        let answer = readAnswer(answerNode, tolerance: toleranceNode, choices: choices, reader: &reader)
        if !reader.problems.isEmpty { throw DiagnosticList(reader.problems) }
        return ExerciseCell(id: id, question: question ?? "", choices: choices, answer: answer,
                            hints: hints, solution: solution, position: position)
    }

    private static func readAnswer(
        _ node: Node?, tolerance: Node?, choices: [String], reader: inout FieldReader
    ) -> Answer? {
        guard let node else {
            if let tolerance { reader.fail(tolerance, "'tolerance' is given without an 'answer'") }
            return nil
        }
        guard let text = node.scalarText else {
            reader.fail(node, "'answer' must be a number or text, not \(node.quoted)")
            return nil
        }
        if !choices.isEmpty {
            if !choices.contains(text) {
                reader.fail(node, "the answer '\(text)' is not one of the choices",
                    hint: "Choices: " + choices.joined(separator: ", "))
            }
            return .text(text)
        }
        if let number = Double(text), number.isFinite {
            var bound = 0.0
            if let tolerance {
                if let value = tolerance.scalarText.flatMap(Double.init), value.isFinite, value >= 0 {
                    bound = value
                } else {
                    reader.fail(tolerance, "'tolerance' must be a finite number from 0, not \(tolerance.quoted)")
                }
            }
            return .number(number, tolerance: bound)
        }
        if let tolerance { reader.fail(tolerance, "'tolerance' only applies to a numeric answer") }
        return .text(text)
    }
}
