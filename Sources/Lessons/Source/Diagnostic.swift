/// A place in a lesson file: 1-based line and column (columns count Unicode scalars, not bytes).
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int

    /// Creates a position from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The first character of a file.
    public static let start = SourcePosition(line: 1, column: 1)

    public var description: String { "\(line):\(column)" }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A problem found in a lesson or in what a student typed: where, what, and what to do.
///
/// Every message a user sees about their input is one of these, so all of them read alike:
/// `lessons/lesson-03.md:12:3: error: unknown parameter 'lr'` followed by an indented hint.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable {
        /// The lesson cannot be run until this is fixed.
        case error
        /// The lesson runs, but something should be fixed.
        case warning
    }

    /// The file the problem is in, as the user named it; nil when no file is involved.
    public var file: String?
    /// Where in the file; nil when the problem concerns the file as a whole.
    public var position: SourcePosition?
    /// Error or warning.
    public var severity: Severity
    /// What is wrong, in one sentence without a trailing period.
    public var message: String
    /// What to do about it; may span several lines.
    public var hint: String?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity = .error, file: String? = nil, at position: SourcePosition? = nil,
        _ message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.position = position
        self.message = Self.abbreviated(message)
        self.hint = hint
    }

    /// The message with its middle cut out when it is too long to read: messages quote what the
    /// lesson says, and a lesson may hold a 10 MB line.
    static func abbreviated(_ message: String, limit: Int = 300) -> String {
        guard message.count > limit else { return message }
        return String(message.prefix(limit * 2 / 3)) + " … " + String(message.suffix(limit / 3))
    }

    /// An error that concerns no particular file.
    public init(_ message: String, hint: String? = nil) {
        self.init(.error, file: nil, at: nil, message, hint: hint)
    }

    /// The same diagnostic, placed in `file` (keeps a file already set).
    public func inFile(_ file: String) -> Diagnostic {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    /// `file:line:column: error: message`, then the hint indented on the following lines.
    /// The message as printed. What it quotes (a file name, a lesson's text, a student's program) is
    /// untrusted: control characters in it are shown as visible escapes (`TerminalSafe`).
    public var description: String {
        var location = ""
        if let file { location += TerminalSafe.escaped(file) }
        if let position {
            location += location.isEmpty ? "line \(position.line), column \(position.column)" : ":\(position)"
        }
        var text = location.isEmpty ? "" : location + ": "
        text += "\(severity.rawValue): \(TerminalSafe.escaped(message))"
        if let hint, !hint.isEmpty {
            for line in hint.split(separator: "\n", omittingEmptySubsequences: false) {
                text += "\n  " + TerminalSafe.escaped(String(line))
            }
        }
        return text
    }
}

/// Several problems found at once (a lesson with three bad cells reports all three).
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var diagnostics: [Diagnostic]

    /// Wraps a non-empty list of diagnostics.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// Each diagnostic on its own lines; a hint shared by consecutive diagnostics (the list of
    /// valid parameters, say) is printed once, after the last of them.
    public var description: String {
        diagnostics.indices.map { index in
            var diagnostic = diagnostics[index]
            if index + 1 < diagnostics.count, diagnostics[index + 1].hint == diagnostic.hint {
                diagnostic.hint = nil
            }
            return diagnostic.description
        }.joined(separator: "\n")
    }
}
