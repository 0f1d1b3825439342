import CZlib
import Foundation
import XCTest
@testable import FileFormats

/// The IDX reader on files the tests write (plain and gzip), on damaged and hostile ones, and on the
/// real Fashion-MNIST when it is installed (always under CI, where a missing dataset fails).
final class IDXTests: XCTestCase {
    /// An IDX file of unsigned bytes with these dimensions and values.
    private func idx(_ dimensions: [Int], _ values: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for dimension in dimensions {
            bytes += [24, 16, 8, 0].map { UInt8((dimension >> $0) & 0xFF) }
        }
        return bytes + values
    }

    /// `bytes` compressed as a gzip stream, with zlib.
    private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        XCTAssertEqual(deflateInit2_(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                                     Int32(MemoryLayout<z_stream>.size)), Z_OK)
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        XCTAssertEqual(status, Z_STREAM_END)
        return Array(output.prefix(Int(stream.total_out)))
    }

    private func problem(_ bytes: [UInt8], expected: [Int?]? = nil, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try IDXFile.read(bytes, expectedDimensions: expected)
            XCTFail("the file was read", file: file, line: line)
            return ""
        } catch let problem as IDXFile.Problem {
            return problem.description
        } catch {
            XCTFail("not a Problem: \(error)", file: file, line: line)
            return ""
        }
    }

    func testPlainAndGzipFilesReadTheSame() throws {
        let values = (0..<24).map { UInt8($0 * 10) }
        let plain = idx([2, 3, 4], values)
        let read = try IDXFile.read(plain)
        XCTAssertEqual(read.dimensions, [2, 3, 4])
        XCTAssertEqual(read.bytes, values)
        XCTAssertEqual(try IDXFile.read(try gzip(plain)), read)
        XCTAssertEqual(try IDXFile.read(try gzip(plain), expectedDimensions: [nil, 3, 4]), read)
    }

    func testTruncatedFilesAreRefusedPlainOrCompressed() throws {
        let whole = idx([10], Array(repeating: 7, count: 10))
        XCTAssertTrue(problem(Array(whole.dropLast(3))).contains("truncated"))
        XCTAssertTrue(problem(Array(whole.prefix(6))).contains("ends inside its header"))
        let compressed = try gzip(whole)
        let cut = problem(Array(compressed.prefix(compressed.count / 2)))
        XCTAssertTrue(cut.contains("damaged") || cut.contains("truncated") || cut.contains("ends early"), cut)
        XCTAssertTrue(problem(whole + [1, 2]).contains("more than the 10 values"))
    }

    func testAWrongMagicOrTypeIsNotAnIDXFile() {
        XCTAssertTrue(problem([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1]).contains("not an IDX file"))
        XCTAssertTrue(problem([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]).contains("type 0x0D"))
        XCTAssertTrue(problem([0, 0, 0x08, 9]).contains("9 dimensions"))
        XCTAssertTrue(problem([1, 2]).contains("too short"))
    }

    func testDimensionsAreCheckedBeforeAnythingIsAllocated() throws {
        // 65535 × 65535 × 65535 values promised by a 16-byte file: refused from the header alone.
        let huge = [0, 0, 8, 3, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255] as [UInt8]
        XCTAssertTrue(problem(huge).contains("more than"), problem(huge))
        XCTAssertTrue(problem(try gzip(huge)).contains("more than"))
        // A plausible count, but more than a small compressed file could hold.
        let promised = try gzip(idx([100_000_000], []))
        XCTAssertTrue(problem(promised).contains("more than"), problem(promised))
        XCTAssertTrue(problem(idx([2, 2], [1, 2, 3, 4]), expected: [2, 3]).contains("not 2 × 3"))
    }

    func testAStreamThatInflatesPastItsHeaderStops() throws {
        // The header says 1,000 values; the stream inflates to 50 MB of zeros.
        let bomb = try gzip(idx([1_000], []) + Array(repeating: 0, count: 50_000_000))
        XCTAssertLessThan(bomb.count, 100_000)
        XCTAssertTrue(problem(bomb).contains("more than the 1000 values"), problem(bomb))
        XCTAssertThrowsError(try GzipReader.inflate(bomb, limit: 1 << 20)) { error in
            XCTAssertEqual(error as? GzipReader.Failure, .tooLarge(limit: 1 << 20))
        }
    }

    func testAMissingDatasetSaysWhatToInstallAndWhere() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("learn-nodata-\(UUID().uuidString)").path
        XCTAssertThrowsError(try FashionMNIST.read(folder: empty)) { error in
            let missing = error as? FashionMNIST.Missing
            XCTAssertTrue(missing?.description.contains(empty) ?? false, "\(error)")
            XCTAssertTrue(missing?.hint.contains("apt-get install dataset-fashion-mnist") ?? false)
            XCTAssertTrue(missing?.hint.contains("train-images-idx3-ubyte.gz") ?? false)
        }
    }

    func testTheInstalledDatasetReads() throws {
        let installed = FileManager.default.fileExists(atPath: FashionMNIST.packageFolder + "/" + FashionMNIST.fileNames[0])
        if !installed {
            // CI installs the package: there a missing dataset is a failure, never a skip.
            XCTAssertNotEqual(ProcessInfo.processInfo.environment["CI"], "true", "Fashion-MNIST is not installed")
            throw XCTSkip("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)")
        }
        let data = try FashionMNIST.load(folder: FashionMNIST.packageFolder)
        XCTAssertEqual(data.train.count, 60_000)
        XCTAssertEqual(data.test.count, 10_000)
        XCTAssertEqual(data.train.pixels.count, 60_000 * 28 * 28)
        // Every class appears 6,000 times in training and 1,000 times in the test set.
        var counts = Array(repeating: 0, count: 10)
        for label in data.test.labels { counts[Int(label)] += 1 }
        XCTAssertEqual(counts, Array(repeating: 1_000, count: 10))
        XCTAssertEqual(data.train.pixels.max(), 255)
        let identities = FashionMNIST.identities(folder: FashionMNIST.packageFolder)
        XCTAssertEqual(identities.count, 4)
        XCTAssertFalse(identities.contains { $0.hasSuffix("missing") })
    }
}
