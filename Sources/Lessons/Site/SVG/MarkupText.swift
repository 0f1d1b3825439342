/// Text and numbers as they go into HTML and SVG: every character that could be read as markup escaped,
/// and every character a reader could not see (controls, bidirectional overrides, noncharacters) shown
/// as a visible escape, as `TerminalSafe` shows them in a terminal.
enum MarkupText {
    /// `text` safe as an element's content or a quoted attribute's value: `&`, `<`, `>`, `"` and `'` as
    /// references, control and bidirectional-override characters as `\x1B` or `\u202E`, and the
    /// noncharacters XML refuses (U+FFFE, U+FFFF) as `\uFFFE`. Newlines and tabs stay.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\r": result += "\\x0D"
            case _ where TerminalSafe.isUnsafe(scalar): result += TerminalSafe.visible(scalar)
            case "\u{FFFE}", "\u{FFFF}": result += TerminalSafe.visible(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A coordinate or length with at most one decimal, written without locale (`12`, `-3.5`): the same
    /// bytes on every machine. Values far outside any drawing are clamped.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((min(max(value, -1e7), 1e7) * 10).rounded(.toNearestOrAwayFromZero))
        let whole = tenths / 10, fraction = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? "\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
