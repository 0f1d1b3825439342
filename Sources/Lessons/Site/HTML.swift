/// Writing text into HTML.
enum HTML {
    /// `text` as HTML text or an attribute's value: `&`, `<`, `>` and both quotes as references, and
    /// control characters as visible escapes (`\x1B`), as the terminal shows them (`MarkupText`, which
    /// the figures use too).
    static func escaped(_ text: String) -> String {
        MarkupText.escaped(text)
    }

    /// The `lang` attribute's value for a language tag: Chinese is written in simplified characters.
    static func languageAttribute(_ language: String) -> String {
        language == "zh" ? "zh-Hans" : language
    }

    /// The name of a language in that language, for the link to the same page in another edition.
    static func languageName(_ language: String) -> String {
        switch language {
        case "en": "English"
        case "zh": "中文"
        default: language
        }
    }
}

/// Ids for a page's headings: slugs of their text, unique within the page.
///
/// A slug keeps letters and digits of any script (so a Chinese heading keeps its characters),
/// lowercases Latin letters, turns spaces and dashes into single hyphens and drops the rest, as
/// GitHub's anchors do; a repeated slug gets `-2`, `-3` …; a heading with no letter or digit is `section`.
struct Anchors {
    private var used: Set<String>

    /// `reserved`: ids the page uses for other things.
    init(reserved: Set<String> = []) {
        used = reserved
    }

    static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                if pendingHyphen, !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "-" || scalar == "_" || scalar == "\t" {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// A new id for a heading with `text`.
    mutating func id(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        var number = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(number)"
            number += 1
        }
        used.insert(candidate)
        return candidate
    }
}
