import TextPlot

/// Where a student stands in one lesson, from the course's progress.
public struct LessonStanding: Sendable, Equatable {
    /// What the lesson's progress amounts to.
    public enum State: Sendable, Equatable {
        /// Every exercise passed its latest check, or (without exercises) the lesson ran.
        case done
        /// Every exercise passed once, but some answer checked since then failed: the earlier
        /// pass is kept, and shown.
        case passedBefore
        /// Run, or some exercises passed, but not all of them yet.
        case started
        /// Nothing yet.
        case notStarted
    }

    /// The lesson's id.
    public let id: String
    /// Its exercises' count.
    public let exercises: Int
    /// How many passed their latest check.
    public let passed: Int
    /// Whether the lesson ran.
    public let ran: Bool
    /// The state.
    public var state: State {
        if exercises == 0 { return ran ? .done : .notStarted }
        if passed == exercises { return .done }
        if everPassed == exercises { return .passedBefore }
        return ran || everPassed > 0 ? .started : .notStarted
    }
    /// Whether work is left: not done, and not passed before.
    public var isUnfinished: Bool { state != .done && state != .passedBefore }
    /// How many passed some check, the latest or an earlier one.
    public let everPassed: Int

    /// The standing of `lesson` in `record`.
    public init(_ lesson: Lesson, _ record: Progress.LessonProgress) {
        let ids = Set(lesson.exercises.map(\.id))
        id = lesson.displayID
        exercises = ids.count
        passed = ids.intersection(record.passed).count
        everPassed = ids.filter(record.hasPassed).count
        ran = record.ran
    }

    /// What to type next for this lesson: run it first, then check its exercises.
    public var nextCommand: Phrase {
        if !ran && passed == 0 {
            return exercises == 0 ? Phrase(verbatim: "learn run \(id)") : "\("learn run \(id)")   (then \("learn check \(id)"))"
        }
        let left = exercises - passed
        return exercises == 1 ? "\("learn check \(id)")   (\(left) of 1 exercise to go)"
            : "\("learn check \(id)")   (\(left) of \(exercises) exercises to go)"
    }
}

/// `learn list`: the course's lessons with the student's progress, and the lesson to take next.
public struct CourseListing: Sendable {
    /// Width, character set and color.
    public let style: TerminalStyle

    /// Creates a listing.
    public init(style: TerminalStyle) {
        self.style = style
    }

    /// The lessons as a table of id, title, minutes and progress, then the first lesson with
    /// unfinished work (a lesson with errors can't be worked on, and is not suggested). With a
    /// `workspace`, a first line names the course and where its answers are. Titles are those of the
    /// lessons' editions in `language` (the English lesson's where one has no translation).
    public func render(_ library: LessonLibrary, parser: LessonParser, progress: Progress, workspace: Workspace? = nil,
                       language: Language = .english) -> String {
        let catalog = style.catalog
        guard !library.entries.isEmpty else { return catalog.text("There are no lessons in \(library.folder).") }
        var heading = ""
        if let workspace {
            let name = workspace.course.title.map { style.text($0) } ?? catalog.text("Course \(workspace.course.id)")
            heading = wrapped(catalog.text("\(style.paint(name, .bold)): answers in \(workspace.relative(workspace.answersFolder))/")) + "\n\n"
        }
        var table = TextPlot.Table(columns: [.init(catalog.text("id")), .init(catalog.text("title")),
                                             .init(catalog.text("minutes"), format: .integer), .init(catalog.text("progress"))])
        var next: LessonStanding?
        for entry in library.entries {
            guard let lesson = try? parser.parse(contentsOf: Editions.lesson(entry.path, in: language).path) else {
                table.append([.text(entry.id.description), .text(catalog.text("(has errors: \("`learn run \(entry.id)`") shows them)")), .empty, .empty])
                continue
            }
            let standing = LessonStanding(lesson, progress[entry.id.description])
            if standing.isUnfinished, next == nil { next = standing }
            table.append([.text(entry.id.description), .text(style.text(lesson.metadata.title)),
                          lesson.metadata.minutes.map { .number(Double($0)) } ?? .empty, .text(status(standing))])
        }
        var text = heading + table.render(style.renderOptions())
        if let next {
            text += "\n\n" + wrapped(catalog.text("Next: \(next.nextCommand)"))
        } else {
            text += "\n\n" + catalog.text("Every lesson is done.")
        }
        return text
    }

    /// `✓ done (4/4)`, `✓ passed before (3/4 now)`, `2/4 passed (3/4 before)`, `read, 0/4 passed`,
    /// or nothing.
    func status(_ standing: LessonStanding) -> String {
        let count = "\(standing.passed)/\(standing.exercises)"
        let mark = style.pick("✓ ", "")
        let phrase: Phrase
        switch standing.state {
        case .done: phrase = standing.exercises == 0 ? "\(mark)done" : "\(mark)done (\(count))"
        case .passedBefore: phrase = "\(mark)passed before (\(count) now)"
        case .started:
            var words: Phrase = standing.passed == 0 && standing.ran ? "read, \(count) passed" : "\(count) passed"
            if standing.everPassed > standing.passed { words += " (\(standing.everPassed)/\(standing.exercises) before)" }
            phrase = words
        case .notStarted: return ""
        }
        return style.catalog.text(phrase)
    }

    private func wrapped(_ line: String) -> String {
        TextWidth.of(line) <= style.width ? line : TextWrap.lines(line, width: style.width).joined(separator: "\n")
    }
}
