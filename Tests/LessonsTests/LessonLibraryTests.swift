import Foundation
import XCTest
@testable import Lessons

/// Lesson ids from file names, and finding a lesson by the name a user typed.
final class LessonLibraryTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("learn-library-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["lesson-10-convolutions.md", "lesson-01-tensors.md", "lesson-03-sgd-vs-momentum.md",
                     "lesson-02.md", "notes.md", "lesson-3-too-few-digits.md", "lesson-04-draft.txt"] {
            try Data("---\ntitle: \(name)\n---\n".utf8).write(to: folder.appendingPathComponent(name))
        }
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String {
        (folder.path as NSString).appendingPathComponent(name)
    }

    func testLessonIDFromAFileName() throws {
        let id = try XCTUnwrap(LessonID("lesson-03-sgd-vs-momentum.md"))
        XCTAssertEqual(id.description, "lesson-03")
        XCTAssertEqual(id.number, 3)
        XCTAssertEqual(id.digits, "03")
        XCTAssertEqual(id.slug, "sgd-vs-momentum")
        XCTAssertEqual(LessonID("lesson-03")?.slug, nil)
        XCTAssertEqual(LessonID("lesson-03.md")?.description, "lesson-03")
        XCTAssertEqual(LessonID("lesson-120-x")?.number, 120)
    }

    func testInvalidLessonNames() {
        for name in ["notes.md", "lesson-3.md", "lesson-3-slug.md", "lesson-.md", "lesson-03-.md", "lesson-03x.md",
                     "lessons-03.md", "Lesson-03.md", "lesson-03_sgd.md", "lesson--03.md", ""] {
            XCTAssertNil(LessonID(name), name)
        }
    }

    func testLessonIDsSortByNumber() throws {
        let ids = try ["lesson-10", "lesson-02", "lesson-01"].map { try XCTUnwrap(LessonID($0)) }
        XCTAssertEqual(ids.sorted().map(\.description), ["lesson-01", "lesson-02", "lesson-10"])
    }

    func testLibraryListsLessonFilesInLessonOrder() throws {
        let library = try LessonLibrary(folder: folder.path)
        XCTAssertEqual(library.entries.map(\.id.description), ["lesson-01", "lesson-02", "lesson-03", "lesson-10"])
        XCTAssertEqual(library.entries[2].path, path("lesson-03-sgd-vs-momentum.md"))
    }

    func testResolveByIDNumberSlugAndPath() throws {
        let library = try LessonLibrary(folder: folder.path)
        let lesson3 = path("lesson-03-sgd-vs-momentum.md")
        for query in ["lesson-03", "03", "3", "sgd-vs-momentum"] {
            XCTAssertEqual(try library.resolve(query), lesson3, query)
        }
        XCTAssertEqual(try library.resolve("10"), path("lesson-10-convolutions.md"))
        XCTAssertEqual(try library.resolve("lesson-02"), path("lesson-02.md"))
        XCTAssertEqual(try library.resolve("elsewhere/any-name.md"), "elsewhere/any-name.md")
        XCTAssertEqual(try library.resolve("draft.md"), "draft.md")
    }

    func testUnknownLessonListsTheLessonsAndSuggestsTheClosest() throws {
        let library = try LessonLibrary(folder: folder.path)
        XCTAssertThrowsError(try library.resolve("sgd-vs-momentun")) { error in
            let diagnostic = error as? Diagnostic
            XCTAssertEqual(diagnostic?.message, "no lesson 'sgd-vs-momentun' in \(folder.path)")
            let hint = diagnostic?.hint ?? ""
            XCTAssertTrue(hint.hasPrefix("Did you mean 'sgd-vs-momentum'?\n"), hint)
            XCTAssertTrue(hint.contains("The lessons are:\n  lesson-01  (tensors)\n  lesson-02\n  lesson-03  (sgd-vs-momentum)\n"), hint)
        }
        XCTAssertThrowsError(try library.resolve("7")) { error in
            let hint = (error as? Diagnostic)?.hint ?? ""
            XCTAssertFalse(hint.contains("Did you mean"), hint)
            XCTAssertTrue(hint.contains("lesson-10  (convolutions)"), hint)
        }
    }

    func testANumberThatNamesTwoLessonsIsAmbiguous() throws {
        try Data("---\ntitle: t\n---\n".utf8).write(to: folder.appendingPathComponent("lesson-003-again.md"))
        let library = try LessonLibrary(folder: folder.path)
        XCTAssertThrowsError(try library.resolve("3")) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "'3' names more than one lesson")
        }
        XCTAssertEqual(try library.resolve("lesson-003"), path("lesson-003-again.md"))
    }

    func testMissingFolderAndEmptyFolder() throws {
        XCTAssertThrowsError(try LessonLibrary(folder: path("missing"))) { error in
            XCTAssertTrue((error as? Diagnostic)?.message.contains("does not exist") ?? false, "\(error)")
        }
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        XCTAssertThrowsError(try LessonLibrary(folder: empty.path).resolve("1")) { error in
            XCTAssertTrue((error as? Diagnostic)?.hint?.contains("There are no lessons in") ?? false, "\(error)")
        }
    }

    func testParsingAFileThatIsMissingOrAFolder() {
        let parser = LessonParser(catalog: testCatalog)
        XCTAssertEqual(diagnostics(try parser.parse(contentsOf: path("nope.md"))).first?.message, "no such lesson file")
        XCTAssertEqual(diagnostics(try parser.parse(contentsOf: folder.path, file: "dir")).first?.description,
                       "dir: error: this is a folder, not a lesson file\n  Name a .md file, or use --lessons DIR.")
    }
}
