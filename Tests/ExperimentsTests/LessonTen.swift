import FileFormats
import Foundation
import Lessons
import XCTest

@testable import Experiments

/// Parses a lesson holding one experiment cell, so tests can check that bad parameters are refused.
func parseCell(_ experiment: String, _ body: String) throws -> Lesson {
    let text = "---\ntitle: t\n---\n\n```experiment \(experiment)\n\(body)\n```\n"
    return try LessonParser(catalog: experimentCatalog).parse(bytes: Array(text.utf8), file: "lesson-99-t.md")
}

/// The named metric as a number, or a failure.
func number(_ result: ExperimentResult, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Double {
    guard case .number(let value) = result.metric(named: name) else {
        XCTFail("no number metric \(name)", file: file, line: line)
        return .nan
    }
    return value
}

/// Skips a test when Fashion-MNIST is not installed, except under CI, where the dataset is installed
/// and its absence is a failure.
func requireFashionMNIST(file: StaticString = #filePath, line: UInt = #line) throws {
    let installed = FileManager.default.fileExists(atPath: FashionMNIST.folder().path + "/" + FashionMNIST.fileNames[0])
    if !installed {
        XCTAssertNotEqual(ProcessInfo.processInfo.environment["CI"], "true", "Fashion-MNIST is not installed", file: file, line: line)
        throw XCTSkip("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)")
    }
}
