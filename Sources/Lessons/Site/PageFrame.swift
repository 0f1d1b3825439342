/// What every page of the site shares: the document, its head and the keyboard script.
struct PageFrame {
    /// The page's language tag (`en`, `zh`).
    var language: String
    var title: String
    /// The path from the page to the site's top folder ("" or "../").
    var root: String
    /// `rel=prev` and `rel=next` targets, if any.
    var previous: String? = nil
    var next: String? = nil
    /// `hreflang` alternates: language tag and the page's path in that edition.
    var alternates: [(language: String, href: String)] = []

    /// The whole document around `body` (the contents of <body>).
    func document(_ body: String) -> String {
        var head = [
            "<!DOCTYPE html>",
            "<html lang=\"\(HTML.languageAttribute(language))\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"color-scheme\" content=\"light dark\">",
            "<title>\(HTML.escaped(title))</title>",
            "<link rel=\"stylesheet\" href=\"\(root)style.css\">",
        ]
        if let previous { head.append("<link rel=\"prev\" href=\"\(HTML.escaped(previous))\">") }
        if let next { head.append("<link rel=\"next\" href=\"\(HTML.escaped(next))\">") }
        for alternate in alternates {
            head.append("<link rel=\"alternate\" hreflang=\"\(HTML.languageAttribute(alternate.language))\" href=\"\(HTML.escaped(alternate.href))\">")
        }
        head += ["</head>", "<body>", body, SiteStyle.keyboardScript, "</body>", "</html>", ""]
        return head.joined(separator: "\n")
    }
}
