/// The site's index pages: the editions, and each edition's lessons.
enum IndexPage {
    /// `OUT/index.html`: a link to each edition's index.
    static func root(_ editions: [Site.Edition]) -> String {
        let first = editions.first
        let title = first?.title ?? first.map { $0.catalog.text("Lessons") } ?? "learn"
        var body = ["<main id=\"top\">", "<h1>\(HTML.escaped(title))</h1>", "<ul class=\"lessons\">"]
        for edition in editions {
            let language = HTML.languageAttribute(edition.language)
            body.append("<li lang=\"\(language)\"><a class=\"lesson-title\" href=\"\(edition.language)/index.html\" hreflang=\"\(language)\">"
                + HTML.escaped(HTML.languageName(edition.language)) + "</a>"
                + "<p>" + HTML.escaped(edition.title ?? edition.catalog.text("Lessons")) + " · "
                + HTML.escaped(edition.catalog.text(lessonCount(edition.lessons.count))) + "</p></li>")
        }
        body += ["</ul>", "</main>"]
        let frame = PageFrame(language: first?.language ?? "en", title: title, root: "")
        return frame.document(body.joined(separator: "\n"))
    }

    /// `OUT/LANG/index.html`: the lessons with their titles, summaries, minutes and what they require.
    static func edition(_ edition: Site.Edition, others: [Site.Edition]) -> String {
        let catalog = edition.catalog
        let title = edition.title ?? catalog.text("Lessons")
        var navigation = ["<a href=\"../index.html\">" + HTML.escaped(catalog.text("Editions")) + "</a>"]
        for other in others {
            let language = HTML.languageAttribute(other.language)
            navigation.append("<a class=\"other-edition\" href=\"../\(other.language)/index.html\" hreflang=\"\(language)\" lang=\"\(language)\">"
                + HTML.escaped(HTML.languageName(other.language)) + "</a>")
        }
        var body = ["<nav class=\"site-nav\" aria-label=\"\(HTML.escaped(catalog.text("Editions")))\">" + navigation.joined(separator: "\n") + "</nav>",
                    "<main id=\"top\">", "<h1>\(HTML.escaped(title))</h1>", "<ol class=\"lessons\">"]
        for entry in edition.lessons {
            let meta = entry.lesson.metadata
            let lang = entry.isFallback ? " lang=\"en\"" : ""
            var item = "<li><a class=\"lesson-title\" href=\"\(HTML.escaped(entry.fileName))\"\(lang)>" + HTML.escaped(meta.title) + "</a>"
            if let summary = meta.summary { item += "\n<p\(lang)>\(HTML.escaped(summary))</p>" }
            var facts = [HTML.escaped(entry.lesson.displayID)]
            if let minutes = meta.minutes { facts.append(HTML.escaped(catalog.text("\(minutes) min"))) }
            if !meta.requires.isEmpty {
                facts.append(LessonPage.words(catalog, "requires {0}", [LessonPage.requiredLinks(meta.requires, in: edition)]))
            }
            if entry.isFallback { facts.append(HTML.escaped(catalog.text("not translated yet"))) }
            item += "\n<p class=\"meta\">" + facts.joined(separator: " · ") + "</p></li>"
            body.append(item)
        }
        body += ["</ol>", "</main>"]
        let frame = PageFrame(language: edition.language, title: title, root: "../",
                              alternates: others.map { ($0.language, "../\($0.language)/index.html") })
        return frame.document(body.joined(separator: "\n"))
    }

    private static func lessonCount(_ count: Int) -> Phrase {
        count == 1 ? "1 lesson" : "\(count) lessons"
    }
}
