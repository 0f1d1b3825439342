import TextPlot

/// Renders `learn check`'s verdicts: a line per exercise, then a summary.
public struct CheckRenderer: Sendable {
    /// Width, character set and color.
    public let style: TerminalStyle

    /// Creates a renderer.
    public init(style: TerminalStyle) {
        self.style = style
    }

    /// The lesson's title line, then one line (or a few) per exercise.
    public func lesson(_ lesson: Lesson, _ results: [CheckResult]) -> String {
        var lines = [style.paint(lesson.displayID, .bold) + "  " + style.text(lesson.metadata.title)]
        let idWidth = results.map { TextWidth.of($0.id) }.max() ?? 0
        for result in results {
            let (mark, paint): (String, InlineStyle) = switch result.status {
            case .passed: (style.pick("✓", "+"), .ok)
            case .failed: (style.pick("✗", "x"), .bad)
            case .notTried: (style.pick("·", "."), .dim)
            case .invalid: ("!", .bad)
            }
            let verdict = words(result.status.phrase)
            let detailLines = style.text(words(result.reason)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let head = "  " + style.paint(mark, paint) + " " + TextWidth.pad(result.id, to: idWidth) + "  "
            let first = detailLines.first.map { $0.isEmpty ? verdict : words("\(verdict): \($0)") } ?? verdict
            let indent = String(repeating: " ", count: 4 + idWidth + 2)
            let wrapped = TextWrap.lines(first, width: max(style.width - indent.count, 20))
            lines.append(head + style.paint(wrapped[0], result.status == .passed ? [] : paint))
            lines += wrapped.dropFirst().map { indent + $0 }
            lines += detailLines.dropFirst().map { indent + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// "3 passed, 1 failed, 2 not tried" (and errors, when any).
    public func summary(_ results: [CheckResult]) -> String {
        func count(_ status: CheckResult.Status) -> Int { results.filter { $0.status == status }.count }
        var parts: [Phrase] = ["\(count(.passed)) passed", "\(count(.failed)) failed"]
        if count(.notTried) > 0 { parts.append("\(count(.notTried)) not tried") }
        if count(.invalid) > 0 { parts.append("\(count(.invalid)) could not be checked") }
        return words(parts.joined(separator: ", "))
    }

    /// `phrase` in the style's language.
    func words(_ phrase: Phrase) -> String {
        style.catalog.text(phrase)
    }
}

extension CheckResult.Status {
    /// The verdict as `learn check` writes it.
    var phrase: Phrase {
        switch self {
        case .passed: "passed"
        case .failed: "failed"
        case .notTried: "not tried"
        case .invalid: "error"
        }
    }
}
