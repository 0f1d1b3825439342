import Foundation
@testable import Lessons
import XCTest
import Yams

/// Results are data: every format is drawn from the result value, so a run served from the cache prints
/// the same bytes as a fresh one in every format, and the Markdown export runs as the lesson itself.
/// Each lesson is computed once; everything else is drawn from that computation or from the cache.
final class ResultFormatTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private static let styles = [
        TerminalStyle(width: 80),
        TerminalStyle(width: 100, charset: .unicode, color: true),
        TerminalStyle(width: 60, charset: .ascii),
    ]

    private var schema: JSONSchemaCheck {
        get throws {
            let text = try String(contentsOf: LearnProcess.repository.appendingPathComponent("docs/json-format.schema.json"), encoding: .utf8)
            return JSONSchemaCheck(root: try JSONValue.parse(text))
        }
    }

    func testEveryFormatFromTheCacheEqualsFreshForEveryLesson() throws {
        let parser = LessonParser(catalog: experimentCatalogForTests)
        let cache = ResultCache(folder: folder.appendingPathComponent("cache").path, programIdentity: "test")
        let schema = try self.schema
        let names = try FileManager.default.contentsOfDirectory(atPath: LearnProcess.lessons)
            .filter { $0.hasPrefix("lesson-") && $0.hasSuffix(".md") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 10)
        // Every word a lesson shows, its results' and its chrome's, has a Chinese entry: each lesson is
        // drawn again in Chinese from its one computation, noting every key the catalog lacks.
        let (chinese, missing) = try XCTUnwrap(MessageCatalog.named("zh")).recordingMissingKeys()
        defer {
            XCTAssertEqual(missing.sorted, [], "keys missing from Sources/Lessons/Catalogs/zh.yaml:\n"
                + missing.sorted.map { "\"\(Self.yamlEscaped($0))\": \"\"" }.joined(separator: "\n"))
        }
        for name in names {
            let lesson = try parser.parse(contentsOf: LearnProcess.lessons + "/" + name)
            let plain = Self.styles[0]

            // The one computation: fresh, stored in the cache.
            var runner = LessonRunner(style: plain)
            runner.cache = cache
            runner.fresh = true
            var freshText = ""
            let fresh = runner.run(lesson) { freshText += $0 }
            XCTAssertEqual(fresh.cacheHits, 0, name)
            // Every claim holds (EveryLessonTests checks the same through the binary, for all but the capstone).
            XCTAssertEqual(fresh.failures.map(\.description), [], name)
            XCTAssertEqual((fresh.failedClaims + fresh.uncheckedClaims).map(\.description), [], name)
            XCTAssertEqual(LessonRunner.replay(lesson, fresh, style: plain), freshText, "\(name): a replay draws what the run printed")
            let inChinese = TerminalStyle(width: 80, catalog: chinese)
            let chineseText = LessonRunner.replay(lesson, fresh, style: inChinese)
            XCTAssertNotEqual(chineseText, freshText, "\(name) reads otherwise in Chinese")
            _ = MarkdownExport.render(lesson, fresh, style: inChinese)
            _ = try JSONExport.render(lesson, fresh, catalog: chinese)

            runner.fresh = false
            for style in Self.styles {
                runner.style = style
                var cachedText = ""
                let cached = runner.run(lesson) { cachedText += $0 }
                XCTAssertEqual(cached.cacheHits, lesson.experiments.count, "\(name): every result comes from the cache")
                XCTAssertEqual(cachedText, LessonRunner.replay(lesson, fresh, style: style), "\(name) at \(style.width) columns")
                XCTAssertEqual(try JSONExport.render(lesson, cached), try JSONExport.render(lesson, fresh), "\(name): JSON")
                XCTAssertEqual(MarkdownExport.render(lesson, cached, style: style), MarkdownExport.render(lesson, fresh, style: style),
                               "\(name): Markdown")
                XCTAssertEqual(try Self.bytes(cached.results), try Self.bytes(fresh.results), "\(name): the values themselves")
            }

            // The JSON export conforms to its schema.
            let json = try JSONValue.parse(try JSONExport.render(lesson, fresh))
            XCTAssertEqual(schema.problems(json), [], name)

            // The Markdown export, run, prints what the lesson prints (its results drawn anew, from the cache).
            for withSolutions in [false, true] {
                let export = MarkdownExport.render(lesson, fresh, style: plain, withSolutions: withSolutions)
                let again = try parser.parse(bytes: Array(export.utf8), file: "exported.md")
                var text = ""
                let rerun = runner.withStyle(plain).run(again) { text += $0 }
                XCTAssertEqual(rerun.cacheHits, lesson.experiments.count, name)
                XCTAssertEqual(text, freshText, "\(name): the export runs as the lesson (with solutions: \(withSolutions))")
            }

            try checkTranslation(of: name, parser: parser, cache: cache, catalog: chinese)
        }
    }

    /// The Chinese edition of `name` runs the same cells as the English: every result comes from the
    /// English run's cache (a second edition costs no compute), every claim holds, its answer
    /// exercises' own answers check, and its Markdown export reads back and runs from the cache too.
    private func checkTranslation(of name: String, parser: LessonParser, cache: ResultCache, catalog: MessageCatalog) throws {
        let path = LearnProcess.lessons + "/zh/" + name
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "\(name) has a Chinese edition")
        guard FileManager.default.fileExists(atPath: path) else { return }
        let lesson = try parser.parse(contentsOf: path)
        var runner = LessonRunner(style: TerminalStyle(width: 80, catalog: catalog))
        runner.cache = cache
        var text = ""
        let outcome = runner.run(lesson) { text += $0 }
        XCTAssertEqual(outcome.cacheHits, lesson.experiments.count, "zh/\(name): every result comes from the English run's cache")
        XCTAssertEqual(outcome.failures.map(\.description), [], "zh/\(name)")
        XCTAssertEqual((outcome.failedClaims + outcome.uncheckedClaims).map(\.description), [], "zh/\(name)")
        let checker = ExerciseChecker(seed: lesson.metadata.seed ?? 0, codeRunner: nil)
        for exercise in lesson.exercises {
            guard case .answer(let spec) = exercise.kind, case .text = spec.expected else { continue }
            XCTAssertEqual(checker.checkReference(exercise).status, .passed, "zh/\(name): \(exercise.id)")
        }
        let export = MarkdownExport.render(lesson, outcome, style: runner.style, withSolutions: true)
        let again = try parser.parse(bytes: Array(export.utf8), file: "exported-zh.md")
        var rerunText = ""
        let rerun = runner.run(again) { rerunText += $0 }
        XCTAssertEqual(rerun.cacheHits, lesson.experiments.count, "zh/\(name): the export")
        XCTAssertEqual(rerunText, text, "zh/\(name): the Chinese export runs as the Chinese lesson")
    }

    func testTheExportLeavesOutAnswersHintsAndSolutionsUnlessAsked() throws {
        let parser = LessonParser(catalog: experimentCatalogForTests)
        let lesson = try parser.parse(contentsOf: LearnProcess.lessons + "/lesson-03-sgd-vs-momentum.md")
        var runner = LessonRunner(style: TerminalStyle(width: 80))
        runner.cache = ResultCache(folder: folder.appendingPathComponent("cache").path, programIdentity: "test")
        let outcome = runner.run(lesson) { _ in }
        let shared = MarkdownExport.render(lesson, outcome, style: runner.style)
        let full = MarkdownExport.render(lesson, outcome, style: runner.style, withSolutions: true)
        for exercise in lesson.exercises {
            for hint in exercise.hints {
                XCTAssertFalse(shared.contains(hint), "the hint of \(exercise.id) is left out")
                XCTAssertTrue(full.contains(hint), "--with-solutions keeps the hint of \(exercise.id)")
            }
            if let solution = exercise.solution {
                XCTAssertFalse(shared.contains(solution), "the solution of \(exercise.id) is left out")
            }
        }
        XCTAssertFalse(shared.contains("answer: 10"), "the answer to effective-step is left out")
        XCTAssertTrue(full.contains("answer: 10"))
        let again = try parser.parse(bytes: Array(shared.utf8), file: "shared.md")
        XCTAssertEqual(again.displayID, "lesson-03", "the export names the lesson it came from")
        let checker = ExerciseChecker(seed: 0, codeRunner: nil)
        let withheld = try XCTUnwrap(again.exercises.first { $0.id == "effective-step" })
        let check = checker.check(withheld, answer: AnswerValue(node: Node("10"), position: .start), answersFile: "answers")
        XCTAssertNotEqual(check.status, .passed, "a withheld answer can't be checked against the export")
        XCTAssertTrue(check.detail.contains("leaves the answer out"), check.detail)
    }

    func testAnExportRunWithAnotherSeedRecordsThatSeed() throws {
        let parser = LessonParser(catalog: experimentCatalogForTests)
        let lesson = try parser.parse(contentsOf: LearnProcess.lessons + "/lesson-01-cross-entropy.md")
        var runner = LessonRunner(style: TerminalStyle(width: 80), seed: 7)
        runner.cache = ResultCache(folder: folder.appendingPathComponent("cache").path, programIdentity: "test")
        var text = ""
        let outcome = runner.run(lesson) { text += $0 }
        let export = MarkdownExport.render(lesson, outcome, style: runner.style)
        let again = try parser.parse(bytes: Array(export.utf8), file: "exported.md")
        XCTAssertEqual(again.metadata.seed, 7)
        var rerun = ""
        runner.seed = nil
        runner.run(again) { rerun += $0 }
        XCTAssertEqual(rerun, text)
    }

    func testARunAfterTheTestsComputesNothing() throws {
        let parser = LessonParser(catalog: experimentCatalogForTests)
        let cache = ResultCache(folder: folder.appendingPathComponent("cache").path, programIdentity: "test")
        let path = LearnProcess.lessons + "/lesson-03-sgd-vs-momentum.md"
        let report = LessonTester(parser: parser, cache: cache).test(path)
        XCTAssertEqual(report.failures.count, 0)
        var runner = LessonRunner(style: TerminalStyle(width: 80))
        runner.cache = cache
        let outcome = runner.run(try parser.parse(contentsOf: path)) { _ in }
        XCTAssertEqual(outcome.cacheHits, report.experiments)
        XCTAssertGreaterThan(outcome.cacheHits, 0)
    }

    /// `text` as the inside of a double-quoted YAML string.
    static func yamlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func bytes(_ results: [ExperimentResult?]) throws -> Data {
        try ResultCoding.encoder().encode(results)
    }
}

extension LessonRunner {
    fileprivate func withStyle(_ style: TerminalStyle) -> LessonRunner {
        var runner = self
        runner.style = style
        return runner
    }
}
