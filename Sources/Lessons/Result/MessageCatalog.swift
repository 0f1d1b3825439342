import Foundation

/// The words of one language: each phrase key (an English template) with its template in that language.
///
/// English needs no entries: a key is its own English text. A template of another language must
/// use the same placeholders as its key (`{0}`, `{1}` …), which `init(language:messages:)` checks,
/// as gettext's `msgfmt --check` does. A key without an entry is shown in English.
///
/// The shipped catalogs are `Sources/Lessons/Catalogs/LANGUAGE.yaml`, embedded in the program by
/// `scripts/embed-catalogs.sh` (docs/translating.md); `named(_:)` reads them.
public struct MessageCatalog: Sendable, Equatable {
    /// The language's tag (`en`, `zh`).
    public let language: String
    /// Template by key.
    public let messages: [String: String]
    /// Where keys without an entry are noted, when a test asks (`recordingMissingKeys()`).
    private var missing: MissingKeys?

    public static func == (a: MessageCatalog, b: MessageCatalog) -> Bool {
        a.language == b.language && a.messages == b.messages
    }

    /// English: every key as it is.
    public static let english = MessageCatalog(uncheckedLanguage: "en", messages: [:])

    private init(uncheckedLanguage language: String, messages: [String: String]) {
        self.language = language
        self.messages = messages
    }

    /// A catalog; throws when a template's placeholders differ from its key's.
    public init(language: String, messages: [String: String]) throws {
        for (key, template) in messages.sorted(by: { $0.key < $1.key }) {
            if let problem = Self.problem(key: key, template: template, language: language) { throw problem }
        }
        self.init(uncheckedLanguage: language, messages: messages)
    }

    /// What is wrong with `template` as the translation of `key`: an unbalanced brace, or other
    /// placeholders than the key's; nil when nothing is.
    static func problem(key: String, template: String, language: String) -> Diagnostic? {
        guard let wanted = placeholders(key), let found = placeholders(template) else {
            return Diagnostic("the message catalog '\(language)' has an unbalanced brace in \"\(template)\"",
                              hint: "Write a literal brace as {{ or }}.")
        }
        guard wanted == found else {
            return Diagnostic("the message catalog '\(language)' gives \"\(key)\" a template with other placeholders: \"\(template)\"",
                              hint: "Use exactly the placeholders of the key: \(wanted.sorted().map { "{\($0)}" }.joined(separator: " ")).")
        }
        return nil
    }

    /// The phrase in this language's words.
    public func text(_ phrase: Phrase) -> String {
        let found = messages[phrase.key]
        if found == nil, let missing, Self.needsTranslation(phrase.key) { missing.insert(phrase.key) }
        let template = found ?? phrase.key
        let arguments = phrase.arguments.map { argument -> String in
            switch argument {
            case .value(let value): value
            case .phrase(let inner): text(inner)
            }
        }
        return Self.fill(template, with: arguments)
    }

    /// The phrase in this language's words, or nil for nil.
    public func text(_ phrase: Phrase?) -> String? {
        phrase.map { text($0) }
    }

    /// Whether a key has words to translate: a Latin letter outside its placeholders. `{0}` (a name
    /// shown as it is), `{0}, {1}` or `η = {0}` need no entry; a key with a word does.
    public static func needsTranslation(_ key: String) -> Bool {
        var depth = 0
        for character in key {
            if character == "{" { depth += 1 } else if character == "}" { depth = max(depth - 1, 0) }
            else if depth == 0, character.isASCII, character.isLetter { return true }
        }
        return false
    }

    /// This catalog, noting every key it is asked for that needs translation but has no entry.
    /// A test renders with it and requires the set it returns to stay empty.
    public func recordingMissingKeys() -> (MessageCatalog, MissingKeys) {
        var copy = self
        let keys = MissingKeys()
        copy.missing = keys
        return (copy, keys)
    }

    /// `template` with `{n}` replaced by `arguments[n]` and `{{`, `}}` by single braces. A placeholder
    /// with no argument is left as written.
    static func fill(_ template: String, with arguments: [String]) -> String {
        guard template.contains(where: { $0 == "{" || $0 == "}" }) else { return template }
        var result = ""
        var characters = template.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let character = pending { pending = nil; return character }
            return characters.next()
        }
        while let character = next() {
            if character == "}" {
                if let following = next(), following != "}" { pending = following }
                result.append("}")
                continue
            }
            guard character == "{" else { result.append(character); continue }
            guard let following = next() else { result.append("{"); break }
            if following == "{" { result.append("{"); continue }
            var digits = String(following)
            var closed = false
            while let digit = next() {
                if digit == "}" { closed = true; break }
                digits.append(digit)
            }
            if closed, let index = Int(digits), arguments.indices.contains(index) {
                result += arguments[index]
            } else {
                result += "{" + digits + (closed ? "}" : "")
            }
        }
        return result
    }

    /// The placeholder numbers of a template, or nil when its braces don't balance.
    static func placeholders(_ template: String) -> Set<Int>? {
        var found: Set<Int> = []
        let characters = Array(template)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "{" || character == "}" {
                if index + 1 < characters.count, characters[index + 1] == character { index += 2; continue }
                guard character == "{", let close = characters[index...].firstIndex(of: "}"),
                      let number = Int(String(characters[(index + 1)..<close])) else { return nil }
                found.insert(number)
                index = close + 1
                continue
            }
            index += 1
        }
        return found
    }
}

/// The keys a catalog was asked for and had no entry for (see `MessageCatalog.recordingMissingKeys()`).
public final class MissingKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: Set<String> = []

    init() {}

    func insert(_ key: String) {
        lock.lock()
        defer { lock.unlock() }
        keys.insert(key)
    }

    /// The keys, sorted.
    public var sorted: [String] {
        lock.lock()
        defer { lock.unlock() }
        return keys.sorted()
    }
}
