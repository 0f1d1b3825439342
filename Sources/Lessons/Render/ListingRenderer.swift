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
        var table = TextPlot.Table(columns: [.init("id"), .init("title"), .init("minutes", format: .integer), .init("progress")])
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
            var table = TextPlot.Table(columns: [.init("parameter"), .init("type"), .init("default"), .init("meaning")])
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
            if !entry.metrics.isEmpty {
                lines.append("")
                lines += TextWrap.lines("metrics: " + entry.metrics.map(\.description).joined(separator: ", "), width: style.width - 2).map { "  " + $0 }
            }
            if let naming = entry.runNaming {
                lines += TextWrap.lines("a run ({run}) is named by " + naming, width: style.width - 2).map { "  " + $0 }
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
            var table = TextPlot.Table(columns: [.init("parameter"), .init("value"), .init("type")])
            for doc in cell.parameterValues {
                table.append([.text(doc.key), .text(doc.defaultValue), .text(doc.typeDescription)])
            }
            let heading = "\(cell.reference)  experiment \(cell.name)  (line \(cell.position.line))"
            return style.paint(heading, .bold) + "\n" + table.render(style.renderOptions())
        }.joined(separator: "\n\n") + "\n\nChange one for a run with --set CELL.KEY=VALUE, e.g. --set '\(cells[0].reference).\(cells[0].parameterValues.first?.key ?? "key")=…'."
    }

    /// The catalog as GitHub Markdown: what `docs/experiments.md` holds.
    public static func experimentsMarkdown(_ entries: [CatalogEntry]) -> String {
        var text = "# Experiments\n\n"
        text += "The experiments a lesson can embed (`experiment NAME` cells), with every parameter's type, default and\n"
        text += "range, and the metrics its claims can read. Generated by `learn experiments --markdown`; the test suite\n"
        text += "checks that this file is current.\n\n"
        text += "## Run names\n\n"
        text += "An experiment that compares runs names each one, and its metrics are `RUN.METRIC`. One rule names every\n"
        text += "run of every experiment: **a run's name is made of its own settings, joined with `_` in a fixed order;\n"
        text += "the settings each experiment always names are in every name, and any other setting it compares is in the\n"
        text += "name only when the run's value is not that setting's default.** A name never depends on how many values a\n"
        text += "list holds or on the other runs, so adding a second learning rate (in the lesson or with `--set`) adds runs\n"
        text += "and renames none: `sgd_lr0.4` is `sgd_lr0.4` whether one rate or two are listed. Numbers are written as in\n"
        text += "the lesson, with `_` for `-` (`lr1e_05`), since a claim reads `-` as minus. Each experiment below says which\n"
        text += "settings enter its names. A claim naming a run that the cell's parameters don't make is \"not checked with\n"
        text += "these parameters\" when `learn run` runs it (`learn test` fails on it, and `learn lint` reports it); a name no\n"
        text += "parameters of the experiment could produce is a `learn lint` error. In a challenge exercise, where the run\n"
        text += "depends on the student's answer, a claim may write `{…}` for any text: `sgd_lr{rate}.diverged`.\n"
        for entry in entries {
            text += "\n## \(entry.name)\n\n\(entry.summary)\n\n"
            if !entry.metrics.isEmpty {
                text += "Metrics: " + entry.metrics.map { "`\($0.text)`" + ($0.sometimes ? " (on some outcomes)" : "") }
                    .joined(separator: ", ") + ".\n\n"
            }
            if let naming = entry.runNaming { text += "A run (`{run}`) is named by \(naming).\n\n" }
            guard !entry.parameters.isEmpty else {
                text += "No parameters.\n"
                continue
            }
            var table = TextPlot.Table(columns: [.init("parameter"), .init("type"), .init("default"), .init("meaning")])
            for parameter in entry.parameters {
                table.append([.text("`\(parameter.key)`"), .text(parameter.typeDescription),
                              .text("`\(parameter.defaultValue)`"), .text(parameter.summary)])
            }
            text += table.markdown() + "\n"
        }
        return text
    }
}
