import Foundation
import XCTest
@testable import Lessons

/// Files are untrusted: each kind has a size bound, checked before it is read (review finding F10), and a
/// progress file that can't be read is set aside without replacing an earlier one (F9).
final class FileLimitTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testALessonPastItsBoundIsRefusedWithItsSize() throws {
        let path = folder.appendingPathComponent("big.md").path
        let prose = "---\ntitle: Big\n---\n\n" + String(repeating: "word ", count: 600_000)
        try prose.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try LessonParser(catalog: testCatalog).parse(contentsOf: path)) { error in
            let message = (error as? Diagnostic)?.message ?? "\(error)"
            XCTAssertTrue(message.contains("2.8 MB, more than the 2.0 MB a lesson may be"), message)
        }
    }

    func testALessonHoldsAHundredCellsAndACellAHundredClaimsAtMost() throws {
        let cell = "```experiment toy-descent\n```\n\n"
        XCTAssertNoThrow(try Fixture.parse(text: "---\ntitle: T\n---\n\n" + String(repeating: cell, count: 100)))
        let tooMany = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n" + String(repeating: cell, count: 101)))
        XCTAssertEqual(tooMany.map(\.position?.line), [305], "the 101st cell: 3 lines each, after 4 of front matter")
        XCTAssertTrue(tooMany.first?.message.contains("100 experiment cells at most") ?? false)
        let claims = "[" + Array(repeating: "\"after_0 < 1\"", count: 101).joined(separator: ", ") + "]"
        let found = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n```experiment toy-descent\nexpect: \(claims)\n```\n"))
        XCTAssertTrue(found.first?.message.contains("100 claims at most") ?? false, "\(found)")
    }

    func testASparseGigabyteFileIsNotRead() throws {
        let path = folder.appendingPathComponent("sparse.json").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 2 << 30)   // 2 GB of holes: no disk, but a read would take 2 GB of memory
        try handle.close()
        XCTAssertNil(FileBytes.read(atPath: path))
        XCTAssertEqual(FileBytes.size(atPath: path, over: FileBytes.defaultLimit), 2 << 30)
        let cache = ResultCache(folder: folder.path, programIdentity: "p")
        XCTAssertFalse(cache.isWhole("sparse"))
    }

    func testUnreadableProgressIsSetAsideWithoutReplacingAnEarlierOne() throws {
        let path = folder.appendingPathComponent("progress.json").path
        let store = ProgressStore(path: path)
        try "first garbage".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertNotNil(store.load().warning)
        try "second garbage".write(toFile: path, atomically: true, encoding: .utf8)
        let warning = try XCTUnwrap(store.load().warning)
        XCTAssertTrue(warning.hint?.contains("progress.json.unreadable.2") ?? false, warning.description)
        XCTAssertEqual(try String(contentsOfFile: path + ".unreadable", encoding: .utf8), "first garbage", "the first is kept")
        XCTAssertEqual(try String(contentsOfFile: path + ".unreadable.2", encoding: .utf8), "second garbage")
    }
}
