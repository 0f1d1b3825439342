/// Full-width forms as a Chinese (or Japanese) keyboard types them: `０.５`, `1／2`, `（b）`, `Ｂ`.
public enum FullWidth {
    /// `text` with each full-width ASCII form (U+FF01 to U+FF5E) as its ASCII character and the
    /// ideographic space (U+3000) as a space; everything else, `，` and `。` included, as it is. One
    /// character stays one character, so a column in the folded text is a column in the typed one.
    public static func folded(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0xFF01...0xFF5E).contains($0.value) || $0.value == 0x3000 }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFF01 + 0x21)!)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
