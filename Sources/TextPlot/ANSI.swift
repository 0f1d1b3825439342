/// ANSI color escapes: the optional layer TextPlot puts on top of its characters.
///
/// Only SGR sequences (`ESC [ ... m`) are ever written, so `strip` recovers the plain rendering exactly.
public enum ANSI {
    /// One SGR style, e.g. bold or a foreground color from the 16- or 256-color palette.
    public struct Style: Sendable, Hashable {
        /// The SGR parameters, e.g. `"1"` for bold or `"38;5;33"` for a 256-color foreground.
        public var code: String
        /// Creates a style from its SGR parameters.
        public init(_ code: String) { self.code = code }

        /// Bold text.
        public static let bold = Style("1")
        /// Dim text, for frames and grid lines.
        public static let dim = Style("2")
        /// Red foreground.
        public static let red = Style("31")
        /// Green foreground.
        public static let green = Style("32")
        /// Yellow foreground.
        public static let yellow = Style("33")
        /// Blue foreground.
        public static let blue = Style("34")
        /// Magenta foreground.
        public static let magenta = Style("35")
        /// Cyan foreground.
        public static let cyan = Style("36")
        /// Bold green: the best value.
        public static let best = Style("1;32")
        /// A foreground from the 256-color palette.
        public static func palette(_ index: Int) -> Style { Style("38;5;\(index)") }
    }

    /// Colors given to series, paths and histograms in order; all charts share them so a lesson's colors agree.
    public static let seriesStyles: [Style] = [.blue, .yellow, .green, .magenta, .cyan, .red]

    /// `text` wrapped in the style's escape and a reset, or `text` itself when color is off or `style` is nil.
    public static func paint(_ text: String, _ style: Style?, _ enabled: Bool) -> String {
        guard enabled, let style, !text.isEmpty else { return text }
        return "\u{1B}[\(style.code)m" + text + "\u{1B}[0m"
    }

    /// `text` without its ANSI CSI escape sequences.
    public static func strip(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var inEscape = false
        var sawBracket = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if !sawBracket {
                    sawBracket = true
                    if scalar == "[" { continue }
                    inEscape = false
                    continue
                }
                if scalar.value >= 0x40 && scalar.value <= 0x7E { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                sawBracket = false
                continue
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
