import Foundation
import XCTest
@testable import Lessons

/// `FileBytes.read`: what it reads, what it turns away, and that reading an empty file leaks
/// nothing (Foundation's `FileManager.contents(atPath:)` leaks 4 KiB each time on Linux).
final class FileBytesTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "learn-filebytes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func testReadsAFileWholeSmallEmptyOrLarge() throws {
        for count in [0, 1, 4095, 4096, 4097, 3 << 20] {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
            let path = folder + "/file-\(count)"
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            XCTAssertEqual(FileBytes.read(atPath: path), bytes, "\(count) bytes")
        }
    }

    func testMissingFolderAndFIFOAreNilWithoutBlocking() throws {
        XCTAssertNil(FileBytes.read(atPath: folder + "/missing"))
        XCTAssertNil(FileBytes.read(atPath: folder), "a folder")
        let fifo = folder + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        XCTAssertNil(FileBytes.read(atPath: fifo), "a FIFO with no writer: turned away at once")
    }

    #if os(Linux)
    func testReadsAProcFileThatReportsSizeZero() throws {
        let status = try XCTUnwrap(FileBytes.read(atPath: "/proc/self/status"))
        XCTAssertTrue(String(decoding: status, as: UTF8.self).contains("VmRSS"))
    }

    /// 2,000 reads of an empty file. Foundation's `contents(atPath:)` keeps 4 KiB of each: the
    /// main thread's heap top (`sbrk(0)`, which small allocations move up) rises by 8 MB; this
    /// keeps none. (Under a sanitizer malloc is the sanitizer's and the heap top stays put.)
    func testReadingAnEmptyFileLeaksNothing() throws {
        let path = folder + "/empty"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        _ = FileBytes.read(atPath: path)
        let before = Int(bitPattern: sbrk(0))
        var total = 0
        for _ in 0..<2000 { total += FileBytes.read(atPath: path)?.count ?? 1 }
        let grown = Int(bitPattern: sbrk(0)) - before
        XCTAssertEqual(total, 0)
        XCTAssertLessThan(grown, 1 << 20, "the heap grew by \(grown) bytes over 2,000 reads of an empty file")
    }
    #endif
}
