import Foundation

/// `learn new "Title"`: the next lesson file, with front matter, prose to replace, one experiment
/// with a claim and one exercise, which lints and tests clean as it is.
public enum LessonScaffold {
    /// Creates the next lesson in `folder` (and the folder, if missing), after checking it with
    /// `linter` exactly as `learn lint` would: a lesson that wouldn't lint clean is never written.
    /// `slug` names the file (`lesson-NN-slug.md`); nil makes it from the title. Returns its path.
    public static func create(title: String, slug: String? = nil, folder: String, linter: LessonLinter) throws -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Diagnostic(file: folder, "cannot create this lessons folder", hint: "Check that you may write to the folder above it.")
            }
        }
        let library = try LessonLibrary(folder: folder)
        let (path, text) = try make(title: title, slug: slug, library: library)
        // Linted under its own name (the name gives the id) in a folder of its own, then written.
        let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent("learn-new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let candidate = (scratch as NSString).appendingPathComponent((path as NSString).lastPathComponent)
        try AtomicFile.write(text, to: candidate)
        let problems = linter.lint([candidate], library: library)
        if let problem = problems.first {
            throw Diagnostic("the new lesson would not pass `learn lint`, so it was not written: \(problem.message)",
                hint: "Try another title. If it happens again, please report it with the title you gave.")
        }
        try AtomicFile.write(text, to: path)
        return path
    }

    /// The file name and text of the lesson after the last one in `library`, named by `slug`, or by the title
    /// when `slug` is nil.
    public static func make(title: String, slug: String? = nil, library: LessonLibrary) throws -> (path: String, text: String) {
        let title = title.trimmingCharacters()
        guard !title.isEmpty, !title.contains(where: \.isNewline) else {
            throw Diagnostic("a lesson needs a one-line title", hint: "For example: learn new \"Learning-rate warmup\"")
        }
        if let control = title.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw Diagnostic("a lesson title can't contain control characters, such as U+\(String(control.value, radix: 16, uppercase: true))",
                hint: "Type the title as plain text.")
        }
        let largest = library.entries.map(\.id.number).max() ?? 0
        guard largest < LessonID.largestNumber else {
            throw Diagnostic("the lessons already go up to lesson-\(largest), the largest number a lesson can have",
                hint: "Renumber the lessons, or start a new lessons folder.")
        }
        let number = largest + 1
        let digits = number < 10 ? "0\(number)" : "\(number)"
        let slug = try fileSlug(title: title, given: slug)
        let path = (library.folder as NSString).appendingPathComponent("lesson-\(digits)-\(slug).md")
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

    /// The slug of the new file: `given`, checked, or else made from a title that has Latin letters. A title
    /// without any ("中文标题", "!!!") needs one given: a transliteration (pinyin without tones) would be a guess,
    /// and a translated edition keeps the English file names.
    static func fileSlug(title: String, given: String?) throws -> String {
        if let given {
            guard isValidSlug(given) else {
                throw Diagnostic("'\(given)' can't be a lesson's slug: use lowercase ASCII letters, digits and single hyphens, "
                    + "with at least one letter, up to \(slugLimit) characters",
                    hint: "For example: --slug warmup, or --slug learning-rate-warmup")
            }
            return given
        }
        let hasLatinLetter = title.unicodeScalars.contains { $0.properties.isAlphabetic && isLatin($0) }
        let made = slug(title)
        guard hasLatinLetter, !made.isEmpty else {
            throw Diagnostic("the title \"\(title)\" has no Latin letters to name the lesson's file after",
                hint: "Give the file name's slug with --slug: learn new \"\(title)\" --slug warmup "
                    + "(lowercase ASCII letters, digits and hyphens; the file is lesson-NN-warmup.md).")
        }
        return made
    }

    /// The longest slug `--slug` accepts, as long as the ones made from titles.
    static let slugLimit = 48

    /// Lowercase ASCII letters, digits and single hyphens inside, with a letter (so it is never read as a number).
    static func isValidSlug(_ slug: String) -> Bool {
        let parts = slug.split(separator: "-", omittingEmptySubsequences: false)
        return slug.count <= slugLimit && slug.contains(where: { ("a"..."z").contains($0) })
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) } }
    }

    /// Basic Latin, Latin-1, Latin Extended-A and -B, IPA, Latin Extended Additional, and full-width Latin letters.
    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x2AF, 0x1E00...0x1EFF, 0xFF21...0xFF3A, 0xFF41...0xFF5A: return true
        default: return false
        }
    }

    /// "Learning-rate warmup!" → "learning-rate-warmup"; "Café: ünïcode" → "cafe-unicode" (letters
    /// are transliterated to ASCII, not dropped).
    static func slug(_ title: String) -> String {
        Course.slug(title)
    }
}
