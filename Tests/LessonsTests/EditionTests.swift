import Foundation
import XCTest
@testable import Lessons

/// The language a student gets, a translation checked against its English lesson, and answers that
/// check in either edition.
final class EditionTests: XCTestCase {
    // MARK: Choosing the language

    func testTheFlagThenLEARN_LANGThenTheLocaleChooseTheLanguage() throws {
        let chinese: [String: String] = ["LANG": "zh_CN.UTF-8"]
        XCTAssertEqual(try Language.resolve(flag: nil, environment: chinese), .chinese)
        XCTAssertEqual(try Language.resolve(flag: "en", environment: chinese), .english)
        XCTAssertEqual(try Language.resolve(flag: nil, environment: chinese.merging(["LEARN_LANG": "en"]) { $1 }), .english)
        XCTAssertEqual(try Language.resolve(flag: "zh", environment: ["LEARN_LANG": "en"]), .chinese)
        XCTAssertEqual(try Language.resolve(flag: nil, environment: [:]), .english)
        XCTAssertThrowsError(try Language.resolve(flag: "fr", environment: [:]))
        XCTAssertThrowsError(try Language.resolve(flag: nil, environment: ["LEARN_LANG": "klingon"]))
        // An empty LEARN_LANG is as if unset.
        XCTAssertEqual(try Language.resolve(flag: nil, environment: ["LEARN_LANG": "", "LC_ALL": "zh_CN.UTF-8"]), .chinese)
    }

    func testTheLocaleIsReadAsGettextReadsIt() {
        // LC_ALL before LC_MESSAGES before LANG.
        XCTAssertEqual(Language.fromLocale(["LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"]), .english)
        XCTAssertEqual(Language.fromLocale(["LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"]), .chinese)
        XCTAssertEqual(Language.fromLocale(["LANG": "zh_TW.UTF-8"]), .chinese)
        XCTAssertEqual(Language.fromLocale(["LANG": "zh_CN.GB18030@euro"]), .chinese)
        XCTAssertEqual(Language.fromLocale(["LANG": "fr_FR.UTF-8"]), .english)
        // LANGUAGE comes first, its first language learn speaks, unless the locale is C or unset.
        XCTAssertEqual(Language.fromLocale(["LANGUAGE": "fr:zh_CN:en", "LANG": "en_US.UTF-8"]), .chinese)
        XCTAssertEqual(Language.fromLocale(["LANGUAGE": "en:zh", "LANG": "zh_CN.UTF-8"]), .english)
        XCTAssertEqual(Language.fromLocale(["LANGUAGE": "zh", "LANG": "C"]), .english)
        XCTAssertEqual(Language.fromLocale(["LANGUAGE": "zh", "LC_ALL": "POSIX"]), .english)
        XCTAssertEqual(Language.fromLocale(["LANGUAGE": "zh"]), .english)
        XCTAssertEqual(Language.fromLocale(["LANGUAGE": "fr", "LANG": "zh_CN.UTF-8"]), .chinese)
    }

