/// The words charts and tables write themselves (notes, legend entries, captions), as templates with
/// `{0}`, `{1}` … where the names and numbers go, keyed by their English text. Empty: English. A
/// renderer that speaks another language gives each key's template in it (`Lessons` fills them from
/// its message catalog), so TextPlot itself knows no language but English.
public struct ChartWords: Sendable, Hashable {
    /// Every key TextPlot uses, so that a catalog can be asked for all of them.
    public static let keys: [String] = [
        "no data", "no finite values", "{0} (log scale)",
        "lowest point of {0}: {1} at {2} {3}", "highest point of {0}: {1} at {2} {3}",
        "{0}: NaN/inf from {1} {2} on (diverged); not drawn",
        "{0}: 1 NaN/inf value (first at {1} {2}) shown as gaps", "{0}: {1} NaN/inf values (first at {2} {3}) shown as gaps",
        "{0}: 1 value ≤ 0 not drawn on the log scale", "{0}: {1} values ≤ 0 not drawn on the log scale",
        "mean {0} ± {1}, n = {2}", "{0} NaN/inf not counted", "{0} outside the range", "{0} outside the range or ≤ 0",
        "f is constant over the window", "contours of f: {0}", "blank",
        "start", "end", "{0}: NaN/inf at point {1} (diverged); the path stops there",
        "{0}: {1} of {2} points outside the window",
        "one scale for all lines: {0}", "one log scale for all lines: {0}",
        "lowest {0}", "highest {0}", "best in its column: {0}", ", ",
    ]

    /// Template by key; a key without one is its own English template.
    public var templates: [String: String]

    /// Words in English, or in the language of `templates`.
    public init(templates: [String: String] = [:]) {
        self.templates = templates
    }

    /// The key's template with `{n}` replaced by `arguments[n]`. In ASCII, `±` and `≤` are spelled
    /// `+/-` and `<=` (the templates keep the symbols, so a translation writes them once).
    func text(_ key: String, _ arguments: String..., unicode: Bool = true) -> String {
        var text = ""
        var characters = Array(templates[key] ?? key)[...]
        while let character = characters.popFirst() {
            if character == "{", let close = characters.firstIndex(of: "}"),
               let index = Int(String(characters[characters.startIndex..<close])), arguments.indices.contains(index) {
                text += arguments[index]
                characters = characters[(close + 1)...]
            } else {
                text.append(character)
            }
        }
        guard !unicode else { return text }
        return text.reduce(into: "") { spelled, character in
            switch character {
            case "±": spelled += "+/-"
            case "≤": spelled += "<="
            default: spelled.append(character)
            }
        }
    }
}
