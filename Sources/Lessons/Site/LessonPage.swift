import Foundation

/// One lesson's page: its prose as HTML (libcmark's renderer, in safe mode), each experiment's
/// results as figures with its claims, and each exercise's question with the command that answers it.
///
/// An exercise's answer, hints, solution, computed answer and reference are never written: the page
/// holds only the question, its choices and the command to type.
struct LessonPage {
    let edition: Site.Edition
    let index: Int
    /// The site's other editions, for the link to this page in another language.
    let others: [Site.Edition]

    private var entry: Site.Lesson { edition.lessons[index] }
    private var lesson: Lesson { entry.lesson }
    private var catalog: MessageCatalog { edition.catalog }

    func html() -> String {
        var anchors = Anchors(reserved: ["contents"])
        var toc: [(level: Int, id: String, text: String)] = []
        var body: [String] = []
        let blocks = Self.source(of: lesson).map(CommonMarkConverter.htmlBlocks) ?? []
        let prose = Dictionary(blocks.map { ($0.position, $0) }, uniquingKeysWith: { first, _ in first })
        let outcomes = entry.outcome.cells
        for cell in lesson.cells {
            switch cell {
            case .markdown(let block):
                guard let rendered = prose[block.position] else { continue }
                guard let heading = rendered.heading else { body.append(rendered.html); continue }
                let id = anchors.id(for: heading.text)
                if (2...3).contains(heading.level) { toc.append((heading.level, id, heading.text)) }
                body.append(Self.withID(rendered.html, level: heading.level, id: id))
            case .experiment(let experiment):
                let outcome = experiment.index < outcomes.count ? outcomes[experiment.index] : nil
                body.append(self.experiment(experiment, outcome))
            case .exercise(let exercise):
                body.append(self.exercise(exercise))
            }
        }
        let frame = PageFrame(language: edition.language, title: pageTitle, root: "../",
                              previous: neighbour(-1)?.fileName, next: neighbour(1)?.fileName,
                              alternates: otherEditions.map { ($0.language, "../\($0.language)/\(entry.fileName)") })
        var main = ["<main id=\"top\"" + (entry.isFallback ? " lang=\"\(HTML.languageAttribute("en"))\"" : "") + ">"]
        main.append("<h1>\(HTML.escaped(lesson.metadata.title))</h1>")
        if let summary = lesson.metadata.summary { main.append("<p class=\"summary\">\(HTML.escaped(summary))</p>") }
        main.append("<p class=\"meta\">\(meta)</p>")
        if entry.isFallback {
            main.append("<p class=\"notice\" lang=\"\(HTML.languageAttribute(edition.language))\">"
                + HTML.escaped(catalog.text("This lesson has not been translated yet; it is shown in English.")) + "</p>")
        }
        if !toc.isEmpty { main.append(Self.contents(toc, title: catalog.text("Contents"))) }
        main += body
        main.append("</main>")
        return frame.document(([navigation] + main + [footer]).joined(separator: "\n"))
    }

    // MARK: - Chrome

    private var pageTitle: String {
        lesson.metadata.title + (edition.title.map { " · " + $0 } ?? "")
    }

    private func neighbour(_ step: Int) -> Site.Lesson? {
        let position = index + step
        return edition.lessons.indices.contains(position) ? edition.lessons[position] : nil
    }

    /// The editions that have this lesson translated (none when this page is itself untranslated).
    private var otherEditions: [Site.Edition] {
        guard !entry.isFallback else { return [] }
        return others.filter { other in other.lessons.contains { $0.fileName == entry.fileName && !$0.isFallback } }
    }

    private var navigation: String {
        var links = ["<a href=\"index.html\">" + HTML.escaped(edition.title ?? catalog.text("Lessons")) + "</a>"]
        if let previous = neighbour(-1) {
            links.append("<a href=\"\(HTML.escaped(previous.fileName))\" rel=\"prev\">"
                + HTML.escaped(catalog.text("← Previous")) + "</a>")
        }
        if let next = neighbour(1) {
            links.append("<a href=\"\(HTML.escaped(next.fileName))\" rel=\"next\">" + HTML.escaped(catalog.text("Next →")) + "</a>")
        }
        for other in otherEditions {
            let language = HTML.languageAttribute(other.language)
            links.append("<a class=\"other-edition\" href=\"../\(other.language)/\(HTML.escaped(entry.fileName))\" hreflang=\"\(language)\" lang=\"\(language)\">"
                + HTML.escaped(HTML.languageName(other.language)) + "</a>")
        }
        return "<nav class=\"site-nav\" aria-label=\"\(HTML.escaped(catalog.text("Lessons")))\">" + links.joined(separator: "\n") + "</nav>"
    }

