import Foundation
import XCTest
import Yams
@testable import Lessons

/// The shipped message catalogs: they read, they agree on their keys and placeholders, the program
/// embeds them as they are, and every word of `learn check`, `hint` and `list` has a Chinese entry.
/// (The words of every lesson's results and chrome are checked where each lesson is computed:
/// learnTests' ResultFormatTests.)
final class CatalogTests: XCTestCase {
    private static let catalogFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Lessons/Catalogs")

    private func shipped(_ language: String) throws -> MessageCatalog {
        let text = try XCTUnwrap(ShippedCatalogs.sources[language], "no embedded catalog '\(language)'")
        return try MessageCatalog.parse(yaml: text, language: language, file: "\(language).yaml")
    }

    func testTheEmbeddedCatalogsAreTheFilesAsTheyAre() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.catalogFolder.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(files.map { String($0.dropLast(5)) }, MessageCatalog.shippedLanguages)
        for file in files {
            let text = try String(contentsOf: Self.catalogFolder.appendingPathComponent(file), encoding: .utf8)
            XCTAssertEqual(ShippedCatalogs.sources[String(file.dropLast(5))], text.hasSuffix("\n") ? String(text.dropLast()) : text,
                           "\(file) changed since it was embedded: run scripts/embed-catalogs.sh")
        }
    }

    func testEnglishAndChineseHaveTheSameKeysAndPlaceholders() throws {
        let english = try shipped("en"), chinese = try shipped("zh")
        XCTAssertGreaterThan(english.messages.count, 100)
        XCTAssertEqual(Set(chinese.messages.keys).subtracting(english.messages.keys).sorted(), [], "in zh.yaml only")
        XCTAssertEqual(Set(english.messages.keys).subtracting(chinese.messages.keys).sorted(), [], "in en.yaml only")
        for (key, template) in english.messages {
            XCTAssertEqual(template, key, "en.yaml lists each key as its own template")
        }
        for (key, template) in chinese.messages {
            XCTAssertEqual(MessageCatalog.placeholders(template), MessageCatalog.placeholders(key), key)
        }
        XCTAssertEqual(MessageCatalog.named("zh"), chinese)
        XCTAssertEqual(MessageCatalog.for(language: "zh"), chinese)
        XCTAssertEqual(MessageCatalog.for(language: "en"), .english)
        XCTAssertEqual(MessageCatalog.for(language: "fr"), .english, "a language without a catalog reads in English")
    }

    func testAMalformedCatalogIsRefusedAtItsLine() {
        func problem(_ yaml: String) -> String {
            do {
                _ = try MessageCatalog.parse(yaml: yaml, language: "zh", file: "zh.yaml")
                return "read"
            } catch {
                return (error as? Diagnostic)?.description ?? "\(error)"
            }
        }
        XCTAssertTrue(problem("\"a\": \"甲\"\n\"a\": \"乙\"\n").hasPrefix("zh.yaml:1:1: error: a message catalog gives 'a' more than once"))
        XCTAssertTrue(problem("\"ok\": \"好\"\n\"{0} steps\": \"{1} 步\"\n").hasPrefix("zh.yaml:2:14: error: the message catalog 'zh' gives"))
        XCTAssertTrue(problem("- a\n- b\n").contains("is a mapping of keys to templates"), problem("- a\n- b\n"))
        XCTAssertTrue(problem("\"a\": [1, 2]\n").contains("each key and template of a message catalog is text"), problem("\"a\": [1, 2]\n"))
        XCTAssertTrue(problem("\"a\": \"{0\"\n").contains("unbalanced brace"))
        XCTAssertEqual(problem("# only a comment\n"), "read")
    }

    func testOnlyKeysWithWordsNeedAnEntry() {
        XCTAssertFalse(MessageCatalog.needsTranslation("{0}"))
        XCTAssertFalse(MessageCatalog.needsTranslation("{0}, {1}"))
        XCTAssertFalse(MessageCatalog.needsTranslation("η = {0}"))
        XCTAssertTrue(MessageCatalog.needsTranslation("{0} diverged"))
        let (catalog, missing) = MessageCatalog.english.recordingMissingKeys()
        _ = catalog.text("\(Phrase(verbatim: "sgd_lr0.4")) at \(3)")
        XCTAssertEqual(missing.sorted, ["{0} at {1}"], "a verbatim name is a value, not a key")
    }

    // MARK: - What learn check, hint and list write, in Chinese

    private let lesson = try! Fixture.parse(text: """
        ---
        title: Checks
        ---

        ```exercise how-many
        question: "How many?"
        answer: 10
        tolerance: 0.5
        ```

        ```exercise pick
        question: "Which?"
        choices: [first, second]
        answer: second
        ```

        ```exercise word
        question: "Which word?"
        answer: momentum
        ```

        ```exercise low
        question: "Choose a rate that brings the first start near zero."
        experiment: toy-descent
        ask: [rate]
        expect: ["after_0 < 0.1"]
        reference: {rate: 0.9}
        ```

        """)

    func testCheckVerdictsAndReasonsAreInChinese() throws {
        let (chinese, missing) = try XCTUnwrap(MessageCatalog.named("zh")).recordingMissingKeys()
        let renderer = CheckRenderer(style: TerminalStyle(width: 80, catalog: chinese))
        let checker = ExerciseChecker(seed: 0, codeRunner: nil)
        let answers: [String: [String?]] = [
            "how-many": ["12", "8", "abc", "sqrt(2)", "10", nil, "[1, 2]"],
            "pick": ["first", "zzz", "b", nil],
            "word": ["velocity", "momentum", nil],
            "low": ["{rate: 0.1}", "{rate: 0.9}", "{steps: 2}", "{rate: 5}", "0.5", "{}", nil],
        ]
        var results: [CheckResult] = []
        for exercise in lesson.exercises {
            for typed in try XCTUnwrap(answers[exercise.id]) {
                let answer = try typed.map { AnswerValue(node: try XCTUnwrap(try Yams.compose(yaml: $0)), position: .start) }
                results.append(checker.check(exercise, answer: answer, answersFile: "answers/a.yaml"))
            }
        }
        XCTAssertEqual(Set(results.map(\.status)), [.passed, .failed, .notTried, .invalid])
        let outcomes: [CodeCheckOutcome] = [
            .passed(cases: 20), .wrongValue(input: "x", expected: "1", actual: "2"), .wrongShape(input: "x", expected: "[2]", actual: "[3]"),
            .notFinite(input: "x", actual: "nan"), .wrongGradient(input: "x", expected: "1", actual: "2"),
            .doesNotCompile(errors: Array(repeating: "E.swift:1:1: error: x", count: 7)),
            .crashed(message: "index out of range", location: "E.swift:3:5", input: "x"), .notWritten(file: "E.swift"),
            .tooSlow(detail: "10 s of CPU", location: nil, input: "x"),
        ]
        results += outcomes.map { CheckResult(id: "code", status: $0.passed ? .passed : .failed, reason: $0.reason) }
        results.append(CheckResult(id: "before", status: .failed, reason: "passed before"))
        results.append(CheckResult(id: "withheld", status: .invalid, reason: AnswerSpec.withheldNote))
        let text = renderer.lesson(lesson, results) + "\n" + renderer.summary(results)
        XCTAssertEqual(missing.sorted, [], "keys missing from zh.yaml")
        XCTAssertTrue(text.contains("太高"), text)
        XCTAssertTrue(text.contains("太低"), text)
        XCTAssertFalse(text.contains("too high"), text)
        XCTAssertFalse(text.contains(" passed"), text)
        // What a student types stays a command.
        let exercises = lesson.exercises.map { CellRenderer(style: TerminalStyle(width: 80, catalog: chinese)).exercise($0, lesson: "lesson-01") }
        XCTAssertTrue(exercises[0].contains("learn answer lesson-01 how-many VALUE"), exercises[0])
        XCTAssertTrue(exercises[3].contains("learn answer lesson-01 low '{rate: …}'"), exercises[3])
        XCTAssertEqual(missing.sorted, [])
    }

    func testEveryReasonANumberOrAnAnswerIsRefusedIsInChinese() throws {
        let (chinese, missing) = try XCTUnwrap(MessageCatalog.named("zh")).recordingMissingKeys()
        // One typed answer for each reason a number can't be read, and for each kind of refusal.
        let numbers = [String(repeating: "1", count: 201), "ln(0)", "1/0 - 1/0", "", "1)", "1/", "(1", "2,5", "abc", "sqrt",
                       String(repeating: "(", count: 45) + "1" + String(repeating: ")", count: 45), "1 +", "1 2", "*"]
        var shown: [String] = []
        for typed in numbers {
            guard case .failure(let problem) = NumericAnswer.value(of: typed) else { XCTFail("\(typed) read as a number"); continue }
            shown.append(chinese.text(problem.reasonPhrase) + " " + chinese.text(problem.hintPhrase))
        }
        let byID = Dictionary(uniqueKeysWithValues: lesson.exercises.map { ($0.id, $0) })
        for (id, typed) in [("how-many", "[1, 2]"), ("how-many", "abc"), ("pick", "zzz"), ("low", "0.5"), ("low", "{steps: 2}")] {
            let refusal = try XCTUnwrap(byID[id]?.refusal(of: typed, catalog: chinese), "\(id): \(typed)")
            shown.append(refusal.message + " " + (refusal.hint ?? ""))
        }
        XCTAssertEqual(missing.sorted, [], "keys missing from zh.yaml")
        XCTAssertFalse(shown.joined().contains(" is not "), shown.joined(separator: "\n"))
        XCTAssertTrue(shown.contains { $0.contains("逗号有歧义") }, shown.joined(separator: "\n"))
    }

    func testHintsListingsAndClaimsAreInChinese() throws {
        let (chinese, missing) = try XCTUnwrap(MessageCatalog.named("zh")).recordingMissingKeys()
        let style = TerminalStyle(width: 80, catalog: chinese)
        var text = HintRenderer(style: style).hint(number: 1, count: 2, text: "看看上面的表。", solutionCommand: "learn solution 3 x")
        text += HintRenderer(style: style).hint(number: 2, count: 2, text: "再看一次。", solutionCommand: "learn solution 3 x")
        XCTAssertTrue(text.contains("`learn solution 3 x`"), text)

        let listing = CourseListing(style: style)
        var records: [Lessons.Progress.LessonProgress] = []
        for (passed, before, ran) in [([], [], false), ([], [], true), (["pick"], ["pick"], true), (["pick"], ["pick", "word"], true),
                                      (["how-many", "pick", "word", "low"], [], true), ([], ["how-many", "pick", "word", "low"], false),
                                      (["how-many", "pick", "word"], [], false)] {
            var record = Lessons.Progress.LessonProgress()
            (record.passed, record.passedBefore, record.ran) = (passed, before, ran)
            records.append(record)
        }
        let empty = try Fixture.parse(text: "---\ntitle: Empty\n---\n\nNothing to do.\n")
        let one = try Fixture.parse(text: "---\ntitle: One\n---\n\n```exercise pick\nquestion: \"?\"\nchoices: [a, b]\nanswer: a\n```\n")
        let standings = records.map { LessonStanding(lesson, $0) } + [LessonStanding(empty, records[0]), LessonStanding(empty, records[1]),
                                                                      LessonStanding(one, records[0]), LessonStanding(one, records[1])]
        for standing in standings {
            text += listing.status(standing) + chinese.text(standing.nextCommand)
        }
        XCTAssertTrue(text.contains("learn check"), text)

        let claims = try ["after_0 < 1", "noise > 5", "after_9 < 1"].map { try Claim($0) }
        let outcomes = [
            ClaimOutcome(claim: claims[0], held: true, problem: nil, values: [Metric(name: "after_0", value: .number(0.5))]),
            ClaimOutcome(claim: claims[1], held: false, problem: nil, values: [Metric(name: "noise", value: .number(2)),
                                                                               Metric(name: "flag", value: .flag(true))]),
            ClaimOutcome(claim: claims[2], held: false, problem: "no run 9", values: [], checked: false),
        ]
        let renderer = CellRenderer(style: style)
        text += renderer.claims(outcomes)
        text += try renderer.experimentHeader(XCTUnwrap(Fixture.parse(text: "---\ntitle: T\n---\n\n```experiment toy-descent\n```\n").experiments.first))
        text += renderer.header(try Fixture.parse(text: "---\ntitle: T\nminutes: 5\n---\n\nText.\n"))
        XCTAssertEqual(missing.sorted, [], "keys missing from zh.yaml")
        XCTAssertFalse(text.contains("claim"), text)
    }
}
