import Foundation

/// `learn new "Title"`: the next lesson file, with front matter, prose to replace, one experiment
/// with a claim and one exercise, which lints and tests clean as it is.
public enum LessonScaffold {
    /// The file name and text of the lesson after the last one in `library`.
    public static func make(title: String, library: LessonLibrary) throws -> (path: String, text: String) {
        let title = title.trimmingCharacters()
        guard !title.isEmpty, !title.contains("\n") else {
            throw Diagnostic("a lesson needs a one-line title", hint: "For example: learn new \"Learning-rate warmup\"")
        }
        let number = (library.entries.map(\.id.number).max() ?? 0) + 1
        let digits = number < 10 ? "0\(number)" : "\(number)"
        let slug = slug(title)
        let path = (library.folder as NSString).appendingPathComponent("lesson-\(digits)\(slug.isEmpty ? "" : "-" + slug).md")
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Diagnostic(file: path, "this lesson file already exists", hint: "Choose another title, or edit the file.")
        }
        let previous = library.entries.last.map { "requires: [\($0.id)]\n" } ?? ""
        let yamlTitle = "\"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        let text = """
            ---
            title: \(yamlTitle)
            summary: One or two sentences on what this lesson teaches.
            minutes: 15
            \(previous)seed: \(number)
            ---

            Say what the student will learn and why it matters. Prose is CommonMark; formulas are plain
            Unicode, such as θ ← θ − η∇L.

            ## A first experiment

            An experiment runs live below its cell. `learn experiments` lists every kind with its
            parameters; `expect` states what the prose claims the result shows, and is checked on every run.

            ```experiment momentum-ravine
            learning_rates: [0.4, 0.6]
            momentums: [0]
            expect:
              - sgd_lr0.4.converged
              - sgd_lr0.6.diverged
            ```

            Explain what the numbers above show.

            ```exercise first-question
            question: "Above which learning rate does plain gradient descent diverge on the ravine 0.1x² + 2y²?"
            answer: 0.5
            tolerance: 0.01
            hints:
              - "Across the ravine, y is multiplied by 1 − 4η every step."
            solution: "|1 − 4η| < 1 means η < 0.5."
            ```

            ## Summary

            - What to remember, in a few lines.

            """
        return (path, text)
    }

    /// "Learning-rate warmup!" → "learning-rate-warmup".
    static func slug(_ title: String) -> String {
        var slug = ""
        for scalar in title.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return String(slug.prefix(48))
    }
}
