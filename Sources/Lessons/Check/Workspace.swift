import Foundation

/// A student's working folder (the one `learn` runs in), as one course sees it. Each course's
/// state is its own, under its id:
///
/// - `answers/<course-id>/lesson-03.yaml`: the student's answers, one file per lesson;
/// - `.learn/courses/<course-id>/progress.json`: what passed, hints shown, lessons run;
/// - `.learn/courses/<course-id>/cache/`: cached experiment results (`learn clean` empties it).
///
/// So two lesson folders used from one working folder never see each other's answers or
/// progress. Everything `learn check`, `answer`, `hint`, `solution` and `reset` do goes through here.
public struct Workspace: Sendable {
    /// The folder (the one `learn` runs in).
    public let folder: String
    /// The course whose state this is.
    public let course: Course
    /// Where the experiments and code exercises come from.
    public let catalog: ExperimentCatalog

    /// Why nothing can be written at a path (a read-only copy of a course), nil when it can. Tests
    /// replace it: root may write anywhere, whatever the permissions say.
    public var unwritable: @Sendable (String) -> String? = Workspace.unwritableFolder

    /// A workspace in `folder` for `course`.
    public init(folder: String, course: Course, catalog: ExperimentCatalog) {
        self.folder = folder
        self.course = course
        self.catalog = catalog
    }

    /// Why the nearest existing folder of `path` (itself, when it is one) can't be written, in words for
    /// a message ("answers can't be written (Permission denied)"), nil when it can.
    public static func unwritableFolder(_ path: String) -> String? {
        var folder = path
        var status = stat()
        while !folder.isEmpty, folder != "/", stat(folder, &status) != 0 {
            folder = (folder as NSString).deletingLastPathComponent
        }
        let place = folder.isEmpty ? "." : folder
        guard access(place, W_OK) != 0 else { return nil }
        return "\(place) can't be written (\(String(cString: strerror(errno))))"
    }

    /// Applies `change` to the stored progress; in a course that can't be written, to the progress as read,
    /// with a warning that `unsaved` was not saved.
    private func updateProgress(_ change: (inout Progress) -> Void, unsaved: String, hint: String) throws {
        if let reason = unwritable(stateFolder) {
            var loaded = progress.loadReporting()
            change(&loaded)
            notSaved(unsaved, at: progress.path, reason, hint: hint)
        } else {
            try progress.update(change)
        }
    }

    /// Says that something was not saved because the course here can't be written.
    private func notSaved(_ what: String, at path: String, _ reason: String, hint: String) {
        ProgressStore.warn?(Diagnostic(.warning, file: relative(path), "\(what) was not saved: \(relative(reason))", hint: hint))
    }

    /// `answers/<course-id>`: the course's answers files.
    public var answersFolder: String {
        ((folder as NSString).appendingPathComponent("answers") as NSString).appendingPathComponent(course.id)
    }

    /// `.learn/courses/<course-id>`: the course's progress, cache and locks.
    public var stateFolder: String {
        ((folder as NSString).appendingPathComponent(".learn/courses") as NSString).appendingPathComponent(course.id)
    }

    /// `.learn/courses/<course-id>/cache`: the course's cached experiment results.
    public var cacheFolder: String { (stateFolder as NSString).appendingPathComponent("cache") }

    /// The course's progress file.
    public var progress: ProgressStore {
        ProgressStore(path: (stateFolder as NSString).appendingPathComponent("progress.json"))
    }

    /// The answers file of `lesson`, created with commented blanks for any exercise it lacks.
    public func answersFile(for lesson: Lesson) throws -> AnswersFile {
        var file = try AnswersFile(path: answersPath(lesson))
        try file.addBlanks(for: lesson, catalog: catalog)
        return file
    }

    /// `answers/<course-id>/lesson-03.yaml`.
    public func answersPath(_ lesson: Lesson) -> String {
        AnswersFile.path(for: lesson, in: answersFolder)
    }

    /// Records that `lesson` ran to its end: a lesson without exercises is done once it has.
    public func recordRun(_ lesson: Lesson) throws {
        guard let id = lesson.id else { return }
        try progress.update { $0[id.description].ran = true }
    }