    private var footer: String {
        var parts: [String] = []
        if let previous = neighbour(-1) {
            parts.append("<a href=\"\(HTML.escaped(previous.fileName))\">← " + HTML.escaped(previous.lesson.metadata.title) + "</a>")
        }
        parts.append("<span>" + HTML.escaped(catalog.text("Keys: j or → for the next lesson, k or ← for the previous one")) + "</span>")
        if let next = neighbour(1) {
            parts.append("<a href=\"\(HTML.escaped(next.fileName))\">" + HTML.escaped(next.lesson.metadata.title) + " →</a>")
        }
        return "<footer class=\"site-foot\">" + parts.joined(separator: "\n") + "</footer>"
    }

    /// `lesson-03 · 20 min · requires lesson-02` with links to the lessons it requires.
    private var meta: String {
        var parts = [HTML.escaped(lesson.displayID)]
        if let minutes = lesson.metadata.minutes { parts.append(HTML.escaped(catalog.text("\(minutes) min"))) }
        if !lesson.metadata.requires.isEmpty {
            parts.append(Self.words(catalog, "requires {0}", [Self.requiredLinks(lesson.metadata.requires, in: edition)]))
        }
        return parts.joined(separator: " · ")
    }

    /// The lessons `requires` names, each a link to its page in `edition` when it has one.
    static func requiredLinks(_ requires: [String], in edition: Site.Edition) -> String {
        requires.map { required -> String in
            guard let target = edition.lessons.first(where: { $0.lesson.id?.description == required }) else {
                return HTML.escaped(required)
            }
            return "<a href=\"\(HTML.escaped(target.fileName))\">\(HTML.escaped(required))</a>"
        }.joined(separator: ", ")
    }

    static func contents(_ toc: [(level: Int, id: String, text: String)], title: String) -> String {
        var html = "<nav class=\"toc\" aria-labelledby=\"contents\"><h2 id=\"contents\">\(HTML.escaped(title))</h2>\n<ol>"
        var inner = false
        for (position, item) in toc.enumerated() {
            let link = "<a href=\"#\(HTML.escaped(item.id))\">\(HTML.escaped(item.text))</a>"
            if item.level == 3, position > 0 {
                html += inner ? "</li>\n<li>" + link : "\n<ol>\n<li>" + link
                inner = true
            } else {
                if inner { html += "</li>\n</ol>"; inner = false }
                html += (position > 0 ? "</li>\n" : "\n") + "<li>" + link
            }
        }
        if inner { html += "</li>\n</ol>" }
        return html + "</li>\n</ol>\n</nav>"
    }

    // MARK: - Cells

