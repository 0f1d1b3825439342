/// Display width of text in a monospaced terminal: the number of columns a string occupies.
///
/// CJK ideographs, Hangul, fullwidth forms and emoji take two columns; combining marks, joiners, variation
/// selectors and ANSI escape sequences take none; East Asian "ambiguous" characters (box drawing, `●`, `★`)
/// take one, as in Western terminals. Widths are counted per grapheme cluster, so `"e\u{301}"`, `"🇫🇷"` and
/// `"👩‍💻"` are each one visible character.
///
/// ```swift
/// TextWidth.of("naïve")   // 5
/// TextWidth.of("学习")     // 4
/// TextWidth.pad("学习", to: 6)  // "学习  "
/// ```
public enum TextWidth {
    /// The number of terminal columns `text` occupies; ANSI escape sequences count as zero.
    public static func of(_ text: String) -> Int {
        var total = 0
        var inEscape = false
        for character in text {
            if inEscape {
                // A CSI sequence ends at its final byte, a letter in 0x40...0x7E.
                if let v = character.unicodeScalars.first?.value, v >= 0x40, v <= 0x7E, character != "[" {
                    inEscape = false
                }
                continue
            }
            if character == "\u{1B}" {
                inEscape = true
                continue
            }
            total += of(character)
        }
        return total
    }

    /// The number of terminal columns one grapheme cluster occupies: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        if scalars.count > 1 {
            // An emoji presentation selector or a joiner makes the whole cluster one wide emoji.
            if scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D }) { return 2 }
        }
        var width = 0
        for scalar in scalars { width += of(scalar) }
        return min(width, 2)
    }

    /// The number of terminal columns one scalar occupies on its own.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default:
            let v = scalar.value
            return (0x1160...0x11FF).contains(v) || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)
        }
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, abridged to the blocks that occur in practice).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x2E80...0x303E,
        0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    /// `text` followed by spaces up to `width` columns; text already as wide or wider is returned unchanged.
    public static func pad(_ text: String, to width: Int) -> String {
        let w = of(text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }

    /// `text` preceded by spaces up to `width` columns.
    public static func padLeft(_ text: String, to width: Int) -> String {
        let w = of(text)
        return w >= width ? text : String(repeating: " ", count: width - w) + text
    }

    /// `text` centred in `width` columns (the extra space, if odd, goes to the right).
    public static func center(_ text: String, in width: Int) -> String {
        let w = of(text)
        guard w < width else { return text }
        let left = (width - w) / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: width - w - left)
    }

    /// The longest prefix of `text` that fits in `width` columns, never splitting a grapheme cluster.
    public static func prefix<Text: StringProtocol>(_ text: Text, width: Int) -> String {
        var used = 0
        var out = ""
        for character in text {
            let w = of(character)
            if used + w > width { break }
            used += w
            out.append(character)
        }
        return out
    }
}
