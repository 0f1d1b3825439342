/// Words a student reads in a result, kept as a catalog key and its arguments rather than as finished
/// text, so that one computed result can be shown in every language.
///
/// The key is the English template, with `{0}`, `{1}` … where the arguments go (gettext's msgid):
/// writing a phrase as an ordinary string literal or interpolation makes one, and a `MessageCatalog`
/// turns it into words.
///
/// ```swift
/// let title: Phrase = "The first \(steps) steps over f(x, y)"
/// // key "The first {0} steps over f(x, y)", arguments ["30"]
/// MessageCatalog.english.text(title)   // "The first 30 steps over f(x, y)"
/// ```
///
/// An argument is a value written as it should appear (a number, a run's name) or another phrase,
/// translated in its turn. Literal braces in a template are doubled (`{{`, `}}`).
public struct Phrase: Hashable, Sendable, ExpressibleByStringInterpolation {
    /// The catalog key: the English template.
    public var key: String
    /// What fills `{0}`, `{1}` …, in order.
    public var arguments: [Argument]

    /// One argument of a phrase.
    public enum Argument: Hashable, Sendable {
        /// A value shown as it is in every language: a number, a name.
        case value(String)
        /// Words, translated in their turn.
        case phrase(Phrase)
    }

    /// A phrase from its key and arguments.
    public init(key: String, arguments: [Argument] = []) {
        self.key = key
        self.arguments = arguments
    }

    /// Text shown as it is in every language (a run's name, a shape, a formula): the key `{0}` with
    /// the text as its value, so that no catalog is asked to translate it.
    public init(verbatim text: String) {
        self.init(key: "{0}", arguments: [.value(text)])
    }

    /// Words with no arguments: the literal is the key.
    public init(stringLiteral value: String) {
        self.init(key: Self.escaped(value))
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(key: stringInterpolation.key, arguments: stringInterpolation.arguments)
    }

    /// Builds the key and arguments of an interpolated phrase.
    public struct StringInterpolation: StringInterpolationProtocol {
        var key = ""
        var arguments: [Argument] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            key.reserveCapacity(literalCapacity + 3 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            key += Phrase.escaped(literal)
        }

        /// A value shown as written, e.g. a run's name.
        public mutating func appendInterpolation(_ value: String) {
            append(.value(value))
        }

        /// A number or other value, written as Swift writes it (`0.6`, `200`).
        public mutating func appendInterpolation<Value: CustomStringConvertible>(_ value: Value) {
            append(.value(value.description))
        }

        /// Words translated in their turn.
        public mutating func appendInterpolation(_ phrase: Phrase) {
            append(.phrase(phrase))
        }

        private mutating func append(_ argument: Argument) {
            key += "{\(arguments.count)}"
            arguments.append(argument)
        }
    }

    /// One phrase after the other, as one key: `"Start \(x); " + "within \(n) steps"` reads as the
    /// template `Start {0}; within {1} steps`, so that a sentence built in two pieces is translated whole.
    public static func + (lhs: Phrase, rhs: Phrase) -> Phrase {
        Phrase(key: lhs.key + shifted(rhs.key, by: lhs.arguments.count), arguments: lhs.arguments + rhs.arguments)
    }

    /// Appends `rhs` to this phrase, as `+` does.
    public static func += (lhs: inout Phrase, rhs: Phrase) {
        lhs = lhs + rhs
    }

    /// `key` with every placeholder `{n}` renumbered `{n + offset}`.
    private static func shifted(_ key: String, by offset: Int) -> String {
        guard offset > 0, key.contains("{") else { return key }
        var result = ""
        var characters = Array(key)[...]
        while let character = characters.popFirst() {
            result.append(character)
            guard character == "{" else { continue }
            if characters.first == "{" {
                result.append(characters.removeFirst())
                continue
            }
            let digits = characters.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, characters.dropFirst(digits.count).first == "}", let number = Int(String(digits)) {
                result += String(number + offset)
                characters = characters.dropFirst(digits.count)
            }
        }
        return result
    }

    /// A count and its noun in the number the count asks for, `1 epoch`, `3 epochs`: each form is a key
    /// of its own, so that a language without plurals gives both one word (a template can't drop the
    /// `s` a key adds as a placeholder).
    public static func counted(_ count: Int, _ singular: Phrase, _ plural: Phrase) -> Phrase {
        "\(count) \(count == 1 ? singular : plural)"
    }

    /// Whether the phrase has no words at all.
    public var isEmpty: Bool { key.isEmpty && arguments.isEmpty }

    /// `text` with its braces doubled, so it reads as a template with no placeholders.
    static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "{" || $0 == "}" }) else { return text }
        var result = ""
        for character in text {
            result.append(character)
            if character == "{" || character == "}" { result.append(character) }
        }
        return result
    }
}

/// Joins phrases with a separator phrase (`", "`), as `[String].joined(separator:)` does.
extension Sequence where Element == Phrase {
    public func joined(separator: Phrase) -> Phrase {
        var key = "", arguments: [Phrase.Argument] = []
        for (index, phrase) in enumerated() {
            if index > 0 {
                key += "{\(arguments.count)}"
                arguments.append(.phrase(separator))
            }
            key += "{\(arguments.count)}"
            arguments.append(.phrase(phrase))
        }
        return Phrase(key: key, arguments: arguments)
    }
}

/// A phrase is stored as its bare key when it has no arguments (`"run"`), else as
/// `{"key": …, "args": […]}`; an argument is a string (a value) or such an object (a phrase).
extension Phrase: Codable {
    private enum Keys: String, CodingKey { case key, args }

    public init(from decoder: Decoder) throws {
        if let key = try? decoder.singleValueContainer().decode(String.self) {
            self.init(key: key)
            return
        }
        let container = try decoder.container(keyedBy: Keys.self)
        self.init(key: try container.decode(String.self, forKey: .key),
                  arguments: try container.decodeIfPresent([Argument].self, forKey: .args) ?? [])
    }

    public func encode(to encoder: Encoder) throws {
        if let catalog = encoder.userInfo[.messageCatalog] as? MessageCatalog {
            var container = encoder.singleValueContainer()
            try container.encode(catalog.text(self))
        } else if arguments.isEmpty {
            var container = encoder.singleValueContainer()
            try container.encode(key)
        } else {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(key, forKey: .key)
            try container.encode(arguments, forKey: .args)
        }
    }
}

extension Phrase.Argument: Codable {
    public init(from decoder: Decoder) throws {
        if let value = try? decoder.singleValueContainer().decode(String.self) {
            self = .value(value)
        } else {
            self = .phrase(try Phrase(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .value(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .phrase(let phrase):
            if phrase.arguments.isEmpty, encoder.userInfo[.messageCatalog] == nil {
                // A bare string would read back as a value: keep the object form.
                var container = encoder.container(keyedBy: Phrase.CodingKeysForArgument.self)
                try container.encode(phrase.key, forKey: .key)
            } else {
                try phrase.encode(to: encoder)
            }
        }
    }
}

extension Phrase {
    fileprivate enum CodingKeysForArgument: String, CodingKey { case key }
}

extension CodingUserInfoKey {
    /// When an encoder's user info holds a `MessageCatalog` here, phrases encode as finished text in
    /// its language (for exports); without one they encode as keys and arguments (for the cache).
    public static let messageCatalog = CodingUserInfoKey(rawValue: "learn.messageCatalog")!
}