    func testSHA256MatchesTheStandardsVectors() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000)),
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    // MARK: A translation against its English lesson

    private let english = """
        ---
        title: Descent
        minutes: 5
        seed: 4
        ---

        Plain words.

        ```experiment toy-descent
        rate: 0.5
        steps: 3
        expect:
          - after_0 < 0.2
        ```

        ```exercise pick
        question: "Which?"
        choices: [first, second, third]
        answer: second
        hints: ["Think.", "Think more."]
        solution: "The second."
        ```

        ```exercise half
        question: "Half of one?"
        answer: 0.5
        tolerance: 0.01
        ```

        """

    private var chinese: String {
        english.replacingOccurrences(of: "title: Descent", with: "title: 下降\ntranslated_from: \(SHA256.hex(Array(english.utf8)))")
            .replacingOccurrences(of: "Plain words.", with: "简单的话。")
            .replacingOccurrences(of: "question: \"Which?\"", with: "question: \"哪一个？\"")
            .replacingOccurrences(of: "choices: [first, second, third]", with: "choices: [第一, 第二, 第三]")
            .replacingOccurrences(of: "answer: second", with: "answer: 第二")
            .replacingOccurrences(of: "hints: [\"Think.\", \"Think more.\"]", with: "hints: [\"想一想。\", \"再想想。\"]")
            .replacingOccurrences(of: "solution: \"The second.\"", with: "solution: \"第二个。\"")
    }

    private func problems(_ translation: String) throws -> [Diagnostic] {
        let original = try Fixture.parse(text: english, file: "lesson-01-descent.md")
        let translated = try Fixture.parse(text: translation, file: "zh/lesson-01-descent.md")
        return TranslationCheck.problems(original: original, originalBytes: Array(english.utf8), translation: translated)
    }

    func testATranslationOfOnlyTheWordsHasNoProblem() throws {
        XCTAssertEqual(try problems(chinese).map(\.description), [])
    }

    func testEveryChangeToWhatRunsOrChecksIsAnErrorAtItsCell() throws {
        let changes: [(String, String, String)] = [
            ("steps: 3", "steps: 4", "cell 1 differs"),
            ("  - after_0 < 0.2", "  - after_0 < 0.3", "cell 1 differs"),
            ("answer: 第二", "answer: 第三", "its 'answer (which choice)' differs"),
            ("choices: [第一, 第二, 第三]", "choices: [第一, 第二]", "its 'choices (their number)' differs"),
            ("hints: [\"想一想。\", \"再想想。\"]", "hints: [\"想一想。\"]", "its 'hints (their number)' differs"),
            ("tolerance: 0.01", "tolerance: 0.1", "its 'tolerance' differs"),
            ("answer: 0.5", "answer: 0.25", "its 'answer' differs"),
            ("```exercise half", "```exercise halves", "the exercise is 'halves', not 'half'"),
            ("seed: 4", "seed: 5", "front matter's minutes, requires, seed or format differ"),
        ]
        for (old, new, expected) in changes {
            let changed = chinese.replacingOccurrences(of: old, with: new)
            XCTAssertNotEqual(changed, chinese, old)
            let errors = try problems(changed).filter { $0.severity == .error }
            XCTAssertEqual(errors.count, 1, "\(old) → \(new): \(errors)")
            XCTAssertTrue(errors.first?.message.contains(expected) == true, "\(old) → \(new): \(errors)")
        }
        // A cell left out, or one added.
        let withoutHalf = String(chinese[..<chinese.range(of: "```exercise half")!.lowerBound])
        XCTAssertTrue(try problems(withoutHalf).contains { $0.message.contains("has 2 experiment and exercise cells; lesson-01-descent.md has 3") })
        let extra = chinese + "\n```exercise more\nquestion: \"再来？\"\nanswer: 1\n```\n"
        let extraProblems = try problems(extra)
        XCTAssertTrue(extraProblems.contains { $0.message.contains("has 4 experiment and exercise cells") && $0.position?.line == extra.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "```exercise more")! + 1 },
                      "\(extraProblems)")
    }

    func testAnEnglishLessonChangedSinceTheTranslationIsAWarning() throws {
        let stale = chinese.replacingOccurrences(of: SHA256.hex(Array(english.utf8)), with: String(repeating: "0", count: 64))
        let warnings = try problems(stale)
        XCTAssertEqual(warnings.map(\.severity), [.warning])
        XCTAssertTrue(warnings[0].message.contains("has changed since this translation was made"))
        XCTAssertTrue(warnings[0].hint?.contains("translated_from: \(SHA256.hex(Array(english.utf8)))") == true)
        XCTAssertEqual(warnings[0].position?.line, 3)
        let unrecorded = chinese.replacingOccurrences(of: "translated_from: \(SHA256.hex(Array(english.utf8)))\n", with: "")
        XCTAssertEqual(try problems(unrecorded).map(\.severity), [.warning])
        XCTAssertTrue(try diagnostics(Fixture.parse(text: "---\ntitle: x\ntranslated_from: abc\n---\n")).first?.message
            .contains("is not a SHA-256") == true)
    }

    func testLintFindsTheEnglishBesideTheEditionFolderAndATranslationWithoutOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edition-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/zh", withIntermediateDirectories: true)
        try english.write(toFile: folder + "/lesson-01-descent.md", atomically: true, encoding: .utf8)
        try chinese.replacingOccurrences(of: "steps: 3", with: "steps: 9").write(toFile: folder + "/zh/lesson-01-descent.md", atomically: true, encoding: .utf8)
        try chinese.write(toFile: folder + "/zh/lesson-02-other.md", atomically: true, encoding: .utf8)
        let linter = LessonLinter(parser: LessonParser(catalog: testCatalog))
        let problems = linter.lint([folder + "/zh/lesson-01-descent.md", folder + "/zh/lesson-02-other.md"], library: nil)
        XCTAssertTrue(problems.contains { $0.file == folder + "/zh/lesson-01-descent.md" && $0.message.contains("cell 1 differs") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.file == folder + "/zh/lesson-02-other.md" && $0.message.contains("has no English lesson") }, "\(problems)")
        XCTAssertEqual(Editions.lesson(folder + "/lesson-01-descent.md", in: .chinese).path, folder + "/zh/lesson-01-descent.md")
        XCTAssertEqual(Editions.lesson(folder + "/lesson-01-descent.md", in: .english).path, folder + "/lesson-01-descent.md")
        let missing = Editions.lesson(folder + "/lesson-03-none.md", in: .chinese)
        XCTAssertEqual(missing.path, folder + "/lesson-03-none.md")
        XCTAssertFalse(missing.translated)
        XCTAssertEqual(Editions.original(of: folder + "/zh/lesson-01-descent.md")?.path, folder + "/lesson-01-descent.md")
        XCTAssertEqual(Editions.counterparts(of: folder + "/lesson-01-descent.md"), [folder + "/zh/lesson-01-descent.md"])
    }

    // MARK: Answers shared between editions

    func testAChoiceIsAcceptedByLetterOrByItsTextInEitherEdition() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edition-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/zh", withIntermediateDirectories: true)
        try english.write(toFile: folder + "/lesson-01-descent.md", atomically: true, encoding: .utf8)
        try chinese.write(toFile: folder + "/zh/lesson-01-descent.md", atomically: true, encoding: .utf8)
        let parser = LessonParser(catalog: testCatalog)
        let checker = ExerciseChecker(seed: 0, codeRunner: nil)
        for path in [folder + "/lesson-01-descent.md", folder + "/zh/lesson-01-descent.md"] {
            let parsedLesson = try parser.parseEdition(contentsOf: path)
            let pick = try XCTUnwrap(parsedLesson.exercises.first)
            for typed in ["b", "Ｂ", "（b）", "second", " SECOND ", "第二", "第二　"] {
                XCTAssertNil(pick.refusal(of: typed), "\(path): \(typed)")
                let result = checker.check(pick, answer: AnswerValue(node: .init(typed), position: .start), answersFile: "a.yaml")
                XCTAssertEqual(result.status, .passed, "\(path): \(typed): \(result.detail)")
            }
            for typed in ["a", "first", "第一", "第三"] {
                let result = checker.check(pick, answer: AnswerValue(node: .init(typed), position: .start), answersFile: "a.yaml")
                XCTAssertEqual(result.status, .failed, "\(path): \(typed)")
            }
            XCTAssertNotNil(pick.refusal(of: "第四"))
        }
        // Without the other edition, the other language's text is not a choice.
        let alone = try XCTUnwrap(parser.parse(contentsOf: folder + "/lesson-01-descent.md").exercises.first)
        XCTAssertNotNil(alone.refusal(of: "第二"))
        // The wrong choice is named in the edition being checked.
        let chinesePick = try XCTUnwrap(parser.parseEdition(contentsOf: folder + "/zh/lesson-01-descent.md").exercises.first)
        XCTAssertEqual(checker.check(chinesePick, answer: AnswerValue(node: .init("first"), position: .start), answersFile: "a.yaml").detail,
                       "'第一' is not the right choice")
    }

    func testFullWidthDigitsAndSignsAreNumbers() {
        let cases: [(String, Double)] = [("０.５", 0.5), ("０．５", 0.5), ("1／2", 0.5), ("－０.２５", -0.25), ("５０％", 0.5),
                                         ("（1＋1）／4", 0.5), ("２＾3", 8), ("　0.5　", 0.5)]
        for (typed, value) in cases {
            XCTAssertEqual(try? NumericAnswer.value(of: typed).get(), value, typed)
        }
        // A full-width comma is as ambiguous as an ASCII one.
        guard case .failure(let problem) = NumericAnswer.value(of: "2，303") else { return XCTFail("2，303 read as a number") }
        XCTAssertTrue(problem.reason.contains("comma"), problem.reason)
    }
}
