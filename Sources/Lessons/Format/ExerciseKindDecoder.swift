import Yams

/// Reads the kind-specific keys of an exercise cell: answer, challenge or code.
struct ExerciseKindDecoder {
    let id: String
    let fields: [String: Node]
    var reader: FieldReader
    let catalog: ExperimentCatalog
    let position: SourcePosition

    private static let answerKeys: Set = ["answer", "compute", "tolerance", "relative", "choices", "withheld"]
    private static let challengeKeys: Set = ["experiment", "parameters", "ask", "expect", "reference"]

    private var source: YAMLSource { reader.yaml }

    private mutating func fail(at position: SourcePosition, _ message: String, hint: String? = nil) {
        reader.problems.append(Diagnostic(file: source.file, at: position, message, hint: hint))
    }

    mutating func kind() -> ExerciseCell.Kind? {
        let keys = Set(fields.keys)
        let kinds = [("answer", Self.answerKeys), ("challenge", Self.challengeKeys), ("code", ["function"])]
            .filter { !keys.isDisjoint(with: $0.1) }
        if kinds.count > 1 {
            fail(at: position, "exercise '\(id)' mixes keys of \(kinds.map(\.0).joined(separator: " and ")) exercises",
                hint: "An answer exercise has answer or compute; a challenge has experiment, ask and expect; a code exercise has function.")
            return nil
        }
        switch kinds.first?.0 {
        case "code": return code()
        case "challenge": return challenge()
        default: return answer()
        }
    }

    private mutating func code() -> ExerciseCell.Kind? {
        guard let node = fields["function"], let name = reader.text(node, "function") else { return nil }
        guard let exercise = catalog.codeExercise(named: name) else {
            let names = catalog.codeExercises.map { $0.id }
            let guess = Suggestions.didYouMean(name, in: names).map { "Unknown function: \($0)\n" } ?? ""
            reader.fail(node, "no code exercise '\(name)'", hint: guess + "The code exercises are: " + names.joined(separator: ", "))
            return nil
        }
        return .code(exercise)
    }

    private mutating func answer() -> ExerciseCell.Kind? {
        let choices = fields["choices"].flatMap { reader.texts($0, "choices") } ?? []
        if case .sequence(let items)? = fields["choices"], items.count == choices.count {
            // A choice written as another position's letter (`[b, a]`): a student typing `a` would be read
            // as naming the first choice, `b`.
            let lettered = AnswerSpec(expected: .withheld, choices: choices, tolerance: .absolute(0))
            for (index, (choice, item)) in zip(choices, items).enumerated() {
                guard let named = lettered.letterIndex(choice), named != index else { continue }
                reader.fail(item, "the choice '\(choice)' is also the letter of choice \(AnswerSpec.letters[named])) '\(choices[named])', so an answer '\(choice)' would be ambiguous",
                    hint: "Put letter-like choices at their own letter (a first, then b …), or write them as words.")
            }
        }
        var tolerance = AnswerSpec.Tolerance.absolute(0)
        if fields["tolerance"] != nil && fields["relative"] != nil {
            reader.fail(fields["relative"]!, "give 'tolerance' or 'relative', not both")
        }
        for key in ["tolerance", "relative"] {
            guard let node = fields[key] else { continue }
            guard let value = node.scalarText.flatMap(Double.init), value.isFinite, value >= 0 else {
                reader.fail(node, "'\(key)' must be a finite number from 0, not \(node.quoted)")
                continue
            }
            tolerance = key == "tolerance" ? .absolute(value) : .relative(value)
        }
        let expected: AnswerSpec.Expected
        if let node = fields["withheld"] {
            guard node.scalarText == "true" else {
                reader.fail(node, "'withheld' can only be true, not \(node.quoted)")
                return nil
            }
            guard fields["answer"] == nil, fields["compute"] == nil else {
                reader.fail(node, "an exercise with 'withheld: true' has no 'answer' or 'compute'")
                return nil
            }
            return .answer(AnswerSpec(expected: .withheld, choices: choices, tolerance: tolerance))
        }
        switch (fields["answer"], fields["compute"]) {
        case (nil, nil):
            fail(at: position, "exercise '\(id)' has no expected answer",
                hint: "Give 'answer: VALUE', or 'compute: {experiment: NAME, metric: NAME}' to compute it when checking.")
            return nil
        case (.some, .some):
            reader.fail(fields["compute"]!, "give 'answer' or 'compute', not both")
            return nil
        case (let node?, nil):
            guard let text = node.scalarText else {
                reader.fail(node, "'answer' must be a number or text, not \(node.quoted)")
                return nil
            }
            if !choices.isEmpty {
                if !choices.contains(text) {
                    reader.fail(node, "the answer '\(text)' is not one of the choices", hint: "Choices: " + choices.joined(separator: ", "))
                }
                expected = .text(text)
            } else if let number = Double(text), number.isFinite {
                expected = .number(number)
            } else {
                expected = .text(text)
            }
        case (nil, let node?):
            guard let computed = computed(node) else { return nil }
            if !choices.isEmpty { reader.fail(node, "a computed answer is a number; it can't have choices") }
            expected = .computed(computed)
        }
        if case .text = expected, fields["tolerance"] ?? fields["relative"] != nil {
            reader.fail((fields["tolerance"] ?? fields["relative"])!, "a tolerance only applies to a numeric answer")
        }
        return .answer(AnswerSpec(expected: expected, choices: choices, tolerance: tolerance))
    }

