import Yams

extension MessageCatalog {
    /// The languages with a shipped catalog (`en`, `zh`).
    public static var shippedLanguages: [String] { ShippedCatalogs.sources.keys.sorted() }

    /// The shipped catalog of `language`, read from its embedded YAML; nil when none is shipped or it
    /// does not read (the catalog tests make sure the shipped ones do).
    public static func named(_ language: String) -> MessageCatalog? {
        ShippedCatalogs.parsed[language]
    }

    /// The catalog to write in for `language`: English for `en`, else the shipped catalog, else
    /// English. Never fails: a language without a catalog reads in English.
    public static func `for`(language: String) -> MessageCatalog {
        language == "en" ? .english : named(language) ?? .english
    }

    /// A catalog file's text: a YAML mapping of each key (an English template) to its template in
    /// `language`. Throws a diagnostic at the line of the first problem: not a mapping, a key or
    /// template that is not text, a key given twice (`YAMLSource` refuses it), or a template whose
    /// placeholders differ.
    public static func parse(yaml text: String, language: String, file: String) throws -> MessageCatalog {
        let source = YAMLSource(file: file, text: text, firstLine: 1, what: "a message catalog")
        guard let root = try source.compose() else { return try MessageCatalog(language: language, messages: [:]) }
        guard case .mapping(let mapping) = root else {
            throw Diagnostic(file: file, at: source.position(root.mark), "a message catalog is a mapping of keys to templates",
                             hint: "Write each entry as \"English template\": \"template\".")
        }
        var messages: [String: String] = [:]
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key, case .scalar(let valueScalar) = value else {
                throw Diagnostic(file: file, at: source.position(key.mark), "each key and template of a message catalog is text",
                                 hint: "Write the entry as \"English template\": \"template\", both in double quotes.")
            }
            if let problem = Self.problem(key: keyScalar.string, template: valueScalar.string, language: language) {
                throw Diagnostic(file: file, at: source.position(value.mark), problem.message, hint: problem.hint)
            }
            messages[keyScalar.string] = valueScalar.string
        }
        return try MessageCatalog(language: language, messages: messages)
    }
}

/// The catalogs shipped in the program, parsed once when first asked for.
enum ShippedCatalogs {
    static let parsed: [String: MessageCatalog] = {
        var catalogs: [String: MessageCatalog] = [:]
        for (language, text) in sources {
            catalogs[language] = try? MessageCatalog.parse(yaml: text, language: language, file: "\(language).yaml")
        }
        return catalogs
    }()
}
