import Foundation
import FuzzSupport
import Lessons

/// A lesson with every kind of exercise the answers file can hold an answer to.
let lessonText = """
    ---
    title: Answers under fuzzing
    seed: 3
    ---

    ```exercise effective-step
    question: "How many times the gradient?"
    answer: 10
    tolerance: 0.01
    ```

    ```exercise close-enough
    question: "Within five percent?"
    answer: 0.5
    relative: 0.05
    ```

    ```exercise pick-one
    question: "Which one?"
    choices: [sgd, momentum, adam]
    answer: momentum
    ```

    ```exercise say-it
    question: "Name it."
    answer: "the learning rate"
    ```

    ```exercise rescue-by-momentum
    question: "Find a learning rate."
    experiment: momentum-ravine
    parameters: {momentums: [0, 0.5], steps: 200}
    ask: [learning_rates]
    expect: ["steps > 0"]
    ```

    ```exercise how-many-steps
    question: "How many steps?"
    compute: {experiment: momentum-ravine, metric: steps, parameters: {learning_rates: [0.4]}}
    ```

    """

let lesson = try! LessonParser(catalog: dryCatalog).parse(bytes: Array(lessonText.utf8), file: "lesson-01-fuzz.md")

/// A workspace on a RAM disk where there is one, so the atomic writes' fsync costs nothing.
let workspace: Workspace = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let folder = (base as NSString).appendingPathComponent("learn-answers-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(atPath: folder + "/answers/fuzz", withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: workspace.folder) }
    return Workspace(folder: folder, course: Course(id: "fuzz", origin: .folderName(folder)), catalog: dryCatalog)
}()

/// The input is an answers file, then optionally a NUL byte and a command: one byte choosing the
/// exercise, then the value, given to `learn answer`'s code path.
func fuzzAnswers(_ bytes: [UInt8]) {
    let split = bytes.lastIndex(of: 0)
    let fileBytes = split.map { Array(bytes[..<$0]) } ?? bytes
    let command = split.map { Array(bytes[($0 + 1)...]) } ?? Array("\u{0}10".utf8)
    let path = workspace.answersPath(lesson)
    _ = FileManager.default.createFile(atPath: path, contents: Data(fileBytes))

    var before: [String: AnswerValue]?
    do {
        let file = try AnswersFile(path: path)
        before = try file.answers()
        let checker = ExerciseChecker(seed: 3, codeRunner: nil)
        for exercise in lesson.exercises {
            _ = checker.check(exercise, answer: before?[exercise.id], answersFile: path)
        }
    } catch {
        precondition(error is Diagnostic || error is DiagnosticList, "reading threw \(type(of: error)): \(error)")
    }

    guard let choice = command.first else { return }
    let id = lesson.exercises[Int(choice) % lesson.exercises.count].id
    let value = String(decoding: command.dropFirst(), as: UTF8.self)
    do {
        try workspace.answer(lesson, id, value)
    } catch {
        precondition(error is Diagnostic || error is DiagnosticList, "answering threw \(type(of: error)): \(error)")
        if before == nil {
            // A file that doesn't parse is the student's work in progress: never rewritten.
            let after = FileBytes.read(atPath: path)
            precondition(after == fileBytes, "`learn answer` changed an answers file that does not parse")
        } else {
            precondition((try? AnswersFile(path: path).answers()) != nil, "a refused answer broke the answers file")
        }
        return
    }
    // A written answer is there when the file is read back, and the other answers are unchanged.
    guard let after = try? AnswersFile(path: path).answers() else {
        preconditionFailure("the answers file does not parse after `learn answer`")
    }
    precondition(after[id].map { !$0.isBlank } ?? false, "the answer to \(id) is not in the file after `learn answer`")
    for (other, answer) in before ?? [:] where other != id {
        precondition(after[other]?.text == answer.text, "`learn answer \(id)` changed the answer to \(other)")
    }
}

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func answersFuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzAnswers(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// Fuzzes under libFuzzer (`Fuzz/run.sh`); in a normal build, replays the files it is given.
@main
enum AnswersFuzzMain {
    static func main() {
        #if FUZZING
        exit(runFuzzer(answersFuzzInput))
        #else
        Replay.run(Array(CommandLine.arguments.dropFirst()), fuzzAnswers)
        #endif
    }
}
