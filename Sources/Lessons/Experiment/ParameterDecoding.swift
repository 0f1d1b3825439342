import TextPlot
import Yams

/// The YAML body of a cell and where it sits in the lesson file.
struct CellBody {
    var yaml: YAMLSource
    /// The parameters' YAML, already composed (cell keys such as `expect` removed); nil when empty.
    var node: Node?
    /// The name of the experiment, for messages.
    var experiment: String
}

/// Decodes a cell's YAML into an experiment's parameter type, with every problem placed in the file.
enum ParameterDecoding {
    /// Decodes `body` into `P`, or throws a `DiagnosticList` naming every bad key and value.
    static func decode<P: ExperimentParameters>(_: P.Type, from body: CellBody) throws -> P {
        let source = body.yaml
        guard let node = body.node else {
            let defaults = P()
            try checkBudget(defaults, at: source.position(nil), body)
            return defaults
        }
        guard case .mapping(let mapping) = node else {
            throw Diagnostic(file: source.file, at: source.position(node.mark),
                "the body of an experiment cell must be a mapping of parameters, not \(node.quoted)",
                hint: validKeys(P.self, experiment: body.experiment))
        }
        let keys = P.parameters.map(\.key) + ["expect"]
        var problems: [Diagnostic] = []
        // Decoding each pair alone lets one run report every bad key, not only the first.
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalarText, keys.contains(key) else {
                let name = keyNode.scalarText ?? keyNode.quoted
                var hint = Suggestions.didYouMeanLine(name, in: keys)
                hint += validKeys(P.self, experiment: body.experiment)
                problems.append(Diagnostic(file: source.file, at: source.position(keyNode.mark),
                    "unknown parameter '\(name)' for experiment '\(body.experiment)'", hint: hint))
                continue
            }
            do {
                _ = try YAMLDecoder().decode(P.self, from: Node([(keyNode, value)]))
            } catch {
                problems.append(diagnostic(for: error, key: key, value: value, P.self, body))
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        let parameters = try YAMLDecoder().decode(P.self, from: node)
        try checkBudget(parameters, at: source.position(node.mark), body)
        return parameters
    }

    /// Refuses parameters that conflict, or whose total work is over the experiment's budget, before
    /// anything runs.
    static func checkBudget<P: ExperimentParameters>(_ parameters: P, at position: SourcePosition, _ body: CellBody) throws {
        if let conflict = parameters.conflict {
            throw Diagnostic(file: body.yaml.file, at: position, "these parameters of '\(body.experiment)' don't go together: \(conflict)",
                hint: "`learn experiments` describes every parameter.")
        }
        guard let budget = parameters.budget, !(budget.work <= budget.limit) else { return }
        let number = { (value: Double) in NumberFormat.scientific(1).format(value) }
        throw Diagnostic(file: body.yaml.file, at: position,
            "this cell asks for \(number(budget.work)) \(budget.unit), over the limit of \(number(budget.limit)) for '\(body.experiment)'",
            hint: "Ask for less: \(budget.advice).")
    }

    private static func diagnostic<P: ExperimentParameters>(
        for error: Error, key: String, value: Node, _: P.Type, _ body: CellBody
    ) -> Diagnostic {
        let source = body.yaml
        let parameter = P.parameters.first { $0.key == key }
        let expected = parameter.map { $0.doc(P()).expectation } ?? "a value"
        let hint = validKeys(P.self, experiment: body.experiment)
        func element(_ index: Int?) -> (Node, String) {
            if let index, case .sequence(let list) = value, index < list.count {
                return (list[index], "element \(index + 1) of '\(key)'")
            }
            return (value, "'\(key)'")
        }
        switch error {
        case let problem as ParameterProblem:
            let (node, name) = element(problem.element)
            return Diagnostic(file: source.file, at: source.position(node.mark), "\(name) \(problem.message)", hint: hint)
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let index = context.codingPath.dropFirst().first?.intValue
            let (node, name) = element(index)
            let what = index == nil ? expected : parameter.map { elementKind($0.typeName) } ?? "a value"
            let got = node.scalarText.map { $0.isEmpty || $0 == "~" || $0 == "null" ? "nothing" : "'\($0)'" } ?? node.quoted
            return Diagnostic(file: source.file, at: source.position(node.mark),
                "\(name) must be \(what), not \(got)", hint: hint)
        default:
            return Diagnostic(file: source.file, at: source.position(value.mark),
                "'\(key)' could not be read: \(error)", hint: hint)
        }
    }

    /// What one element of a list parameter must be.
    private static func elementKind(_ typeName: String) -> String {
        switch typeName {
        case "list of integers": return "an integer"
        case "list of texts": return "text"
        default: return "a number"
        }
    }

    /// "Parameters of momentum-ravine:" and one line per parameter with its type and default.
    static func validKeys<P: ExperimentParameters>(_: P.Type, experiment: String) -> String {
        let docs = P.parameters.map { $0.doc(P()) }
        guard !docs.isEmpty else { return "Experiment '\(experiment)' takes no parameters; leave its cell empty." }
        let width = docs.map(\.key.count).max() ?? 0
        let lines = docs.map { doc in
            doc.key.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  \(doc.typeDescription) (default \(doc.defaultValue))"
        }
        let expect = "expect".padding(toLength: width, withPad: " ", startingAt: 0)
            + "  list of claims about the results, e.g. [\"sgd_lr0.6.diverged\"]"
        return "Parameters of '\(experiment)':\n" + (lines + [expect]).map { "  " + $0 }.joined(separator: "\n")
    }
}
