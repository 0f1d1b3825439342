import Lessons
import XCTest

/// A numeric metric of `result`, failing the calling test (at its line) when there is none.
func metricNumber(_ result: ExperimentResult, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Double {
    guard case .number(let value) = result.metric(named: name) else {
        XCTFail("no number \(name)", file: file, line: line)
        return .nan
    }
    return value
}
