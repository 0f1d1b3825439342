import TextPlot

/// Draws what is not plain Markdown: the lesson's title block, experiment cells and their
/// results, and exercise questions.
struct CellRenderer {
    let style: TerminalStyle

    /// Title, id and time on the first line; the summary under the rule.
    func header(_ lesson: Lesson) -> String {
        let meta = lesson.metadata
        var right = lesson.displayID
        if let minutes = meta.minutes { right += style.pick(" · ", " - ") + words("\(minutes) min") }
        let title = style.text(meta.title)
        let titleWidth = TextWidth.of(title)
        var lines: [String]
        if titleWidth + 2 + TextWidth.of(right) <= style.width {
            let gap = style.width - titleWidth - TextWidth.of(right)
            lines = [style.paint(title, [.heading]) + String(repeating: " ", count: gap) + style.paint(right, .dim)]
        } else {
            lines = TextWrap.lines(title, width: style.width).map { style.paint($0, [.heading]) }
            lines.append(style.paint(right, .dim))
        }
        lines.append(style.paint(String(repeating: style.pick("━", "="), count: style.width), .dim))
        if let summary = meta.summary {
            lines += InlineWrapper(style: style).lines([.emphasis([.text(summary)])], width: style.width)
        }
        return lines.joined(separator: "\n")
    }

    /// `┌─ experiment NAME ──…` and the parameters as written, so a student sees what to change.
    func experimentHeader(_ cell: ExperimentCell) -> String {
        var label = style.pick("┌─ ", "+- ") + words("experiment \(cell.name)") + " "
        // At a narrow width the name alone stands in the rule, cut only if even that cannot fit.
        if TextWidth.of(label) > style.width {
            label = TextWidth.prefix(style.pick("┌─ ", "+- ") + cell.name + " ", width: style.width)
        }
        let fill = max(style.width - TextWidth.of(label), 0)
        var lines = [style.paint(label, .bold) + style.paint(String(repeating: style.pick("─", "-"), count: fill), .dim)]
        let gutter = style.paint(style.pick("│ ", "| "), .dim)
        let body = cell.source.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingTrailingSpaces().isEmpty }
        if body.isEmpty {
            for piece in TextWrap.lines(words("(default parameters)"), width: style.width - 2) {
                lines.append(gutter + style.paint(piece, [.dim, .italic]))
            }
        } else {
            for line in body {
                for piece in TextWrap.lines(style.text(String(line)), width: style.width - 2) {
                    lines.append(gutter + style.paint(piece, .code))
                }
            }
        }
        lines.append(style.paint(style.pick("└", "+") + String(repeating: style.pick("─", "-"), count: style.width - 1), .dim))
        return lines.joined(separator: "\n")
    }

    /// The result's paragraphs and figures, each followed by a blank line.
    func result(_ result: ExperimentResult) -> String {
        let drawing = FigureDrawing(catalog: style.catalog)
        var text = ""
        for item in result.items {
            switch item {
            case .text(let paragraph):
                text += "\n" + TextWrap.lines(style.text(style.catalog.text(paragraph)), width: style.width).joined(separator: "\n") + "\n"
            case .figure(let figure):
                text += "\n" + drawing.chart(figure).render(style.renderOptions()) + "\n"
            }
        }
        return text
    }

    /// An experiment cell's outcome: the result and its claims, or the failure.
    func cellResult(_ cell: LessonRunner.CellResult) -> String {
        switch cell {
        case .result(let result, let claims): self.result(result) + self.claims(claims)
        case .failed(let diagnostic): failure(diagnostic)
        }
    }

    /// One line per claim: held, not held, or not checked with these parameters, with the values it read
    /// (and why it could not be judged).
    func claims(_ outcomes: [ClaimOutcome]) -> String {
        guard !outcomes.isEmpty else { return "" }
        var lines: [String] = []
        for outcome in outcomes {
            let mark = !outcome.checked ? style.paint(style.pick("– ", "- "), .dim)
                : outcome.held ? style.paint(style.pick("✓ ", "+ "), .ok) : style.paint(style.pick("✗ ", "x "), .bad)
            let claim = outcome.claim.text
            let line: Phrase = !outcome.checked ? "claim not checked with these parameters: \(claim)"
                : outcome.held ? "claim holds: \(claim)" : "claim does not hold: \(claim)"
            let detail = outcome.problem.map { Phrase(verbatim: $0) } ?? ClaimText.values(outcome.values)
            let text = style.text(words(detail.isEmpty ? line : "\(line) (\(detail))"))
            for (index, line) in TextWrap.lines(text, width: style.width - 2).enumerated() {
                lines.append((index == 0 ? mark : "  ") + line)
            }
        }
        return "\n" + lines.joined(separator: "\n") + "\n"
    }

    /// `phrase` in the style's language.
    private func words(_ phrase: Phrase) -> String {
        style.catalog.text(phrase)
    }

    /// An experiment that threw, shown in place of its result.
    func failure(_ diagnostic: Diagnostic) -> String {
        let mark = style.pick("✗ ", "x ")
        let lines = TextWrap.lines(style.text(diagnostic.message), width: style.width - 2)
        return "\n" + lines.enumerated().map { index, line in
            (index == 0 ? style.paint(mark, .bad) : "  ") + line
        }.joined(separator: "\n") + "\n"
    }

    /// `✎ Exercise ID`, the question, and lettered choices, set off by a gutter.
    func exercise(_ cell: ExerciseCell, lesson: String) -> String {
        let gutter = style.paint(style.pick("┃ ", "| "), .dim)
        var lines = [style.paint(style.pick("✎ ", "? ") + words("Exercise \(cell.id)"), .bold)]
        let wrapper = InlineWrapper(style: style)
        for line in wrapper.lines([.text(cell.question)], width: style.width - 2) {
            lines.append(gutter + line)
        }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for (index, choice) in cell.choices.map(style.text).enumerated() {
            let label = index < letters.count ? "\(letters[index])) " : "-) "
            for (lineIndex, line) in TextWrap.lines(choice, width: style.width - 2 - label.count - 2).enumerated() {
                let prefix = lineIndex == 0 ? label : String(repeating: " ", count: label.count)
                lines.append(gutter + "  " + prefix + line)
            }
        }
        let how: Phrase = switch cell.kind {
        case .answer: "answer: \("learn answer \(lesson) \(cell.id) VALUE")"
        case .challenge(let spec):
            "answer: \("learn answer \(lesson) \(cell.id) '{" + spec.ask.map { "\($0): …" }.joined(separator: ", ") + "}'")"
        case .code(let code): "write it in \(code.file), then: \("learn check \(lesson) --exercise \(cell.id)")"
        }
        for line in TextWrap.lines(style.text(words(how)), width: style.width - 2) {
            lines.append(gutter + style.paint(line, .dim))
        }
        return lines.joined(separator: "\n")
    }
}