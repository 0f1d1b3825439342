import Yams

/// Whether a translation (`lessons/zh/lesson-03-x.md`) runs exactly what its English lesson runs.
///
/// Both editions must have the same cells in the same order: experiment cells byte for byte (kind,
/// label, parameters, claims), exercise cells with the same id, kind, answer, tolerance, experiment,
/// parameters and reference, and the same `minutes`, `requires` and `seed`. What may differ is the
/// words: prose, titles, an exercise's question, its choices' text (not their number, nor which is
/// the answer), its hints' text (not their number) and its solution. So a student's results, claims
/// and checks are the same in either edition, and answers and progress can be shared.
///
/// The translation records the SHA-256 of the English file it was made from (`translated_from`); a
/// different hash today means the English changed since, which is a warning: the words may have
/// drifted even where the cells still agree.
public enum TranslationCheck {
    /// The keys of an exercise whose text is translated; every other key must be the same.
    static let translatedKeys: Set<String> = ["question", "choices", "hints", "solution"]

    /// Every way `translation` differs from `original` in what it runs, and the hash warning.
    /// `originalBytes` are the English file's bytes, as hashed.
    public static func problems(original: Lesson, originalBytes: [UInt8], translation: Lesson) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let file = translation.file
        func error(_ at: SourcePosition?, _ message: String, _ hint: String) {
            problems.append(Diagnostic(file: file, at: at, message, hint: hint))
        }
        let hash = SHA256.hex(originalBytes)
        if let recorded = translation.metadata.translatedFrom {
            if recorded != hash {
                problems.append(Diagnostic(.warning, file: file, at: translation.metadata.translatedFromPosition,
                    "\(original.file) has changed since this translation was made from it",
                    hint: "Bring the translation up to date (git diff shows what changed in the English), then set translated_from: \(hash)"))
            }
        } else {
            problems.append(Diagnostic(.warning, file: file, at: .start,
                "the translation does not say which version of \(original.file) it was made from",
                hint: "Add to its front matter: translated_from: \(hash)"))
        }
        let (a, b) = (original.metadata, translation.metadata)
        if a.minutes != b.minutes || a.requires != b.requires || a.seed != b.seed || a.format != b.format {
            error(.start, "the front matter's minutes, requires, seed or format differ from \(original.file)'s",
                  "A translation changes only the title and summary.")
        }
        let english = runnableCells(original), translated = runnableCells(translation)
        for (index, pair) in zip(english, translated).enumerated() {
            if let difference = difference(pair.0, pair.1) {
                error(pair.1.position, "cell \(index + 1) differs from \(original.file)'s (line \(pair.0.position.line)): \(difference)",
                      "Copy the cell from the English lesson and translate only the question, choices, hints and solution.")
            }
        }
        if english.count != translated.count {
            let extra = translated.dropFirst(english.count).first
            error(extra?.position ?? .start,
                  "the translation has \(translated.count) experiment and exercise cells; \(original.file) has \(english.count)",
                  "Translate every cell of the English lesson, in its order, and add none.")
        }
        return problems
    }

    /// A cell that runs or checks something.
    enum RunnableCell {
        case experiment(ExperimentCell)
        case exercise(ExerciseCell)

        var position: SourcePosition {
            switch self {
            case .experiment(let cell): cell.position
            case .exercise(let cell): cell.position
            }
        }
    }

    static func runnableCells(_ lesson: Lesson) -> [RunnableCell] {
        lesson.cells.compactMap { cell in
            switch cell {
            case .experiment(let experiment): .experiment(experiment)
            case .exercise(let exercise): .exercise(exercise)
            case .markdown: nil
            }
        }
    }

    /// What differs between two cells, nil when they run and check the same.
    static func difference(_ english: RunnableCell, _ translated: RunnableCell) -> String? {
        switch (english, translated) {
        case (.experiment(let a), .experiment(let b)):
            if a.name != b.name || a.label != b.label { return "the experiment is '\(b.name)', not '\(a.name)'" }
            return a.source == b.source ? nil : "its parameters or claims are not the same text"
        case (.exercise(let a), .exercise(let b)):
            if a.id != b.id { return "the exercise is '\(b.id)', not '\(a.id)'" }
            let (left, right) = (canonicalFields(a), canonicalFields(b))
            for key in Set(left.keys).union(right.keys).sorted() where left[key] != right[key] {
                return "its '\(key)' differs"
            }
            return nil
        case (.experiment(let a), .exercise(let b)): return "it is the exercise '\(b.id)', where the English has the experiment '\(a.name)'"
        case (.exercise(let a), .experiment(let b)): return "it is the experiment '\(b.name)', where the English has the exercise '\(a.id)'"
        }
    }

    /// An exercise's fields as comparable text: every key but the translated ones as written (in a
    /// canonical form), the number of choices and hints, whether there is a solution, and for a
    /// multiple-choice question which choice is the answer.
    static func canonicalFields(_ exercise: ExerciseCell) -> [String: String] {
        var fields: [String: String] = [
            "hints (their number)": String(exercise.hints.count),
            "solution (whether there is one)": String(exercise.solution != nil),
            "choices (their number)": String(exercise.choices.count),
        ]
        guard let node = try? exercise.body?.compose(), case .mapping(let mapping) = node else { return fields }
        for (key, value) in mapping {
            let name = key.scalarText ?? canonical(key)
            if translatedKeys.contains(name) { continue }
            if name == "answer", !exercise.choices.isEmpty, let text = value.scalarText {
                fields["answer (which choice)"] = exercise.choices.firstIndex(of: text).map(String.init) ?? "none"
            } else {
                fields[name] = canonical(value)
            }
        }
        return fields
    }

    /// A node as text that ignores how it is written (flow or block style, quoting).
    static func canonical(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "\"" + scalar.string + "\""
        case .sequence(let sequence): return "[" + sequence.map(canonical).joined(separator: ", ") + "]"
        case .mapping(let mapping): return "{" + mapping.map { canonical($0.key) + ": " + canonical($0.value) }.joined(separator: ", ") + "}"
        case .alias: return "*"
        }
    }
}
