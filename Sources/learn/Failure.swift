import ArgumentParser
import Foundation
import Lessons

/// What `learn` prints for an error, and the status it exits with (docs/lesson-format.md, "Exit
/// status"): every message is a `Diagnostic`'s text, so all of them say what is wrong, where, and
/// what to do in the same shape.
struct Failure {
    /// The message for standard error; empty when the command already printed its results.
    var message: String
    /// 1 for a problem in a lesson or its input, 2 for bad usage, or the status a command chose.
    var status: Int32

    /// The failure `error` stands for; nil for ArgumentParser's clean exits (`--help`, `--version`).
    init?(_ error: Error) {
        switch error {
        case let diagnostic as Diagnostic:
            (message, status) = (diagnostic.description, 1)
        case let list as DiagnosticList:
            (message, status) = (list.description, 1)
        case let failure as LessonFailure:
            (message, status) = (failure.description, 1)
        case let usage as UsageError:
            (message, status) = (usage.description, 2)
        case let code as ExitCode:
            // `learn check`, `lint` and `test` say what failed in their output, then exit with 1.
            guard !code.isSuccess else { return nil }
            (message, status) = ("", code.rawValue)
        default:
            let code = Learn.exitCode(for: error)
            if code.isSuccess { return nil }
            if code == .validationFailure {
                (message, status) = (Self.parserDiagnostic(error).description, 2)
            } else {
                // Not one of learn's errors (a Foundation error while writing JSON, say).
                let text = Learn.message(for: error)
                (message, status) = (Diagnostic(text.isEmpty ? "\(error)" : text,
                    hint: "If it happens again, please report it with the command you ran.").description, 1)
            }
        }
    }

    /// ArgumentParser's own message for a command line it can't parse (an unknown option, a
    /// missing argument, a value not among the choices) as a `Diagnostic`: its first sentence is
    /// the message, its other sentences and the usage lines the hint.
    static func parserDiagnostic(_ error: Error) -> Diagnostic {
        let text = Learn.message(for: error)
        var rest = Learn.fullMessage(for: error)
        if let range = rest.range(of: text) { rest.removeSubrange(rest.startIndex..<range.upperBound) }
        var hint = rest.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var message = text
        if let stop = text.range(of: ". ") {
            message = String(text[..<stop.lowerBound])
            hint.insert(String(text[stop.upperBound...]), at: 0)
        }
        if message.hasSuffix(".") { message.removeLast() }
        // "Unknown option '--bogus'" reads like learn's own messages as "unknown option '--bogus'".
        if let first = message.first, first.isUppercase, message.dropFirst().first?.isLowercase ?? false {
            message = first.lowercased() + message.dropFirst()
        }
        return Diagnostic(message, hint: hint.joined(separator: "\n"))
    }
}
