import Yams

extension ExerciseCell {
    /// Why `value`, typed as `learn answer`'s VALUE, can't be an answer to this exercise at all
    /// (`0,5` or `abc` for a number (``NumericAnswer`` reads the forms a number may take), `e` when there are four choices, a text for a challenge);
    /// nil when it has the right form, right or wrong. A refused value is never saved, so the
    /// student's earlier answer stays as it was.
    /// The message and hint are in `catalog`'s language: the student reads them.
    func refusal(of value: String, catalog: MessageCatalog = .english) -> Diagnostic? {
        let typed = value.trimmingCharacters()
        let node = try? Yams.compose(yaml: typed)
        let text = node?.scalarText?.trimmingCharacters() ?? (node == nil ? typed : nil)
        let quoted = "'" + Diagnostic.abbreviated(typed, limit: 60) + "'"
        let example = "learn answer LESSON \(id) VALUE"
        func refuse(_ message: Phrase, hint: Phrase) -> Diagnostic {
            Diagnostic(catalog.text(message), hint: catalog.text(hint))
        }
        switch kind {
        case .code:
            return nil
        case .answer(let spec):
            guard let text else {
                return refuse("\(quoted) is a list or mapping, but '\(id)' asks for a single value", hint: "Give one value: \(example)")
            }
            if !spec.choices.isEmpty {
                let letters = AnswerSpec.letters.prefix(spec.choices.count)
                if spec.choiceIndex(text) != nil { return nil }
                let list = zip(letters, spec.choices).map { "\($0)) \($1)" }.joined(separator: "\n")
                return refuse("\(quoted) is not one of the choices of '\(id)'", hint: "Answer with a letter or a choice's text:\n\(list)")
            }
            if case .text = spec.expected { return nil }
            switch NumericAnswer.value(of: text) {
            case .success: return nil
            case .failure(let problem):
                return refuse("\(quoted) is not a number, and '\(id)' asks for one: \(problem.reasonPhrase)", hint: problem.hintPhrase)
            }
        case .challenge(let spec):
            let example = "{" + spec.ask.map { "\($0): …" }.joined(separator: ", ") + "}"
            let asked = spec.ask.joined(separator: ", ")
            guard case .mapping(let mapping)? = node else {
                return refuse("\(quoted) is not a mapping of parameters, and '\(id)' asks for \(asked)",
                              hint: "Give them as a mapping, in quotes on the command line: '\(example)'")
            }
            if let extra = mapping.compactMap(\.key.scalarText).first(where: { !spec.ask.contains($0) }) {
                return refuse("'\(extra)' is not a parameter '\(id)' lets you choose", hint: "It asks for: \(asked), e.g. '\(example)'")
            }
            return nil
        }
    }
}
