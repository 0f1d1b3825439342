/// Bars drawn with eighth-block resolution in Unicode and with whole characters in ASCII.
enum Blocks {
    /// A horizontal bar `length` cells long (fractional), e.g. `████▋`; at least one mark when `visible`.
    static func horizontal(_ length: Double, unicode: Bool, visible: Bool) -> String {
        let length = length.isFinite ? min(max(length, 0), 1e6) : 0
        var whole = Int(length)
        let eighths = Int(((length - Double(whole)) * 8).rounded())
        if eighths == 8 { whole += 1 }
        var bar = String(repeating: unicode ? "█" : "#", count: whole)
        if eighths > 0 && eighths < 8 {
            if unicode {
                bar.append(["▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths - 1])
            } else if eighths >= 4 {
                bar.append("=")
            }
        }
        if bar.isEmpty && visible { bar = unicode ? "▏" : "|" }
        return bar
    }

    /// The character of one cell of a vertical bar whose top is `fill` cells above this cell's bottom
    /// (1 or more fills the cell); `visible` asks for a mark even when the bar is too short to round up.
    static func vertical(_ fill: Double, unicode: Bool, visible: Bool) -> Character {
        if fill >= 1 { return unicode ? "█" : "#" }
        let eighths = Int((max(fill, 0) * 8).rounded())
        if unicode {
            if eighths == 8 { return "█" }
            if eighths > 0 { return ["▁", "▂", "▃", "▄", "▅", "▆", "▇"][eighths - 1] }
            return visible ? "▁" : " "
        }
        if eighths >= 6 { return "#" }
        if eighths >= 3 { return "=" }
        return visible ? "_" : " "
    }
}
