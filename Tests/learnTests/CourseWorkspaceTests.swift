import Foundation
import Lessons
import TextPlot
import XCTest

/// A course is a workspace: answers, progress and cache belong to the course named in the
/// lessons' `course.yaml`, on the real binary, in a temporary working folder.
final class CourseWorkspaceTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-course-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The project's lessons, as a student's checkout has them.
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("lessons"),
                                                   withDestinationURL: URL(fileURLWithPath: LearnProcess.lessons))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    @discardableResult
    private func learn(_ arguments: String...) throws -> LearnProcess.Result {
        try LearnProcess.run(arguments, in: folder)
    }

    private func text(_ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    private func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
    }

    private func write(_ text: String, _ path: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The id in `folder/course.yaml`.
    private func courseID(_ lessons: String) throws -> String {
        try Course(contentsOf: folder.appendingPathComponent(lessons + "/course.yaml").path).id
    }

    /// A small lesson: one quick experiment, and an exercise when `exercise` (answer 0.5).
    private func lesson(_ title: String, exercise: Bool) -> String {
        """
        ---
        title: "\(title)"
        minutes: 5
        ---

        Some prose.

        ```experiment momentum-ravine
        learning_rates: [0.4]
        momentums: [0]
        steps: 20
        ```

        """ + (exercise ? """

        ```exercise rate
        question: "Above which learning rate does the ravine diverge?"
        answer: 0.5
        tolerance: 0.01
        ```

        """ : "")
    }

    /// The progress column of `lesson` in `learn list`'s table.
    private func status(_ list: String, _ lesson: String) -> String {
        // An ASCII row: "| lesson-03 | SGD versus momentum | 20 | 1/4 passed |".
        let row = list.split(separator: "\n").first { $0.contains(lesson) } ?? ""
        let cells = row.components(separatedBy: "|")
        return cells.count >= 2 ? cells[cells.count - 2].trimmingCharacters(in: .whitespaces) : "(no row for \(lesson))"
    }

    // MARK: two courses in one working folder

    func testTwoLessonFoldersKeepSeparateAnswersAndProgress() throws {
        let created = try learn("new", "Scratch", "--lessons", "my-lessons")
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(created.stdout.contains("Created my-lessons/course.yaml"), created.stdout)
        let scratch = try courseID("my-lessons")
        XCTAssertTrue(scratch.hasPrefix("my-lessons-"), scratch)

        // The scratch lesson-01 is answered and passes: in the scratch course's own place.
        let answered = try learn("answer", "1", "first-question", "0.5", "--lessons", "my-lessons", "--color", "never")
        XCTAssertEqual(answered.status, 0, answered.stdout + answered.stderr)
        XCTAssertTrue(answered.stdout.contains("Saved in answers/\(scratch)/lesson-01.yaml."), answered.stdout)
        XCTAssertFalse(exists("answers/lesson-01.yaml"))
        XCTAssertFalse(exists("answers/\(LearnProcess.courseID)/lesson-01.yaml"), "the project course's lesson-01 is untouched")

        // The project's lesson-01 knows nothing of it, and the scratch course nothing of the project's.
        let check = try learn("check", "1", "--color", "never", "--width", "200")
        XCTAssertEqual(check.status, 1)
        XCTAssertFalse(check.stdout.contains("first-question"), check.stdout)
        XCTAssertFalse(try text("answers/\(LearnProcess.courseID)/lesson-01.yaml").contains("first-question"))
        try learn("run", "lesson-02", "--format", "text")
        let project = try learn("list", "--ascii", "--color", "never", "--width", "120").stdout
        XCTAssertEqual(status(project, "lesson-01"), "", "checked, never answered nor run: not done\n" + project)
        XCTAssertEqual(status(project, "lesson-02"), "read, 0/3 passed", project)
        let mine = try learn("list", "--lessons", "my-lessons", "--ascii", "--color", "never").stdout
        XCTAssertTrue(project.hasPrefix("How image classifiers are trained: answers in answers/image-classifiers/\n\n"), project)
        XCTAssertTrue(mine.hasPrefix("Course \(scratch): answers in answers/\(scratch)/\n\n"), mine)
        XCTAssertEqual(status(mine, "lesson-01"), "done (1/1)", mine)
        XCTAssertTrue(mine.hasSuffix("Every lesson is done.\n"), mine)

        // Each course's progress file holds only its own lessons.
        let projectProgress = try text(".learn/courses/\(LearnProcess.courseID)/progress.json")
        let scratchProgress = try text(".learn/courses/\(scratch)/progress.json")
        XCTAssertFalse(projectProgress.contains("first-question"), projectProgress)
        XCTAssertTrue(scratchProgress.contains("first-question"), scratchProgress)
        XCTAssertFalse(scratchProgress.contains("lesson-02"), scratchProgress)
        XCTAssertFalse(exists(".learn/progress.json"))
    }

    func testMovingTheFolderOrEditingALessonKeepsTheCourse() throws {
        try learn("new", "Scratch", "--lessons", "my-lessons")
        let id = try courseID("my-lessons")
        try learn("answer", "1", "first-question", "0.5", "--lessons", "my-lessons")
        try FileManager.default.moveItem(at: folder.appendingPathComponent("my-lessons"), to: folder.appendingPathComponent("moved"))
        let file = folder.appendingPathComponent("moved/lesson-01-scratch.md")
        try (try String(contentsOf: file, encoding: .utf8)).replacingOccurrences(of: "Say what", with: "Tell what")
            .write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try courseID("moved"), id)
        let list = try learn("list", "--lessons", "moved", "--ascii", "--color", "never").stdout
        XCTAssertEqual(status(list, "lesson-01"), "done (1/1)", list)
    }

    // MARK: migration

    func testTheStateOfBeforeCoursesMovesIntoTheProjectCourseOnceAndNothingIsLost() throws {
        try write("effective-step: 10\n", "answers/lesson-03.yaml")
        try write("why-anneal: b\n", "answers/lesson-04.yaml")
        try write("why-anneal: c\n", "answers/\(LearnProcess.courseID)/lesson-04.yaml")
        try write(#"{"version": 1, "lessons": {"lesson-03": {"passed": ["effective-step"], "hintsShown": {"largest-rate": 1}, "ran": true}}}"#,
                  ".learn/progress.json")
        try write("{}", ".learn/cache/entry.json")

        // A scratch course first: it takes nothing.
        try learn("new", "Scratch", "--lessons", "my-lessons")
        try learn("list", "--lessons", "my-lessons")
        XCTAssertTrue(exists("answers/lesson-03.yaml"), "only the project's course adopts the old answers")

        let list = try learn("list", "--ascii", "--color", "never", "--width", "120")
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stderr.contains("Moved 1 answers file from answers/ to answers/image-classifiers/"), list.stderr)
        XCTAssertTrue(list.stderr.contains("answers/image-classifiers/lesson-04.yaml existed already; your older answers file is kept beside it as answers/image-classifiers/lesson-04.before-courses.yaml"), list.stderr)
        XCTAssertEqual(status(list.stdout, "lesson-03"), "1/4 passed", list.stdout)
        XCTAssertEqual(try text("answers/\(LearnProcess.courseID)/lesson-03.yaml"), "effective-step: 10\n")
        XCTAssertEqual(try text("answers/\(LearnProcess.courseID)/lesson-04.yaml"), "why-anneal: c\n")
        XCTAssertEqual(try text("answers/\(LearnProcess.courseID)/lesson-04.before-courses.yaml"), "why-anneal: b\n")
        XCTAssertFalse(exists("answers/lesson-03.yaml"))
        XCTAssertFalse(exists(".learn/progress.json"))
        XCTAssertTrue(exists(".learn/courses/\(LearnProcess.courseID)/cache/entry.json"), "the cache moves too")
        XCTAssertFalse(exists(".learn/cache"))
        let hint = try learn("hint", "3", "largest-rate")
        XCTAssertTrue(hint.stdout.hasPrefix("Hint 2 of 2:"), "the hints shown were kept: \(hint.stdout)")

        // Once: the next run finds nothing to move and says nothing.
        let again = try learn("list")
        XCTAssertEqual(again.stderr, "")
    }

    func testProgressInBothPlacesIsMergedAndTheOldFileKept() throws {
        try write(#"{"version": 1, "lessons": {"lesson-03": {"passed": ["effective-step"], "hintsShown": {}, "ran": false}}}"#,
                  ".learn/progress.json")
        try write(#"{"version": 1, "lessons": {"lesson-03": {"passed": ["largest-rate"], "hintsShown": {}, "ran": true}}}"#,
                  ".learn/courses/\(LearnProcess.courseID)/progress.json")
        let list = try learn("list", "--ascii", "--color", "never", "--width", "120")
        XCTAssertTrue(list.stderr.contains("Merged .learn/progress.json into .learn/courses/image-classifiers/progress.json"), list.stderr)
        XCTAssertEqual(status(list.stdout, "lesson-03"), "2/4 passed", list.stdout)
        XCTAssertTrue(exists(".learn/courses/\(LearnProcess.courseID)/progress-before-courses.json"))
        XCTAssertFalse(exists(".learn/progress.json"))
    }

    func testKilledMigrationsLoseNothing() throws {
        for round in 0..<6 {
            let answers = (1...30).map { String(format: "answers/lesson-%02d.yaml", $0) }
            for path in answers { try write("effective-step: \(round)\n", path) }
            let process = Process()
            process.executableURL = LearnProcess.binary
            process.arguments = ["list"]
            process.currentDirectoryURL = folder
            process.environment = LearnProcess.cleanEnvironment([:])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(round) * 3_000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try learn("list")
            let course = folder.appendingPathComponent("answers/\(LearnProcess.courseID)")
            for number in 1...30 {
                // Each round's file is in the course folder, or kept beside the earlier round's.
                let names = try FileManager.default.contentsOfDirectory(atPath: course.path)
                    .filter { $0.hasPrefix(String(format: "lesson-%02d.", number)) }
                let contents = try names.map { try String(contentsOf: course.appendingPathComponent($0), encoding: .utf8) }
                XCTAssertTrue(contents.contains("effective-step: \(round)\n"), "round \(round): lesson-\(number) lost: \(names)")
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("answers").path).sorted(),
                           [LearnProcess.courseID], "round \(round)")
        }
    }

    func testConcurrentFirstUsesAgreeOnOneCourse() throws {
        for number in 1...4 { try write(lesson("L\(number)", exercise: true), String(format: "race/lesson-%02d-l.md", number)) }
        let processes = try (1...4).map { number -> Process in
            let process = Process()
            process.executableURL = LearnProcess.binary
            process.arguments = ["answer", "\(number)", "rate", "0.5", "--lessons", "race"]
            process.currentDirectoryURL = folder
            process.environment = LearnProcess.cleanEnvironment([:])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        XCTAssertEqual(processes.map(\.terminationStatus), [0, 0, 0, 0])
        let id = try courseID("race")
        let courses = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("answers").path)
        XCTAssertEqual(courses, [id], "every process wrote into the one course")
        let list = try learn("list", "--lessons", "race", "--ascii", "--color", "never").stdout
        XCTAssertTrue(list.hasSuffix("Every lesson is done.\n"), list)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("race").path)
            .filter { !$0.hasSuffix(".md") }, ["course.yaml"], "no temporary file is left beside it")
    }

    // MARK: the course file

    func testABadCourseFileIsReportedAtItsPosition() throws {
        try write(lesson("One", exercise: true), "mine/lesson-01-one.md")
        let cases = [
            ("id: Bad Id!\n", "mine/course.yaml:1:5: error: 'Bad Id!' is not a course id"),
            ("id: ok\ntitel: x\n", "mine/course.yaml:2:1: error: unknown key 'titel' in the course file"),
            ("id: [ok\n", "mine/course.yaml:2:1: error: invalid YAML in the course file"),
            ("title: x\n", "mine/course.yaml:1:1: error: the course file has no 'id'"),
            ("- id: ok\n", "mine/course.yaml:1:1: error: the course file must be a mapping with an 'id'"),
        ]
        for (text, message) in cases {
            try write(text, "mine/course.yaml")
            for arguments in [["check", "1"], ["list"], ["run", "1"]] {
                let result = try LearnProcess.run(arguments + ["--lessons", "mine"], in: folder)
                XCTAssertEqual(result.status, 1, "\(arguments) with \(text)")
                XCTAssertTrue(result.stderr.hasPrefix(message), "\(arguments) with \(text):\n\(result.stderr)")
                XCTAssertFalse(exists("answers"), "nothing is written for a course that can't be read")
            }
            let lint = try learn("lint", "--lessons", "mine")
            XCTAssertEqual(lint.status, 1)
            XCTAssertTrue(lint.stderr.hasPrefix(message), lint.stderr)
        }
    }

    func testAnEditionSharesItsCoursesID() throws {
        try write("id: shared-course\n", "course/course.yaml")
        try write(lesson("One", exercise: true), "course/lesson-01-one.md")
        try write(lesson("一", exercise: true), "course/zh/lesson-01-one.md")
        // A sub-folder that is not a language is a course of its own.
        try write(lesson("Other", exercise: true), "course/extra/lesson-01-other.md")
        try learn("answer", "1", "rate", "0.5", "--lessons", "course")
        let zh = try learn("list", "--lessons", "course/zh", "--ascii", "--color", "never")
        XCTAssertEqual(status(zh.stdout, "lesson-01"), "done (1/1)", "the Chinese edition sees the course's progress:\n\(zh.stdout)")
        XCTAssertFalse(exists("course/zh/course.yaml"), "an edition needs no file of its own")
        let extra = try learn("list", "--lessons", "course/extra", "--ascii", "--color", "never")
        XCTAssertEqual(status(extra.stdout, "lesson-01"), "", extra.stdout)
        // An edition may also name the id itself.
        try write("id: shared-course\nlanguage: zh\n", "course/zh/course.yaml")
        XCTAssertEqual(status(try learn("list", "--lessons", "course/zh", "--ascii", "--color", "never").stdout, "lesson-01"), "done (1/1)")
    }

    func testAFolderWhoseCourseFileCannotBeWrittenIsNamedAfterItselfAndSaysSo() throws {
        try write(lesson("One", exercise: true), "fixed/lesson-01-one.md")
        // A dangling link where the file would go: it can't be created, as in a read-only folder
        // (which the tests, run as root, can't make).
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("fixed/course.yaml").path,
                                                   withDestinationPath: "/nonexistent/learn-course.yaml")
        let result = try learn("answer", "1", "rate", "0.5", "--lessons", "fixed")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("warning: there is no course file here and none can be written, so the course id is 'fixed', from the folder's name"),
                      result.stderr)
        XCTAssertTrue(exists("answers/fixed/lesson-01.yaml"))
    }

    // MARK: progress

    func testALessonWithoutExercisesIsDoneOnlyOnceItRanAndNextIsTheFirstWithWorkLeft() throws {
        try write("id: small\n", "small/course.yaml")
        try write(lesson("Reading", exercise: false), "small/lesson-01-reading.md")
        try write(lesson("Doing", exercise: true), "small/lesson-02-doing.md")
        func list() throws -> String {
            try learn("list", "--lessons", "small", "--ascii", "--color", "never", "--width", "100").stdout
                .trimmingCharacters(in: .newlines)
        }
        var listing = try list()
        XCTAssertEqual(status(listing, "lesson-01"), "", "never run, so not done:\n\(listing)")
        XCTAssertTrue(listing.hasSuffix("Next: learn run lesson-01"), listing)

        XCTAssertEqual(try learn("run", "1", "--lessons", "small", "--format", "text").status, 0)
        listing = try list()
        XCTAssertEqual(status(listing, "lesson-01"), "done", listing)
        XCTAssertTrue(listing.hasSuffix("Next: learn run lesson-02   (then learn check lesson-02)"), listing)

        try learn("run", "2", "--lessons", "small", "--format", "text")
        XCTAssertTrue(try list().hasSuffix("Next: learn check lesson-02   (1 of 1 exercise to go)"))

        try learn("answer", "2", "rate", "0.5", "--lessons", "small")
        listing = try list()
        XCTAssertEqual(status(listing, "lesson-02"), "done (1/1)", listing)
        XCTAssertTrue(listing.hasSuffix("Every lesson is done."), listing)

        // A wrong answer after the right one: the earlier pass stays visible.
        let wrong = try learn("answer", "2", "rate", "0.7", "--lessons", "small", "--color", "never")
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stdout.contains("✗ rate  failed: 0.7 is too high (passed before)"), wrong.stdout)
        listing = try list()
        XCTAssertEqual(status(listing, "lesson-02"), "passed before (0/1 now)", listing)
        XCTAssertEqual(try learn("solution", "2", "rate", "--lessons", "small").status, 1, "this lesson has no solution")
    }

    func testAnAnswerThatDoesNotParseIsRefusedAndTheSavedOneKept() throws {
        try learn("answer", "3", "largest-rate", "0.5")
        let path = "answers/\(LearnProcess.courseID)/lesson-03.yaml"
        let saved = try text(path)
        for value in ["0,5", "abc"] {
            let refused = try learn("answer", "3", "largest-rate", value)
            XCTAssertEqual(refused.status, 1)
            XCTAssertTrue(refused.stderr.contains("error: '\(value)' is not a number, and 'largest-rate' asks for one"), refused.stderr)
            XCTAssertEqual(refused.stdout, "")
            XCTAssertEqual(try text(path), saved)
        }
        let choice = try learn("answer", "4", "why-anneal", "z")
        XCTAssertEqual(choice.status, 1)
        XCTAssertTrue(choice.stderr.contains("error: 'z' is not one of the choices of 'why-anneal'"), choice.stderr)
    }

    func testCleanRemovesTheCacheAndKeepsAnswersAndProgress() throws {
        try learn("answer", "3", "effective-step", "10")
        XCTAssertEqual(try learn("run", "3", "--format", "text").status, 0)
        let cache = ".learn/courses/\(LearnProcess.courseID)/cache"
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(cache).path).isEmpty)
        let clean = try learn("clean")
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertEqual(clean.stdout, "Removed \(cache). Answers and progress are kept.\n")
        XCTAssertFalse(exists(cache))
        XCTAssertTrue(exists("answers/\(LearnProcess.courseID)/lesson-03.yaml"))
        XCTAssertTrue(try text(".learn/courses/\(LearnProcess.courseID)/progress.json").contains("effective-step"))
        XCTAssertEqual(try learn("clean").stdout, "There was no cache to remove.\n")
    }

    // MARK: the command line

    func testDisplayOptionsAreHonouredByEveryCommand() throws {
        try learn("answer", "3", "largest-rate", "0.5")
        let commands: [[String]] = [
            ["list"], ["check", "3"], ["hint", "3", "largest-rate"], ["solution", "3", "largest-rate"],
            ["answer", "3", "effective-step", "10"], ["run", "3", "--params"], ["experiments"], ["lint"], ["clean"],
        ]
        for command in commands {
            // check and answer give a verdict's text at least 20 columns beside the exercise's id.
            let width = ["check", "answer"].contains(command[0]) ? 60 : 40
            let result = try LearnProcess.run(command + ["--ascii", "--color", "never", "--width", "\(width)"], in: folder)
            XCTAssertNotEqual(result.status, 2, "\(command) rejects the display options: \(result.stderr)")
            XCTAssertTrue(result.stdout.unicodeScalars.allSatisfy(\.isASCII), "\(command) --ascii:\n\(result.stdout)")
            if ["list", "check", "hint", "solution", "answer"].contains(command[0]) {
                let long = result.stdout.split(separator: "\n").filter { $0.count > width }.map(String.init)
                XCTAssertEqual(long, [], "\(command) --width \(width)")
            }
            XCTAssertFalse(result.stdout.contains("\u{1B}["), "\(command) --color never")
            let colored = try LearnProcess.run(command + ["--color", "always"], in: folder)
            if ["list", "check", "hint", "answer"].contains(command[0]) {
                XCTAssertTrue(colored.stdout.contains("\u{1B}["), "\(command) --color always:\n\(colored.stdout)")
            }
        }
        for command in [["new", "Width"], ["reset", "3", "--yes"], ["test", "3"]] {
            let result = try LearnProcess.run(command + ["--lessons", "spare", "--ascii", "--color", "never", "--width", "40"], in: folder)
            XCTAssertNotEqual(result.status, 2, "\(command) rejects the display options: \(result.stderr)")
        }
    }

    func testNewKeepsLettersInTheSlugAndWritesOnlyLessonsThatLint() throws {
        let created = try learn("new", "Café: ünïcode", "--lessons", "mine")
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(exists("mine/lesson-01-cafe-unicode.md"))
        try learn("new", "Straße 学习率", "--lessons", "mine")
        XCTAssertTrue(exists("mine/lesson-02-strasse-xue-xi-lu.md"))
        // A title without Latin letters names no file: the slug is given.
        for title in ["学习率升温", "!!!"] {
            let unnamed = try learn("new", title, "--lessons", "mine")
            XCTAssertEqual(unnamed.status, 1, unnamed.stderr)
            XCTAssertTrue(unnamed.stderr.contains("error: the title \"\(title)\" has no Latin letters to name the lesson's file after"), unnamed.stderr)
            XCTAssertTrue(unnamed.stderr.contains("--slug warmup"), unnamed.stderr)
        }
        for bad in ["Warmup", "warm up", "-warmup", "warm--up", "123", "预热", String(repeating: "a", count: 49)] {
            let refused = try learn("new", "学习率升温", "--slug=\(bad)", "--lessons", "mine")
            XCTAssertEqual(refused.status, 1, "--slug \(bad): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("can't be a lesson's slug"), refused.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("mine").path).filter { $0.hasSuffix(".md") }.count, 2,
                       "nothing was written for a missing or bad slug")
        let chinese = try learn("new", "中文标题", "--slug", "warmup-2", "--lessons", "mine")
        XCTAssertEqual(chinese.status, 0, chinese.stderr)
        XCTAssertTrue(exists("mine/lesson-03-warmup-2.md"))
        XCTAssertTrue(try text("mine/lesson-03-warmup-2.md").contains("title: \"中文标题\""))
        let lint = try learn("lint", "--lessons", "mine")
        XCTAssertEqual(lint.status, 0, lint.stderr)
        XCTAssertEqual(lint.stdout, "3 lessons checked: 0 errors, 0 warnings\n")
        // --ascii keeps the Chinese title and spells everything else in ASCII.
        let ascii = try learn("run", "3", "--lessons", "mine", "--ascii", "--color", "never", "--width", "60")
        XCTAssertEqual(ascii.status, 0, ascii.stderr)
        XCTAssertTrue(ascii.stdout.contains("中文标题"), ascii.stdout)
        XCTAssertTrue(ascii.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("theta <- theta - eta grad L"), ascii.stdout)
        XCTAssertTrue(ASCIIText.isASCIIOrKept(ascii.stdout), ascii.stdout)
        let help = try learn("new", "--help").stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(help.contains("--slug <slug> The file name's words"), help)
        XCTAssertTrue(help.contains("Chinese text is kept, as it has no ASCII form"), help)
        let control = try learn("new", "Bell\u{7}", "--lessons", "mine")
        XCTAssertEqual(control.status, 1)
        XCTAssertTrue(control.stderr.contains("error: a lesson title can't contain control characters, such as U+7"), control.stderr)
        XCTAssertFalse(exists("mine/lesson-04-bell.md"))
    }
}
