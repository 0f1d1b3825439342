import TextPlot

/// An SVG drawing being built: its width, the height used so far, and its elements in drawing order.
/// Every text passes `MarkupText.escaped` here, and every number `MarkupText.number`, so a chart's code
/// never writes markup by hand.
struct SVGCanvas {
    /// The drawing's width in CSS pixels.
    let width: Double
    /// The lowest point used so far: charts lay out top to bottom and the drawing ends here.
    var bottom: Double = 0
    private(set) var elements: [String] = []

    /// The font size of ordinary text; titles are a little larger.
    static let fontSize = 12.0
    /// The distance between two lines of text.
    static let lineHeight = 16.0
    /// The space around everything.
    static let margin = 8.0

    init(width: Double) {
        self.width = width
    }

    /// Adds raw markup; only this file and `SVGShapes` build it.
    mutating func append(_ element: String) {
        elements.append(element)
    }

    /// Starts a group with a class (and presentation attributes as fallbacks for the class's style).
    mutating func open(_ className: String, _ attributes: String = "") {
        elements.append("<g class=\"\(className)\"\(attributes.isEmpty ? "" : " " + attributes)>")
    }

    mutating func close() {
        elements.append("</g>")
    }

    /// One line of text with its baseline at `y`.
    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, className: String = "label",
                       _ attributes: String = "") {
        guard !content.isEmpty else { return }
        let anchorAttribute = anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\""
        let extra = attributes.isEmpty ? "" : " " + attributes
        elements.append("<text class=\"\(className)\" x=\"\(n(x))\" y=\"\(n(y))\"\(anchorAttribute)\(extra)>\(MarkupText.escaped(content))</text>")
    }

    /// `content` wrapped to `maxWidth`, one line of text per line from `y` (the first baseline) down;
    /// returns the baseline after the last line.
    @discardableResult
    mutating func paragraph(_ content: String, x: Double, y: Double, maxWidth: Double, anchor: Anchor = .start,
                            className: String = "label") -> Double {
        var baseline = y
        for line in Self.wrap(content, maxWidth: maxWidth) {
            text(line, x: x, y: baseline, anchor: anchor, className: className)
            baseline += Self.lineHeight
        }
        return baseline
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, className: String) {
        elements.append("<line class=\"\(className)\" x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\"/>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, className: String, _ attributes: String = "") {
        elements.append("<rect class=\"\(className)\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(width, 0)))\" height=\"\(n(max(height, 0)))\"\(attributes.isEmpty ? "" : " " + attributes)/>")
    }

    /// A path from its data (`d`), which callers build from `n(_:)` numbers.
    mutating func path(_ data: String, className: String, _ attributes: String = "") {
        guard !data.isEmpty else { return }
        elements.append("<path class=\"\(className)\" d=\"\(data)\"\(attributes.isEmpty ? "" : " " + attributes)/>")
    }

    /// The finished `<svg>` element: its title and description first, named by `aria-labelledby`.
    func document(kind: String, title: String, description: String, idPrefix: String) -> String {
        let id = Self.identifier(idPrefix)
        let height = n(bottom + Self.margin)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure figure-\(kind)\" width=\"\(n(width))\" height=\"\(height)\""
        out += " viewBox=\"0 0 \(n(width)) \(height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""
        out += " font-family=\"system-ui, sans-serif\" font-size=\"\(n(Self.fontSize))\" fill=\"currentColor\">\n"
        out += "<title id=\"\(id)-title\">\(MarkupText.escaped(title))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(MarkupText.escaped(description))</desc>\n"
        for element in elements { out += element + "\n" }
        return out + "</svg>"
    }

    /// `prefix` as an id: letters, digits, `-` and `_` kept, anything else `_`, and a letter first.
    static func identifier(_ prefix: String) -> String {
        var id = String(prefix.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
                ? Character(scalar) : "_"
        })
        if !(id.unicodeScalars.first.map { $0.isASCII && $0.properties.isAlphabetic } ?? false) { id = "f" + id }
        return id
    }

    /// The width `text` takes at `fontSize`, estimated from its display columns (a CJK character is
    /// two): the layout needs no font metrics, so it is the same on every machine.
    static func textWidth(_ text: String, fontSize: Double = fontSize) -> Double {
        Double(TextWidth.of(text)) * fontSize * 0.55
    }

    /// `text` broken into lines no wider than `maxWidth` (by the estimate above).
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double = fontSize) -> [String] {
        guard !text.isEmpty else { return [] }
        return TextWrap.lines(text, width: max(Int(maxWidth / (fontSize * 0.55)), 8))
    }

    /// Where a text sits relative to its x.
    enum Anchor: String {
        case start, middle, end
    }
}

/// A number as SVG writes it (see `MarkupText.number`).
func n(_ value: Double) -> String {
    MarkupText.number(value)
}

extension SVGCanvas {
    /// The title, centred and bold, wrapped; moves `bottom` below it.
    mutating func title(_ title: String?) {
        guard let title, !title.isEmpty else { return }
        var baseline = bottom + 16
        for line in Self.wrap(title, maxWidth: width - 2 * Self.margin, fontSize: 13) {
            text(line, x: width / 2, y: baseline, anchor: .middle, className: "title", "font-size=\"13\" font-weight=\"bold\"")
            baseline += 18
        }
        bottom = baseline - 18 + 8
    }

    /// Notes (what could not be drawn, captions) under everything drawn so far.
    mutating func notes(_ notes: [String], className: String = "note") {
        for note in notes where !note.isEmpty {
            bottom = paragraph(note, x: Self.margin, y: bottom + 14, maxWidth: width - 2 * Self.margin, className: className) - 12
        }
    }
}
