import Foundation
import XCTest
@testable import Lessons

/// `course.yaml` as untrusted input, the course of a folder, slugs, and progress files of before.
final class CourseTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "learn-course-unit-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func course(_ text: String) throws -> Course {
        try Course(bytes: Array(text.utf8), file: "course.yaml")
    }

    private func problem(_ text: String) -> Diagnostic? {
        do {
            _ = try course(text)
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch let list as DiagnosticList {
            return list.diagnostics.first
        } catch {
            return Diagnostic("\(error)")
        }
    }

    func testACourseFileIsReadAndChecked() throws {
        let read = try course("# mine\nid: image-classifiers\ntitle: How image classifiers are trained\nlanguage: zh-Hans\nadopt_unscoped_state: true\n")
        XCTAssertEqual(read.id, "image-classifiers")
        XCTAssertEqual(read.title, "How image classifiers are trained")
        XCTAssertEqual(read.language, "zh-Hans")
        XCTAssertTrue(read.adoptsUnscopedState)
        XCTAssertFalse(try course("id: a\n").adoptsUnscopedState)

        let cases: [(String, String, SourcePosition)] = [
            ("id: ../etc\n", "'../etc' is not a course id", SourcePosition(line: 1, column: 5)),
            ("id: " + String(repeating: "a", count: 41) + "\n", "is not a course id", SourcePosition(line: 1, column: 5)),
            ("id: -a\n", "'-a' is not a course id", SourcePosition(line: 1, column: 5)),
            ("id: [a]\n", "'id' must be text, not a list", SourcePosition(line: 1, column: 5)),
            ("id: a\nlanguage: chinese\n", "'chinese' is not a language tag", SourcePosition(line: 2, column: 11)),
            ("id: a\nadopt_unscoped_state: yes\n", "'adopt_unscoped_state' must be true or false, not 'yes'", SourcePosition(line: 2, column: 23)),
            ("id: a\nid: b\n", "the course file gives 'id' more than once", SourcePosition(line: 1, column: 1)),
            ("id: &x a\n", "YAML anchors and aliases are not allowed in the course file", SourcePosition(line: 1, column: 5)),
            ("\u{0}", "the file contains a NUL byte", SourcePosition(line: 1, column: 1)),
        ]
        for (text, message, position) in cases {
            let diagnostic = try XCTUnwrap(problem(text), text)
            XCTAssertTrue(diagnostic.message.contains(message), "\(text.debugDescription): \(diagnostic.message)")
            XCTAssertEqual(diagnostic.file, "course.yaml")
            XCTAssertEqual(diagnostic.position, position, text.debugDescription)
        }
        XCTAssertEqual(problem("id: a\nlangauge: zh\n")?.hint?.hasPrefix("Unknown key: did you mean 'language'?"), true,
                       problem("id: a\nlangauge: zh\n")?.hint ?? "")
    }

    func testAFolderWithoutACourseGetsAFreshIDOnceAndAnEditionItsParents() throws {
        let lessons = folder + "/my-lessons"
        try FileManager.default.createDirectory(atPath: lessons + "/zh", withIntermediateDirectories: true)
        XCTAssertNil(try Course.find(lessonsFolder: lessons))
        XCTAssertEqual(Course.provisional(lessonsFolder: lessons).id, "my-lessons")
        let first = try Course.findOrCreate(lessonsFolder: lessons)
        XCTAssertEqual(first.wrote, lessons + "/course.yaml")
        XCTAssertTrue(Course.isValidID(first.course.id))
        XCTAssertTrue(first.course.id.hasPrefix("my-lessons-"), first.course.id)
        let second = try Course.findOrCreate(lessonsFolder: lessons)
        XCTAssertNil(second.wrote)
        XCTAssertEqual(second.course.id, first.course.id, "the id is written once and then read")
        let edition = try XCTUnwrap(try Course.find(lessonsFolder: lessons + "/zh"))
        XCTAssertEqual(edition.id, first.course.id)
        XCTAssertEqual(edition.language, "zh")
        XCTAssertNotEqual(Course.freshID(for: lessons), Course.freshID(for: lessons))
    }

    func testLanguageTags() {
        for tag in ["zh", "en", "pt-BR", "zh-Hans"] { XCTAssertTrue(Course.isLanguageTag(tag), tag) }
        for name in ["lessons", "new", "z", "zh-", "ZH", "extra", "zh-Hans-CN", "e1"] { XCTAssertFalse(Course.isLanguageTag(name), name) }
    }

    func testSlugsTransliterateLetters() {
        XCTAssertEqual(LessonScaffold.slug("Café: ünïcode"), "cafe-unicode")
        XCTAssertEqual(LessonScaffold.slug("Learning-rate warmup!"), "learning-rate-warmup")
        XCTAssertEqual(LessonScaffold.slug("Straße, Ærø, Łódź"), "strasse-aero-lodz")
        XCTAssertEqual(LessonScaffold.slug("学习率"), "xue-xi-lu")
        XCTAssertEqual(LessonScaffold.slug("Ωμέγα"), "omega")
        XCTAssertEqual(LessonScaffold.slug("!!!"), "")
        XCTAssertEqual(LessonScaffold.slug(String(repeating: "ab ", count: 40)).count, 47)
    }

    func testProgressOfBeforeReadsAndMergesWithoutLoss() throws {
        let old = #"{"version": 1, "lessons": {"lesson-03": {"passed": ["a"], "hintsShown": {"b": 2}, "ran": false}}}"#
        let progress = try XCTUnwrap(ProgressStore.decode(Array(old.utf8)))
        XCTAssertEqual(progress["lesson-03"].passed, ["a"])
        XCTAssertEqual(progress["lesson-03"].passedBefore, [], "a file without passedBefore reads")
        var other = Progress()
        other["lesson-03"].passedBefore = ["b"]
        other["lesson-03"].hintsShown = ["b": 1, "c": 1]
        other["lesson-03"].ran = true
        other["lesson-04"].ran = true
        let merged = progress.merged(with: other)
        XCTAssertEqual(merged["lesson-03"].passed, ["a"])
        XCTAssertEqual(merged["lesson-03"].passedBefore, ["b"])
        XCTAssertEqual(merged["lesson-03"].hintsShown, ["b": 2, "c": 1])
        XCTAssertTrue(merged["lesson-03"].ran)
        XCTAssertTrue(merged["lesson-04"].ran)
        XCTAssertEqual(merged.merged(with: other), merged, "merging again changes nothing")
    }

    func testTheListingShowsEarlierPassesAndSuggestsTheFirstLessonWithWorkLeft() throws {
        func lesson(_ title: String, exercises: [String]) -> String {
            "---\ntitle: \(title)\n---\n\nProse.\n" + exercises.map {
                "\n```exercise \($0)\nquestion: \"How many?\"\nanswer: 1\n```\n"
            }.joined()
        }
        let texts = [
            "lesson-01-read.md": lesson("Read", exercises: []),
            "lesson-02-two.md": lesson("Two", exercises: ["a", "b"]),
            "lesson-03-again.md": lesson("Again", exercises: ["c"]),
            "lesson-04-later.md": lesson("Later", exercises: ["d"]),
        ]
        for (name, text) in texts { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        var progress = Progress()
        progress["lesson-01"].ran = true
        progress["lesson-02"].passedBefore = ["a"]
        progress["lesson-02"].ran = true
        progress["lesson-03"].passedBefore = ["c"]
        let listing = CourseListing(style: TerminalStyle(width: 80, charset: .ascii, color: false))
        let text = listing.render(try LessonLibrary(folder: folder), parser: LessonParser(catalog: testCatalog), progress: progress)
        let rows = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(rows.contains { $0.contains("lesson-01") && $0.contains("| done ") }, text)
        XCTAssertTrue(rows.contains { $0.contains("lesson-02") && $0.contains("| read, 0/2 passed (1/2 before) |") }, text)
        XCTAssertTrue(rows.contains { $0.contains("lesson-03") && $0.contains("| passed before (0/1 now) ") }, text)
        XCTAssertTrue(text.hasSuffix("\n\nNext: learn check lesson-02   (2 of 2 exercises to go)"), text)
    }
}
