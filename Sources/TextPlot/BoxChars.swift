/// The characters of table borders and chart frames in each character set.
struct BoxChars {
    /// One horizontal rule: its ends, fill and column crossings.
    struct Rule {
        var left: String, fill: String, cross: String, right: String
    }

    let top: Rule
    let headerRule: Rule
    let bottom: Rule
    /// The vertical bar between cells.
    let bar: String

    init(_ charset: Charset) {
        switch charset {
        case .unicode:
            top = Rule(left: "┌", fill: "─", cross: "┬", right: "┐")
            headerRule = Rule(left: "├", fill: "─", cross: "┼", right: "┤")
            bottom = Rule(left: "└", fill: "─", cross: "┴", right: "┘")
            bar = "│"
        case .ascii:
            top = Rule(left: "+", fill: "-", cross: "+", right: "+")
            headerRule = Rule(left: "+", fill: "=", cross: "+", right: "+")
            bottom = Rule(left: "+", fill: "-", cross: "+", right: "+")
            bar = "|"
        }
    }
}
