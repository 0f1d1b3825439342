/// Control characters from files (lessons, answers, YAML values, file names, a student's program) must
/// never reach the terminal: one could set the window title, move the cursor, rewrite what was printed, or
/// reverse text with a bidirectional override. They are shown as visible escapes instead (`\x1B`,
/// `\u202E`), as `less` and Rich show them.
///
/// Two layers, one rule:
/// - `escaped` makes untrusted text safe where it enters rendering (`TerminalStyle.text`, every
///   `Diagnostic`), so that not even a colour code from a lesson survives;
/// - `filtered` is the one filter every byte written to standard output and standard error passes
///   (`StandardStreams`): it keeps only the sequences learn itself writes (SGR colours, erasing a line,
///   clearing the screen for `learn watch`) and escapes every other control character, whatever path it
///   came by.
public enum TerminalSafe {
    /// Whether `scalar` is one a terminal acts on: C0 controls but newline and tab, DEL, C1 controls,
    /// and the bidirectional embeddings, overrides and isolates.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `\x1B` for a C0 control or DEL, `\u0085` for the others.
    static func visible(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return scalar.value <= 0x7F ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
            : "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with every unsafe scalar written as a visible escape.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) { result.append(contentsOf: visible(scalar).unicodeScalars) } else { result.append(scalar) }
        }
        return String(result)
    }

    /// JSON text with every unsafe scalar written as a JSON escape (`\u007f`, `\u202e`): JSON's own
    /// encoder escapes only U+0000–U+001F, and the output filter's `\x7F` would not be JSON. Outside its
    /// strings JSON holds only printable ASCII and white space, so every such scalar is inside a string.
    public static func jsonEscaped(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: isUnsafe) else { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard isUnsafe(scalar), scalar != "\n", scalar != "\t" else { result.append(scalar); continue }
            let hex = String(scalar.value, radix: 16)
            result.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
        }
        return String(result)
    }

    /// `text` as it may reach a terminal: learn's own sequences kept (`ESC [ digits;… m`, `ESC [ K`,
    /// `ESC [ 2 J`, `ESC [ H`, and a carriage return right before `ESC [ K`), every other unsafe scalar escaped.
    public static func filtered(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard isUnsafe(scalar) else { result.append(scalar); index += 1; continue }
            if scalar == "\u{1B}", let length = ownSequence(scalars, at: index) {
                result.append(contentsOf: scalars[index..<(index + length)])
                index += length
            } else if scalar == "\r", index + 1 < scalars.count, ownSequence(scalars, at: index + 1).map({ scalars[index + $0] == "K" }) == true {
                result.append(scalar)
                index += 1
            } else {
                result.append(contentsOf: visible(scalar).unicodeScalars)
                index += 1
            }
        }
        return String(result)
    }

    /// The length of the escape sequence at `start` when it is one learn writes, else nil.
    private static func ownSequence(_ scalars: [Unicode.Scalar], at start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start] == "\u{1B}", scalars[start + 1] == "[" else { return nil }
        var index = start + 2
        while index < scalars.count, index - start < 24, ("0"..."9").contains(scalars[index]) || scalars[index] == ";" {
            index += 1
        }
        guard index < scalars.count else { return nil }
        let parameters = String(String.UnicodeScalarView(scalars[(start + 2)..<index]))
        switch scalars[index] {
        case "m": return index - start + 1
        case "K" where parameters.isEmpty: return index - start + 1
        case "J" where parameters == "2": return index - start + 1
        case "H" where parameters.isEmpty: return index - start + 1
        default: return nil
        }
    }
}
