import TextPlot

/// Renders the listings of `learn list` and `learn experiments`.
public struct ListingRenderer: Sendable {
    /// Width, character set and color.
    public let style: TerminalStyle

    /// Creates a renderer.
    public init(style: TerminalStyle) {
        self.style = style
    }

    /// The lessons as a table of id, title, minutes and progress (exercises passed of all; `done`
    /// when all passed, or when a lesson without exercises was run), then the lesson to take next.
    public func lessons(_ library: LessonLibrary, parser: LessonParser, progress: Progress) -> String {
        guard !library.entries.isEmpty else { return "There are no lessons in \(library.folder)." }
        var table = Table(columns: [.init("id"), .init("title"), .init("minutes", format: .integer), .init("progress")])
        var next: String?
        for entry in library.entries {
            guard let lesson = try? parser.parse(contentsOf: entry.path) else {
                table.append([.text(entry.id.description), .text("(has errors: `learn run \(entry.id)` shows them)"), .empty, .empty])
                continue
            }
            let record = progress[entry.id.description]
            let ids = Set(lesson.exercises.map(\.id))
            let passed = ids.intersection(record.passed).count
            let done = ids.isEmpty ? record.ran : passed == ids.count
            var status = ids.isEmpty ? (record.ran ? "read" : "") : "\(passed)/\(ids.count) passed"
            if done { status = style.pick("✓ done", "done") + (ids.isEmpty ? "" : " (\(passed)/\(ids.count))") }
            if !done, next == nil { next = entry.id.description }
            table.append([.text(entry.id.description), .text(style.text(lesson.metadata.title)),
                          lesson.metadata.minutes.map { .number(Double($0)) } ?? .empty, .text(status)])
        }
        var text = table.render(style.renderOptions())
        if let next {
            text += "\n\nNext: learn run \(next)   (then learn check \(next))"
        } else {
            text += "\n\nEvery lesson is done."
        }
        return text
    }

    /// Each experiment: its name, summary, and a table of parameters with types, defaults and ranges.
    public func experiments(_ entries: [CatalogEntry]) -> String {
        var blocks: [String] = []
        for entry in entries {
            var lines = [style.paint(entry.name, .heading)]
            lines += TextWrap.lines(entry.summary, width: style.width - 2).map { "  " + $0 }
            var table = Table(columns: [.init("parameter"), .init("type"), .init("default"), .init("meaning")])
            for parameter in entry.parameters {
                table.append([.text(parameter.key), .text(parameter.typeDescription),
                              .text(parameter.defaultValue), .text(parameter.summary)])
            }
            if entry.parameters.isEmpty {
                lines.append("  (no parameters)")
            } else {
                lines.append("")
                lines += table.render(style.renderOptions(indent: 2)).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "  " + $0 }
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }

    /// Every experiment cell of `lesson` with the value each parameter runs with, for `--params`.
    public func parameters(of lesson: Lesson) -> String {
        let cells = lesson.experiments
        guard !cells.isEmpty else { return "\(lesson.displayID) has no experiment cells." }
        return cells.map { cell in
            var table = Table(columns: [.init("parameter"), .init("value"), .init("type")])
            for doc in cell.parameterValues {
                table.append([.text(doc.key), .text(doc.defaultValue), .text(doc.typeDescription)])
            }
            let heading = "\(cell.reference)  experiment \(cell.name)  (line \(cell.position.line))"
            return style.paint(heading, .bold) + "\n" + table.render(style.renderOptions())
        }.joined(separator: "\n\n") + "\n\nChange one for a run with --set CELL.KEY=VALUE, e.g. --set '\(cells[0].reference).\(cells[0].parameterValues.first?.key ?? "key")=…'."
    }
}
