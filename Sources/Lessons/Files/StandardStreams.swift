import Foundation

/// Writing to standard output and standard error, through the one filter that keeps control characters
/// from the terminal (`TerminalSafe.filtered`), and without Foundation's `FileHandle.write(_:)`, which
/// stops the program (`try!`) on any error. A reader that went away (`learn run 3 | head`) ends the
/// program as a closed pipe ends any command line tool, by SIGPIPE, even when the process that started
/// `learn` ignores that signal (services, some CI runners): no crash report, no message.
public enum StandardStreams {
    /// Writes `text` to standard output.
    public static func output(_ text: String) {
        write(TerminalSafe.filtered(text), to: STDOUT_FILENO)
    }

    /// Writes `text` to standard error.
    public static func error(_ text: String) {
        write(TerminalSafe.filtered(text), to: STDERR_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EPIPE {
                // The reader is gone: end as a closed pipe ends a command, whatever SIGPIPE's setting was.
                signal(SIGPIPE, SIG_DFL)
                raise(SIGPIPE)
                exit(141)
            } else {
                // Another error (a full disk, a closed descriptor): nothing more can be said on this stream.
                return
            }
        }
    }
}