    private func experiment(_ cell: ExperimentCell, _ outcome: LessonRunner.CellResult?) -> String {
        let id = "cell-\(cell.index + 1)"
        var html = ["<div class=\"experiment\" id=\"\(id)\">",
                    "<p class=\"cell-title\">" + Self.words(catalog, "Experiment {0}", ["<code>\(HTML.escaped(cell.name))</code>"]) + "</p>"]
        let source = cell.source.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }.joined(separator: "\n")
        if !source.isEmpty { html.append("<pre class=\"cell-source\"><code>\(HTML.escaped(source))</code></pre>") }
        switch outcome {
        case .result(let result, let claims):
            for (number, item) in result.items.enumerated() {
                switch item {
                case .text(let phrase):
                    html.append("<p>\(HTML.escaped(catalog.text(phrase)))</p>")
                case .figure(.table(let table)):
                    html.append(HTMLTable.html(table, catalog: catalog))
                case .figure(let figure):
                    html.append("<div class=\"figure-scroll\">\(SVGFigure.svg(figure, catalog: catalog, idPrefix: "\(id)-\(number + 1)"))</div>")
                }
            }
            if !claims.isEmpty { html.append(self.claims(claims)) }
        case .failed(let diagnostic):
            html.append("<p class=\"failure\"><span class=\"mark\" aria-hidden=\"true\">✗</span> " + HTML.escaped(diagnostic.message) + "</p>")
        case nil:
            html.append("<p class=\"failure\">" + HTML.escaped(catalog.text("This experiment did not run.")) + "</p>")
        }
        html.append("</div>")
        return html.joined(separator: "\n")
    }

    /// One line per claim: held, not held or not checked with these parameters, with the values it read.
    private func claims(_ outcomes: [ClaimOutcome]) -> String {
        var lines = ["<ul class=\"claims\">"]
        for outcome in outcomes {
            let (kind, mark, key): (String, String, String) =
                !outcome.checked ? ("unchecked", "–", "claim not checked with these parameters: {0}")
                : outcome.held ? ("held", "✓", "claim holds: {0}") : ("not-held", "✗", "claim does not hold: {0}")
            let detail = outcome.problem ?? Self.values(outcome.values, catalog: catalog)
            lines.append("<li class=\"\(kind)\"><span class=\"mark\" aria-hidden=\"true\">\(mark)</span>"
                + Self.words(catalog, key, ["<code>\(HTML.escaped(outcome.claim.text))</code>"])
                + (detail.isEmpty ? "" : " <span class=\"values\">(\(HTML.escaped(detail)))</span>") + "</li>")
        }
        lines.append("</ul>")
        return lines.joined(separator: "\n")
    }

    /// The question, its choices and the commands to answer and check it; nothing that gives it away.
    private func exercise(_ cell: ExerciseCell) -> String {
        let lessonID = lesson.displayID
        var html = ["<div class=\"exercise\" id=\"exercise-\(HTML.escaped(cell.id))\">",
                    "<p class=\"cell-title\">" + Self.words(catalog, "Exercise {0}", ["<code>\(HTML.escaped(cell.id))</code>"]) + "</p>",
                    CommonMarkConverter.html(fragment: cell.question).trimmingFinalNewline()]
        if !cell.choices.isEmpty {
            html.append("<ol class=\"choices\">" + cell.choices.map { "<li>\(Self.inline($0))</li>" }.joined() + "</ol>")
        }
        let command: String
        switch cell.kind {
        case .answer(let spec):
            command = "learn answer \(lessonID) \(cell.id) " + (spec.choices.isEmpty ? "VALUE" : "LETTER")
        case .challenge(let spec):
            command = "learn answer \(lessonID) \(cell.id) '{" + spec.ask.map { "\($0): …" }.joined(separator: ", ") + "}'"
        case .code(let code):
            html.append("<p class=\"how\">" + Self.words(catalog, "Write it in {0}, then check it:", ["<code>\(HTML.escaped(code.file))</code>"]) + "</p>")
            html.append("<pre><code>learn check \(HTML.escaped(lessonID)) --exercise \(HTML.escaped(cell.id))</code></pre>")
            html.append("</div>")
            return html.joined(separator: "\n")
        }
        html.append("<p class=\"how\">" + HTML.escaped(catalog.text("Answer in the terminal, then check it:")) + "</p>")
        html.append("<pre><code>\(HTML.escaped(command))\nlearn check \(HTML.escaped(lessonID))</code></pre>")
        html.append("</div>")
        return html.joined(separator: "\n")
    }

    // MARK: - Helpers

    /// The values a claim read, `name = value`, yes/no values too (the terminal shows those only
    /// beside numbers).
    static func values(_ metrics: [Metric], catalog: MessageCatalog) -> String {
        metrics.map { metric in
            switch metric.value {
            case .flag(let flag): "\(metric.name) = " + catalog.text(flag ? "yes" : "no")
            case .number(let number):
                "\(metric.name) = " + (number == number.rounded() && abs(number) < 1e15
                    ? NumberFormat.integer.format(number) : NumberFormat.significant(3).format(number))
            }
        }.joined(separator: ", ")
    }

    /// The lesson's text as the parser read it, so that the blocks' positions match the cells'.
    static func source(of lesson: Lesson) -> SourceText? {
        try? SourceText(bytes: Array(lesson.text.utf8), file: lesson.file)
    }

    /// A heading from libcmark (`<h2>…</h2>`) with its id.
    static func withID(_ html: String, level: Int, id: String) -> String {
        let open = "<h\(level)>"
        guard html.hasPrefix(open) else { return html }
        return "<h\(level) id=\"\(HTML.escaped(id))\">" + String(html.dropFirst(open.count)).trimmingFinalNewline()
    }

    /// Short Markdown (a choice) as inline HTML: the paragraph libcmark wraps it in, removed.
    static func inline(_ markdown: String) -> String {
        var html = CommonMarkConverter.html(fragment: markdown).trimmingFinalNewline()
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.components(separatedBy: "<p>").count == 2 {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return html
    }

    /// A phrase of the catalog with HTML arguments: the words are escaped, the arguments put in as they are.
    static func words(_ catalog: MessageCatalog, _ key: String, _ arguments: [String]) -> String {
        let tokens = arguments.indices.map { "\u{E000}\($0)\u{E001}" }
        var text = HTML.escaped(catalog.text(Phrase(key: key, arguments: tokens.map { .value($0) })))
        for (token, argument) in zip(tokens, arguments) {
            text = text.replacingOccurrences(of: token, with: argument)
        }
        return text
    }
}
