import FileFormats
import Foundation
import FuzzSupport
import Lessons

/// The untrusted inputs besides lessons and answers files, one per first byte of the input: a claim, a
/// progress file, a `course.yaml`, a cached result (decoded, bounded, then drawn), an IDX file plain or
/// gzip. Each must end in a value or its own error, never a crash, a hang or memory out of proportion.
func fuzzData(_ bytes: [UInt8]) {
    guard let kind = bytes.first else { return }
    let rest = Array(bytes.dropFirst())
    switch kind % 5 {
    case 0:
        let text = String(decoding: rest, as: UTF8.self)
        guard let claim = try? Claim(text) else { return }
        let metrics = [Metric(name: "a", value: .number(1)), Metric(name: "b", value: .number(.nan)),
                       Metric(name: "flag", value: .flag(true))]
        _ = claim.evaluate(metrics)
    case 1:
        _ = ProgressStore.decode(rest)
    case 2:
        do {
            _ = try Course(bytes: rest, file: "course.yaml")
        } catch {
            precondition(error is Diagnostic || error is DiagnosticList, "course.yaml threw \(type(of: error)): \(error)")
        }
    case 3:
        guard let result = try? ResultCoding.decoder().decode(ExperimentResult.self, from: Data(rest)),
              result.isWithinLimits else { return }
        for figure in result.figures {
            _ = figure.render(width: 40)
            _ = figure.render(width: 20, charset: .ascii)
        }
        _ = try? ResultCoding.encoder().encode(result)
    default:
        do {
            _ = try IDXFile.read(rest)
        } catch {
            precondition(error is IDXFile.Problem, "IDX threw \(type(of: error)): \(error)")
        }
    }
}

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func dataFuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzData(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// Fuzzes under libFuzzer (`Fuzz/run.sh data`); in a normal build, replays the files it is given.
@main
enum DataFuzzMain {
    static func main() {
        #if FUZZING
        exit(runFuzzer(dataFuzzInput))
        #else
        Replay.run(Array(CommandLine.arguments.dropFirst()), fuzzData)
        #endif
    }
}