    /// Removes cached experiment results: this course's, or with `allCourses` every course's
    /// (and the cache of before courses). Answers and progress are kept. Returns the folders
    /// removed, relative to the workspace.
    public func clean(allCourses: Bool) throws -> [String] {
        var folders = [cacheFolder]
        if allCourses {
            let courses = (folder as NSString).appendingPathComponent(".learn/courses")
            let ids = (try? FileManager.default.contentsOfDirectory(atPath: courses)) ?? []
            folders = ids.sorted().map { ((courses as NSString).appendingPathComponent($0) as NSString).appendingPathComponent("cache") }
            folders.append((folder as NSString).appendingPathComponent(".learn/cache"))
        }
        var removed: [String] = []
        for path in folders where FileManager.default.fileExists(atPath: path) {
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw Diagnostic(file: relative(path), "cannot remove this cache folder",
                    hint: "Check that you may write to it; nothing else was changed.")
            }
            removed.append(relative(path))
        }
        return removed
    }

    /// The exercise `id` of `lesson`, or an error listing the lesson's exercises.
    public func exercise(_ id: String, in lesson: Lesson) throws -> ExerciseCell {
        if let exercise = lesson.exercises.first(where: { $0.id == id }) { return exercise }
        let ids = lesson.exercises.map(\.id)
        var hint = Suggestions.didYouMeanLine(id, in: ids)
        hint += ids.isEmpty ? "\(lesson.displayID) has no exercises." : "Its exercises are: " + ids.joined(separator: ", ")
        throw Diagnostic("\(lesson.displayID) has no exercise '\(id)'", hint: hint)
    }

    /// Checks the exercises of `lesson` (or only `only`) and records which passed. `typed` is an answer
    /// `learn answer` could not save (a read-only copy of a course): it is checked in place of the file's.
    /// In a copy that can't be written the verdicts are the same; progress is not saved, and a warning says so.
    public func check(_ lesson: Lesson, only: String? = nil, checker: ExerciseChecker,
                      typed: (id: String, value: String)? = nil) throws -> [CheckResult] {
        let exercises = try only.map { [try exercise($0, in: lesson)] } ?? lesson.exercises
        let stateReadOnly = unwritable(stateFolder)
        let answersReadOnly = unwritable((answersPath(lesson) as NSString).deletingLastPathComponent)
        var file = try stateReadOnly == nil
            ? AtomicFile.withLock(answersLock(lesson)) { answersReadOnly == nil ? try answersFile(for: lesson) : try AnswersFile(path: answersPath(lesson)) }
            : AnswersFile(path: answersPath(lesson))
        if let typed { try file.set(typed.id, to: typed.value, saving: false) }
        let answers = try file.answers()
        let results = exercises.map { checker.check($0, answer: answers[$0.id], answersFile: relative(file.path)) }
        var record = Progress.LessonProgress()
        func apply(_ progress: inout Progress) {
            record = progress[lesson.displayID]
            // What passed its latest check passed once (progress files of before `passedBefore`
            // list it only in `passed`).
            record.passedBefore += record.passed.filter { !record.passedBefore.contains($0) }
            for result in results {
                record.passed.removeAll { $0 == result.id }
                if result.status == .passed {
                    record.passed.append(result.id)
                    if !record.passedBefore.contains(result.id) { record.passedBefore.append(result.id) }
                }
            }
            record.passed.sort()
            record.passedBefore.sort()
            progress[lesson.displayID] = record
        }
        try updateProgress(apply, unsaved: "progress",
                           hint: "The verdicts hold; to keep your progress, work in a copy of the course you may write to.")
        // An answer that fails now doesn't undo an earlier pass: say so rather than lose it.
        return results.map { result in
            guard result.status != .passed, record.passedBefore.contains(result.id) else { return result }
            let reason: Phrase = result.reason.isEmpty ? "passed before" : "\(result.reason) (passed before)"
            return CheckResult(id: result.id, status: result.status, reason: reason)
        }
    }

    /// Writes the student's answer to exercise `id` into the lesson's answers file; false, with a
    /// warning, when the answers folder can't be written (a read-only copy of a course): then pass the
    /// answer to `check(_:only:checker:typed:)`.
    @discardableResult
    public func answer(_ lesson: Lesson, _ id: String, _ value: String, catalog: MessageCatalog = .english) throws -> Bool {
        let exercise = try exercise(id, in: lesson)
        guard exercise.needsAnswerEntry else {
            throw Diagnostic("'\(id)' is a code exercise: write it in Swift, in the file its cell names",
                hint: "Then run `learn check \(lesson.displayID) --exercise \(id)`.")
        }
        // A value that can't be an answer (blank, two lines, `abc` for a number) is refused
        // before the file is touched: the saved answer stays.
        _ = try AnswersFile.flowValue(value)
        if let refusal = exercise.refusal(of: value, catalog: catalog) { throw refusal }
        if let readOnly = unwritable((answersPath(lesson) as NSString).deletingLastPathComponent) {
            notSaved("the answer", at: answersPath(lesson), readOnly,
                     hint: "It is checked all the same; to keep it, work in a copy of the course you may write to.")
            return false
        }
        // Read, change and write under one lock, so that two `learn answer` at once (in two
        // terminals, or a script) don't lose each other's answer.
        if unwritable(stateFolder) == nil {
            try AtomicFile.withLock(answersLock(lesson)) {
                var file = try answersFile(for: lesson)
                try file.set(id, to: value)
            }
        } else {
            var file = try answersFile(for: lesson)
            try file.set(id, to: value)
        }
        return true
    }

    /// What `withLock` locks for the answers file of `lesson`: a name in the course's state
    /// folder, so the lock file stays out of the student's `answers/` folder.
    private func answersLock(_ lesson: Lesson) -> String {
        (stateFolder as NSString).appendingPathComponent((answersPath(lesson) as NSString).lastPathComponent)
    }

    /// The next hint of exercise `id`: its number, how many there are, and the text.
    public func nextHint(_ lesson: Lesson, _ id: String) throws -> (number: Int, count: Int, text: String) {
        let exercise = try exercise(id, in: lesson)
        guard !exercise.hints.isEmpty else {
            throw Diagnostic("exercise '\(id)' has no hints", hint: "Read its question again, and the lesson's text just above it.")
        }
        var shown = 0
        func showNext(_ progress: inout Progress) {
            var record = progress[lesson.displayID]
            // The file is untrusted: a count below 0 or past the hints (Int.max) is taken as its nearest bound.
            let before = min(max(record.hintsShown[id] ?? 0, 0), exercise.hints.count)
            shown = min(before + 1, exercise.hints.count)
            record.hintsShown[id] = shown
            progress[lesson.displayID] = record
        }
        try updateProgress(showNext, unsaved: "that this hint was shown",
                           hint: "The next `learn hint` shows it again; to get to the next one, work in a copy of the course you may write to.")
        return (shown, exercise.hints.count, exercise.hints[shown - 1])
    }

    /// The worked solution of exercise `id`: only once it has passed, unless `force`.
    public func solution(_ lesson: Lesson, _ id: String, force: Bool) throws -> String {
        let exercise = try exercise(id, in: lesson)
        guard let solution = exercise.solution else {
            throw Diagnostic("exercise '\(id)' has no worked solution")
        }
        let passed = progress.loadReporting()[lesson.displayID].hasPassed(id)
        guard passed || force else {
            throw Diagnostic("the solution of '\(id)' opens once you pass it",
                hint: "Try `learn hint \(lesson.displayID) \(id)`, or add --force to see it now.")
        }
        return solution
    }

    /// The code exercises of `lesson` (or only `only`), for `learn reset`.
    public func codeExercises(_ lesson: Lesson, only: String?) throws -> [any CodeExercise.Type] {
        let exercises = try only.map { [try exercise($0, in: lesson)] } ?? lesson.exercises
        let code = exercises.compactMap { exercise -> (any CodeExercise.Type)? in
            if case .code(let type) = exercise.kind { return type }
            return nil
        }
        if code.isEmpty {
            throw Diagnostic(only.map { "'\($0)' is not a code exercise: it has no stub to restore" }
                                 ?? "\(lesson.displayID) has no code exercises",
                hint: "Answers live in \(relative(answersPath(lesson))); edit them there.")
        }
        return code
    }

    /// Puts back the stub of `exercise` (at `path`, else at its `file` in the workspace), keeping the
    /// student's version in `.learn/backup/`. Returns the backup's path, or nil when the file already was the stub.
    public func restoreStub(_ exercise: any CodeExercise.Type, at path: String? = nil) throws -> String? {
        let path = path ?? (folder as NSString).appendingPathComponent(exercise.file)
        let current = FileBytes.read(atPath: path)
        if current == Array(exercise.stub.utf8) { return nil }
        var backup: String?
        if let current {
            let stamp = Int(Date().timeIntervalSince1970)
            let name = ((exercise.file as NSString).lastPathComponent as NSString).deletingPathExtension
            let path = ((folder as NSString).appendingPathComponent(".learn/backup") as NSString)
                .appendingPathComponent("\(name)-\(stamp).swift")
            try AtomicFile.write(current, to: path)
            backup = relative(path)
        }
        try AtomicFile.write(exercise.stub, to: path)
        return backup
    }

    /// `path` relative to the workspace, for messages.
    public func relative(_ path: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
