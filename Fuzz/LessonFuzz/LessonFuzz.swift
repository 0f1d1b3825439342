import Foundation
import FuzzSupport
import Lessons

/// Parses, validates and renders one lesson, the way `learn run` does, but with the dry catalog.
/// Any input must end in a lesson or in diagnostics; a trap, a hang or another error is a finding.
func fuzzLesson(_ bytes: [UInt8]) {
    let lesson: Lesson
    do {
        lesson = try LessonParser(catalog: dryCatalog).parse(bytes: bytes, file: "lessons/lesson-01-fuzz.md")
    } catch let list as DiagnosticList {
        precondition(!list.diagnostics.isEmpty, "an empty DiagnosticList")
        _ = list.description
        return
    } catch let diagnostic as Diagnostic {
        _ = diagnostic.description
        return
    } catch {
        preconditionFailure("the parser threw \(type(of: error)), not a Diagnostic: \(error)")
    }
    for style in [TerminalStyle(width: 80, charset: .unicode, color: true), TerminalStyle(width: 20, charset: .ascii)] {
        let outcome = LessonRunner(style: style).run(lesson) { _ in }
        _ = ListingRenderer(style: style).parameters(of: lesson)
        _ = try? JSONExport.render(lesson, outcome)
        // docs/lesson-format.md: the Markdown export reads back as the same lesson.
        for withSolutions in [false, true] {
        let export = MarkdownExport.render(lesson, outcome, style: style, withSolutions: withSolutions)
        do {
            let again = try LessonParser(catalog: dryCatalog).parse(bytes: Array(export.utf8), file: lesson.file)
            precondition(again.experiments.count == lesson.experiments.count, "the export has other experiment cells")
            precondition(again.exercises.count == lesson.exercises.count, "the export has other exercise cells")
        } catch {
            preconditionFailure("the Markdown export of a valid lesson does not parse: \(error)")
        }
        }
    }
}

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func lessonFuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzLesson(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// Fuzzes under libFuzzer (`Fuzz/run.sh`); in a normal build, replays the files it is given.
@main
enum LessonFuzzMain {
    static func main() {
        #if FUZZING
        exit(runFuzzer(lessonFuzzInput))
        #else
        Replay.run(Array(CommandLine.arguments.dropFirst()), fuzzLesson)
        #endif
    }
}
