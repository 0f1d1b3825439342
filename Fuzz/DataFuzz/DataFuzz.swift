import FileFormats
import Foundation
import FuzzSupport
import Lessons

/// The untrusted inputs besides lessons and answers files, one per first byte of the input (modulo 7):
/// 0 a claim, 1 a progress file, 2 a `course.yaml`, 3 a cached result (decoded, bounded, then drawn),
/// 4 an IDX file plain or gzip, 5 a numeric answer, 6 the result block of an exported lesson. Each must
/// end in a value or its own error, never a crash, a hang or memory out of proportion.
func fuzzData(_ bytes: [UInt8]) {
    guard let kind = bytes.first else { return }
    let rest = Array(bytes.dropFirst())
    switch kind % 7 {
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
    case 5:
        fuzzNumericAnswer(String(decoding: rest, as: UTF8.self))
    case 6:
        fuzzResultBlock(rest)
    default:
        do {
            _ = try IDXFile.read(rest)
        } catch {
            precondition(error is IDXFile.Problem, "IDX threw \(type(of: error)): \(error)")
        }
    }
}

/// docs/exercises.md: a numeric answer is read into a finite value or refused with a reason and a hint;
/// an answer longer than `NumericAnswer.maximumLength` characters, or nested more than
/// `maximumDepth` levels, is refused (which bounds the reader's work and stack).
func fuzzNumericAnswer(_ text: String) {
    switch NumericAnswer.value(of: text) {
    case .success(let value):
        precondition(value.isFinite, "'\(text)' read as \(value)")
        precondition(text.unicodeScalars.count <= NumericAnswer.maximumLength, "an answer past the length limit was read")
        var (open, deepest) = (0, 0)
        for scalar in text.unicodeScalars {
            open += scalar == "(" ? 1 : scalar == ")" ? -1 : 0
            deepest = max(deepest, open)
        }
        precondition(deepest <= NumericAnswer.maximumDepth, "'\(text)' nests \(deepest) parentheses and was read")
    case .failure(let problem):
        precondition(!problem.reason.isEmpty && !problem.hint.isEmpty, "a refusal without a reason or a hint")
    }
}

/// A lesson and its Markdown export with the input as a result block: the first line of the input ends
/// the block's info string, the rest is its text, fenced as `MarkdownExport` fences it (longer than any
/// backtick run inside). docs/lesson-format.md: `learn` reads the export as the same lesson, the result
/// block skipped, whatever the block holds.
func fuzzResultBlock(_ bytes: [UInt8]) {
    let newline = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
    // An info string holds no backtick and no line ending (or it would not open a fence).
    let tail = bytes[..<newline].filter { $0 != UInt8(ascii: "`") && $0 != 0x0D }
    let body = Array(bytes[min(newline + 1, bytes.endIndex)...])
    var (run, longest) = (0, 0)
    for byte in body {
        run = byte == UInt8(ascii: "`") ? run + 1 : 0
        longest = max(longest, run)
    }
    let fence = Array(repeating: UInt8(ascii: "`"), count: max(3, longest + 1))
    let lesson = resultBlockLesson
    let export = Array(lesson.utf8) + fence + Array("learn-result ".utf8) + tail + [0x0A] + body
        + (body.last == 0x0A ? [] : [0x0A]) + fence + Array("\n\nText after the result.\n".utf8)
    let parsed: Lesson
    do {
        parsed = try LessonParser(catalog: dryCatalog).parse(bytes: export, file: "lessons/lesson-01-fuzz.md")
    } catch {
        precondition(error is Diagnostic || error is DiagnosticList, "the export threw \(type(of: error)): \(error)")
        return
    }
    precondition(parsed.experiments.map(\.name) == ["momentum-ravine"], "the result block changed the experiment cells")
    precondition(parsed.exercises.map(\.id) == ["effective-step"], "the result block changed the exercise cells")
}

/// The lesson `fuzzResultBlock` appends a result block to, as an export does right after a cell.
let resultBlockLesson = """
    ---
    title: Result blocks under fuzzing
    seed: 3
    ---

    ```exercise effective-step
    question: "How many times the gradient?"
    answer: 10
    ```

    ```experiment momentum-ravine
    learning_rates: [0.4]
    steps: 20
    expect: ["steps > 0"]
    ```

    """

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