    private mutating func computed(_ node: Node) -> ComputedMetric? {
        guard case .mapping(let mapping) = node else {
            reader.fail(node, "'compute' must be a mapping such as {experiment: NAME, metric: NAME, parameters: {…}}")
            return nil
        }
        var name: String?, metric: String?, parameters: Node?
        for (key, value) in mapping {
            switch key.scalarText {
            case "experiment": name = reader.text(value, "experiment")
            case "metric": metric = reader.text(value, "metric")
            case "parameters": parameters = value
            default: reader.fail(key, "unknown key \(key.quoted) in 'compute'", hint: "It takes experiment, metric and parameters.")
            }
        }
        guard let name, let metric else {
            reader.fail(node, "'compute' needs both 'experiment' and 'metric'")
            return nil
        }
        guard let experiment = experiment(name, at: node), let decoded = decode(experiment, name, parameters) else { return nil }
        return ComputedMetric(experimentName: name, experiment: experiment, parameters: decoded, metric: metric)
    }

    private mutating func challenge() -> ExerciseCell.Kind? {
        guard let nameNode = fields["experiment"], let name = reader.text(nameNode, "experiment"),
              let experiment = experiment(name, at: nameNode) else {
            if fields["experiment"] == nil { fail(at: position, "challenge '\(id)' names no 'experiment'") }
            return nil
        }
        let parameterKeys = experiment.parameterDocs.map(\.key)
        var fixed: [(Node, Node)] = []
        if let node = fields["parameters"] {
            guard case .mapping(let mapping) = node else {
                reader.fail(node, "'parameters' must be a mapping of the experiment's parameters")
                return nil
            }
            fixed = mapping.map { ($0.key, $0.value) }
            _ = decode(experiment, name, node)
        }
        let ask = fields["ask"].flatMap { reader.texts($0, "ask") } ?? []
        if ask.isEmpty { fail(at: position, "challenge '\(id)' asks for no parameter", hint: "Add ask: [PARAMETER, …]: what the student chooses.") }
        for key in ask where !parameterKeys.contains(key) {
            reader.fail(fields["ask"]!, "'\(key)' is not a parameter of '\(name)'", hint: "Its parameters are: " + parameterKeys.joined(separator: ", "))
        }
        for key in ask where fixed.contains(where: { $0.0.scalarText == key }) {
            reader.fail(fields["ask"]!, "'\(key)' is both fixed in 'parameters' and asked for")
        }
        var claims: [Claim] = []
        if let node = fields["expect"] {
            do { claims = try LessonParser.claims(node, source) } catch let list as DiagnosticList {
                reader.problems += list.diagnostics
            } catch {}
        }
        if claims.isEmpty && fields["expect"] == nil {
            fail(at: position, "challenge '\(id)' has no claims to judge", hint: "Add expect: [CLAIM, …]: what the student's run must show.")
        }
        let reference = fields["reference"]
        if let reference {
            guard case .mapping(let mapping) = reference else {
                reader.fail(reference, "'reference' must be a mapping of the asked parameters")
                return nil
            }
            let given = mapping.compactMap { $0.key.scalarText }
            if Set(given) != Set(ask) {
                reader.fail(reference, "'reference' must give exactly the asked parameters: " + ask.joined(separator: ", "))
            }
            _ = decode(experiment, name, Node(fixed + mapping.map { ($0.key, $0.value) }))
        }
        return .challenge(ChallengeSpec(experimentName: name, experiment: experiment, fixed: fixed, ask: ask,
                                        claims: claims, reference: reference, source: source))
    }

    private mutating func experiment(_ name: String, at node: Node) -> (any Experiment.Type)? {
        if let experiment = catalog.experiment(named: name) { return experiment }
        let guess = Suggestions.didYouMean(name, in: catalog.names).map { "Unknown experiment: \($0)\n" } ?? ""
        reader.fail(node, "unknown experiment '\(name)'", hint: guess + "`learn experiments` lists them.")
        return nil
    }

    private mutating func decode(_ experiment: any Experiment.Type, _ name: String, _ node: Node?) -> (any ExperimentParameters)? {
        do {
            return try experiment.decodeParameters(CellBody(yaml: source, node: node, experiment: name))
        } catch let list as DiagnosticList {
            reader.problems += list.diagnostics
        } catch let diagnostic as Diagnostic {
            reader.problems.append(diagnostic)
        } catch {
            fail(at: position, "\(error)")
        }
        return nil
    }
}
