import Foundation
import XCTest

/// A lesson whose Fashion-MNIST cell can't find the pictures: that cell stops with what to install and
/// where the files go, the lesson's other cells still run, and `learn run` exits with 1.
final class MissingDatasetTests: XCTestCase {
    func testTheCellSaysWhatToInstallAndTheOtherCellsRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-nodata-\(UUID().uuidString)")
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            ---
            title: Missing
            ---

            ```experiment train
            dataset: fashion-mnist
            model: cnn
            train_examples: 100
            validation_examples: 100
            epochs: 1
            ```

            ```experiment momentum-ravine
            ```
            """.write(to: folder.appendingPathComponent("lesson-01-missing.md"), atomically: true, encoding: .utf8)
        for (arguments, environment) in [(["--data", empty.path], [String: String]()), ([], ["LEARN_DATA": empty.path])] {
            let result = try LearnProcess.run(["run", "lesson-01-missing.md", "--color", "never"] + arguments, in: folder,
                                              environment: environment)
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("lesson-01-missing.md:5:1: error: experiment 'train' failed: Fashion-MNIST is not in"),
                          result.stderr)
            XCTAssertTrue(result.stderr.contains(empty.path), result.stderr)
            XCTAssertTrue(result.stderr.contains("apt-get install dataset-fashion-mnist"), result.stderr)
            XCTAssertTrue(result.stderr.contains("train-images-idx3-ubyte.gz"), "which four files to put where")
            XCTAssertTrue(result.stdout.contains("✗ experiment 'train' failed"), result.stdout)
            XCTAssertTrue(result.stdout.contains("│ momentum0.5_lr0.6 "), "the next cell still ran: \(result.stdout)")
        }
    }
}
