import Foundation
import Lessons

/// The build of a code exercise as it goes, on one line of standard error that each step
/// overwrites, and clears when the build is over; nothing when standard error is not a terminal
/// (a failed build is reported with the check, compiler errors and all).
enum BuildProgress {
    /// Shows `line` of exercise `id`'s build (SwiftPM's `[3/8] Compiling …`); an empty line clears it.
    @Sendable static func show(_ id: String, _ line: String) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        if line.isEmpty { return StandardStreams.error("\r\u{1B}[K") }
        guard line.hasPrefix("[") || line.hasPrefix("Building") || line.hasPrefix("Compiling") else { return }
        // The line comes from the build (file names, the student's code): escaped, and written through
        // the output filter like everything else, which keeps only learn's own erase-line sequence.
        let text = TerminalSafe.escaped("building \(id): \(line)")
        StandardStreams.error("\r\u{1B}[K" + String(text.prefix(max(Terminal.width(isTerminal: true) - 1, 19))))
    }
}
