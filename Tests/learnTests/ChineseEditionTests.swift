import Foundation
@testable import Lessons
import XCTest

/// The Chinese edition (`lessons/zh/`): every lesson translated, running exactly the English cells,
/// chosen by `--lang`, `LEARN_LANG` or the locale, falling back to English with a note, and sharing
/// answers and progress with the English edition.
final class ChineseEditionTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-zh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("lessons"),
                                                   withDestinationURL: URL(fileURLWithPath: LearnProcess.lessons))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testEveryLessonHasAChineseEditionWithTheSameCellsMadeFromTheCurrentEnglish() throws {
        let parser = LessonParser(catalog: experimentCatalogForTests)
        let english = try LessonLibrary(folder: LearnProcess.lessons)
        let chinese = try LessonLibrary(folder: LearnProcess.lessons + "/zh")
        XCTAssertEqual(chinese.entries.map(\.id), english.entries.map(\.id), "every lesson is translated, under the same file name")
        XCTAssertEqual(chinese.entries.map { ($0.path as NSString).lastPathComponent },
                       english.entries.map { ($0.path as NSString).lastPathComponent })
        for entry in english.entries {
            let translationPath = Editions.translationPath(of: entry.path, in: .chinese)
            guard FileManager.default.fileExists(atPath: translationPath) else { continue }
            let bytes = try XCTUnwrap(FileBytes.read(atPath: entry.path))
            let original = try parser.parse(bytes: bytes, file: entry.path)
            let translation = try parser.parse(contentsOf: translationPath)
            // No error (same cells, kinds, parameters, claims, ids, answers, tolerances), and no
            // warning: the translation was made from the English as it is now.
            XCTAssertEqual(TranslationCheck.problems(original: original, originalBytes: bytes, translation: translation).map(\.description), [],
                           entry.id.description)
            XCTAssertNotEqual(translation.metadata.title, original.metadata.title, "\(entry.id): the title is translated")
            XCTAssertTrue(translation.metadata.title.unicodeScalars.contains { $0.properties.isIdeographic }, "\(entry.id): \(translation.metadata.title)")
            for (a, b) in zip(original.exercises, translation.exercises) where !a.choices.isEmpty {
                XCTAssertNotEqual(a.choices, b.choices, "\(entry.id) \(a.id): the choices are translated")
            }
        }
    }

    func testTheLanguageIsTheFlagsThenLEARN_LANGThenTheLocales() throws {
        let chineseTitle = try LessonParser(catalog: experimentCatalogForTests)
            .parse(contentsOf: LearnProcess.lessons + "/zh/lesson-03-sgd-vs-momentum.md").metadata.title
        XCTAssertFalse(chineseTitle.isEmpty)
        let cases: [([String], [String: String], Bool)] = [
            (["list"], [:], false),
            (["list"], ["LANG": "zh_CN.UTF-8"], true),
            (["list"], ["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"], true),
            (["list"], ["LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"], true),
            (["list", "--lang", "en"], ["LANG": "zh_CN.UTF-8"], false),
            (["list"], ["LEARN_LANG": "zh"], true),
            (["list", "--lang", "en"], ["LEARN_LANG": "zh"], false),
            (["list", "--lang", "zh"], [:], true),
        ]
        for (arguments, environment, chinese) in cases {
            let result = try LearnProcess.run(arguments + ["--color", "never", "--width", "120"], in: folder, environment: environment)
            XCTAssertEqual(result.status, 0, "\(arguments) \(environment): \(result.stderr)")
            XCTAssertEqual(result.stdout.contains(chineseTitle), chinese, "\(arguments) \(environment)")
            XCTAssertEqual(result.stdout.contains("SGD versus momentum"), !chinese, "\(arguments) \(environment)")
            XCTAssertEqual(result.stdout.hasPrefix("图像分类模型是怎样训练出来的"), chinese, "the course's own title in its edition: \(result.stdout.prefix(80))")
        }
        let refused = try LearnProcess.run(["list", "--lang", "fr"], in: folder)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("--lang is 'fr', a language learn doesn't speak"), refused.stderr)
        let badEnvironment = try LearnProcess.run(["list"], in: folder, environment: ["LEARN_LANG": "xx"])
        XCTAssertEqual(badEnvironment.status, 2)
        XCTAssertTrue(badEnvironment.stderr.contains("LEARN_LANG"), badEnvironment.stderr)
    }

    func testALessonWithoutATranslationIsShownInEnglishWithANote() throws {
        // A course whose Chinese edition has lesson 3 only.
        let course = folder.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: course.appendingPathComponent("zh"), withIntermediateDirectories: true)
        for name in ["course.yaml", "lesson-01-cross-entropy.md", "lesson-03-sgd-vs-momentum.md"] {
            try FileManager.default.copyItem(atPath: LearnProcess.lessons + "/" + name, toPath: course.appendingPathComponent(name).path)
        }
        try FileManager.default.copyItem(atPath: LearnProcess.lessons + "/zh/lesson-03-sgd-vs-momentum.md",
                                         toPath: course.appendingPathComponent("zh/lesson-03-sgd-vs-momentum.md").path)
        let run = try LearnProcess.run(["run", "1", "--lang", "zh", "--lessons", course.path, "--color", "never"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("Cross-entropy"), String(run.stdout.prefix(200)))
        XCTAssertTrue(run.stderr.contains("lesson-01"), run.stderr)
        let translated = try LearnProcess.run(["run", "3", "--lang", "zh", "--lessons", course.path, "--color", "never"], in: folder)
        XCTAssertEqual(translated.status, 0, translated.stderr)
        XCTAssertEqual(translated.stderr, "", "a translated lesson needs no note")
        XCTAssertFalse(translated.stdout.hasPrefix("SGD versus momentum"))
        // Both editions are one course: the Chinese run computed nothing the English run had not.
        let english = try LearnProcess.run(["run", "3", "--lessons", course.path, "--color", "never"], in: folder)
        XCTAssertEqual(english.status, 0, english.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(".learn/courses").path),
                       [LearnProcess.courseID], "one course, one state folder")
    }

    func testAnAnswerGivenInOneEditionPassesInTheOther() throws {
        let parser = LessonParser(catalog: experimentCatalogForTests)
        let english = try parser.parse(contentsOf: LearnProcess.lessons + "/lesson-06-initialization.md")
        let chinese = try parser.parse(contentsOf: LearnProcess.lessons + "/zh/lesson-06-initialization.md")
        let (englishPick, chinesePick) = try (XCTUnwrap(english.exercises.first { !$0.choices.isEmpty }),
                                              XCTUnwrap(chinese.exercises.first { !$0.choices.isEmpty }))
        guard case .answer(let spec) = chinesePick.kind, case .text(let answer) = spec.expected else { return XCTFail("no choice answer") }
        // Answered in Chinese, with the Chinese lesson …
        let answered = try LearnProcess.run(["answer", "6", chinesePick.id, answer, "--lang", "zh"], in: folder)
        XCTAssertEqual(answered.status, 0, answered.stderr)
        // … checked in English, it passes; and so does an English answer checked in Chinese.
        let checked = try LearnProcess.run(["check", "6", "--exercise", englishPick.id, "--lang", "en", "--color", "never"], in: folder)
        XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
        XCTAssertTrue(checked.stdout.contains("0 failed"), checked.stdout)
        let index = try XCTUnwrap(chinesePick.choices.firstIndex(of: answer))
        let again = try LearnProcess.run(["answer", "6", englishPick.id, englishPick.choices[index], "--lang", "en"], in: folder)
        XCTAssertEqual(again.status, 0, again.stderr)
        let checkedInChinese = try LearnProcess.run(["check", "6", "--exercise", englishPick.id, "--lang", "zh", "--color", "never"], in: folder)
        XCTAssertEqual(checkedInChinese.status, 0, checkedInChinese.stdout + checkedInChinese.stderr)
        // A wrong choice, typed in English, is named in Chinese when checked in Chinese.
        let wrong = (index + 1) % chinesePick.choices.count
        _ = try LearnProcess.run(["answer", "6", englishPick.id, englishPick.choices[wrong]], in: folder)
        let failed = try LearnProcess.run(["check", "6", "--exercise", englishPick.id, "--lang", "zh", "--color", "never", "--width", "400"], in: folder)
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stdout.contains(chinesePick.choices[wrong]), failed.stdout)
    }
}
