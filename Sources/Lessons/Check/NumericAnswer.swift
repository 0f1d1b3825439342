import Foundation

/// Reads a numeric answer the way a student writes it: `0.5`, `1/2`, `50%`, `2e-3`, `−0.5`,
/// `sqrt(2)/2`, `ln(10)` or `ln 10`, `exp(1)`, `2^10`, `pi`.
///
/// The grammar, loosest first: sums (`+`, `-`, `−`), products (`*`, `×`, `·`, `/`, `÷`), signs,
/// powers (`^` or `**`, right to left, so `-2^2` is −4 and `2^-1` is 0.5), then a number, `pi`
/// (`π`), `e`, a parenthesised expression or a function applied to one (`ln`, `log`: both the
/// natural logarithm; `log10`, `log2`, `exp`, `sqrt`, `√`), each optionally followed by `%`
/// (a hundredth). A function's argument needs no parentheses when it is a single number
/// (`ln 10`, `sqrt 2`). A comma is refused: `2,303` may mean 2.303 or 2303.
///
/// The answer is untrusted: it is read by recursive descent whose depth is capped
/// (``maximumDepth``) and whose length is capped (``maximumLength``), so no input overflows the
/// stack or takes long; every refusal says what to write instead.
public enum NumericAnswer {
    /// The longest answer read, in characters.
    public static let maximumLength = 200
    /// The most nested levels (parentheses, signs, powers and function calls) an answer may have.
    public static let maximumDepth = 40

    /// Why a text is not a numeric answer: what is wrong, and what to write instead.
    public struct Problem: Error, Equatable, Sendable {
        /// What is wrong, e.g. "a comma is ambiguous: 2,303 may mean 2.303 or 2303", in words a
        /// catalog translates (`learn check` tells a student in their language).
        public let reasonPhrase: Phrase
        /// What to write instead.
        public let hintPhrase: Phrase
        /// What is wrong, in English.
        public var reason: String { MessageCatalog.english.text(reasonPhrase) }
        /// What to write instead, in English.
        public var hint: String { MessageCatalog.english.text(hintPhrase) }

        init(reason: Phrase, hint: Phrase) {
            self.reasonPhrase = reason
            self.hintPhrase = hint
        }
    }

    /// Examples of the forms, for hints.
    public static let forms = "0.5, 1/2, 50%, 2e-3, -0.5, sqrt(2)/2, ln(10), exp(1), 2^10, pi"

    /// The value of `text`, or why it has none.
    public static func value(of text: String) -> Result<Double, Problem> {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count <= maximumLength else {
            return .failure(Problem(reason: "it is \(scalars.count) characters long, more than the \(maximumLength) a numeric answer may be",
                                    hint: "Give the number, or a short expression such as \(forms)."))
        }
        // Full-width digits and signs (０.５, 1／2) read as their ASCII forms, one for one.
        var reader = Reader(scalars: Array(FullWidth.folded(text).unicodeScalars))
        do {
            let value = try reader.whole()
            guard value.isFinite else {
                throw Problem(reason: value.isNaN ? "it has no real value" : "its value is infinite",
                              hint: "Check for a division by zero, ln(0), sqrt of a negative number or a huge power.")
            }
            return .success(value)
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(Problem(reason: Phrase(verbatim: "\(error)"), hint: "Write it as, for example, \(forms)."))
        }
    }

    /// A recursive-descent reader over the answer's Unicode scalars.
    private struct Reader {
        let scalars: [Unicode.Scalar]
        var index = 0
        var depth = 0

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        static let functions: [String: @Sendable (Double) -> Double] = [
            "ln": { Foundation.log($0) }, "log": { Foundation.log($0) }, "log10": { Foundation.log10($0) },
            "log2": { Foundation.log2($0) }, "exp": { Foundation.exp($0) }, "sqrt": { $0.squareRoot() },
        ]
        static let constants: [String: Double] = ["pi": Double.pi, "e": M_E]

        mutating func whole() throws -> Double {
            skipSpaces()
            guard index < scalars.count else {
                throw Problem(reason: "it is empty", hint: "Give a number, for example \(NumericAnswer.forms).")
            }
            let value = try sum()
            skipSpaces()
            if index < scalars.count {
                if scalars[index] == ")" {
                    throw Problem(reason: "a ')' at character \(index + 1) closes no '('", hint: "Remove it, or add the '(' it closes.")
                }
                throw unexpected(after: true)
            }
            return value
        }

        private mutating func sum() throws -> Double {
            var value = try product()
            while let symbol = peekSymbol(), ["+", "-"].contains(symbol) {
                advance(over: symbol)
                let right = try product()
                value = symbol == "+" ? value + right : value - right
            }
            return value
        }

        private mutating func product() throws -> Double {
            var value = try signed()
            while let symbol = peekSymbol(), ["*", "/"].contains(symbol) {
                advance(over: symbol)
                let right = try signed()
                value = symbol == "*" ? value * right : value / right
            }
            return value
        }

        private mutating func signed() throws -> Double {
            guard let symbol = peekSymbol(), ["+", "-"].contains(symbol) else { return try power() }
            advance(over: symbol)
            let value = try nested { try $0.signed() }
            return symbol == "-" ? -value : value
        }

        private mutating func power() throws -> Double {
            let base = try percent()
            guard peekSymbol() == "^" else { return base }
            advance(over: "^")
            // Right to left, and the exponent may carry a sign: 2^-1.
            let exponent = try nested { try $0.signed() }
            return Foundation.pow(base, exponent)
        }

        private mutating func percent() throws -> Double {
            var value = try primary()
            while peekSymbol() == "%" {
                advance(over: "%")
                value /= 100
            }
            return value
        }

        private mutating func primary() throws -> Double {
            skipSpaces()
            guard index < scalars.count else {
                throw Problem(reason: "it ends where a number should follow", hint: "Complete it, e.g. 1/2 rather than 1/.")
            }
            let scalar = scalars[index]
            if scalar == "(" {
                return try nested {
                    $0.index += 1
                    let start = $0.index
                    let value = try $0.sum()
                    $0.skipSpaces()
                    guard $0.index < $0.scalars.count, $0.scalars[$0.index] == ")" else {
                        if $0.index >= $0.scalars.count {
                            throw Problem(reason: "a '(' at character \(start) is not closed", hint: "Add the ')' that closes it.")
                        }
                        throw $0.unexpected(after: true)
                    }
                    $0.index += 1
                    return value
                }
            }
            if isDigit(scalar) || scalar == "." {
                return try number()
            }
            if scalar == "π" {
                index += 1
                return Double.pi
            }
            if scalar == "√" {
                index += 1
                return try nested { try $0.percent().squareRoot() }
            }
            if isLetter(scalar) {
                return try name()
            }
            throw unexpected(after: false)
        }

        private mutating func number() throws -> Double {
            let start = index
            var text = ""
            func digits() {
                while index < scalars.count, isDigit(scalars[index]) || (scalars[index] == "_" && !text.isEmpty) {
                    if scalars[index] != "_" { text.unicodeScalars.append(scalars[index]) }
                    index += 1
                }
            }
            digits()
            if index < scalars.count, scalars[index] == "." {
                text += "."
                index += 1
                digits()
            }
            if index < scalars.count, scalars[index] == "," {
                var end = start
                while end < scalars.count, isDigit(scalars[end]) || [",", ".", "_"].contains(scalars[end]) { end += 1 }
                let typed = String(String.UnicodeScalarView(scalars[start..<end]))
                // The readings that make sense: a decimal comma (one comma), thousands (groups of three).
                let groups = typed.split(separator: ",", omittingEmptySubsequences: false)
                let decimal = groups.count == 2 ? [groups.joined(separator: ".")] : []
                let thousands = groups.dropFirst().allSatisfy { $0.count == 3 && $0.allSatisfy(\.isNumber) } ? [groups.joined()] : []
                throw Problem(reason: "a comma is ambiguous: \(Diagnostic.abbreviated(typed, limit: 30)) may be a decimal comma or a thousands separator",
                              hint: "Write decimals with a point and no thousands separators: \((decimal + thousands).map { Diagnostic.abbreviated($0, limit: 30) }.joined(separator: " or "))")
            }
            // An exponent only when digits follow: `2e` is not a number (2 times e must be written 2*e).
            if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
                var look = index + 1
                var sign = ""
                if look < scalars.count, ["+", "-", "−"].contains(scalars[look]) {
                    sign = scalars[look] == "+" ? "" : "-"
                    look += 1
                }
                if look < scalars.count, isDigit(scalars[look]) {
                    text += "e" + sign
                    index = look
                    digits()
                }
            }
            guard text != ".", !text.isEmpty, let value = Double(text) else {
                index = start
                throw unexpected(after: false)
            }
            return value
        }

        private mutating func name() throws -> Double {
            let start = index
            while index < scalars.count, isLetter(scalars[index]) { index += 1 }
            // log10(…) and log2(…): a base only when a parenthesis follows (`log 10` is ln 10).
            for base in ["10", "2"] where String(String.UnicodeScalarView(scalars[start..<index])).lowercased() == "log" {
                let digits = Array(base.unicodeScalars)
                if index + digits.count < scalars.count, Array(scalars[index..<index + digits.count]) == digits,
                   scalars[index + digits.count] == "(" {
                    index += digits.count
                }
            }
            let word = String(String.UnicodeScalarView(scalars[start..<index]))
            let lower = word.lowercased()
            if let constant = Self.constants[lower] { return constant }
            guard let function = Self.functions[lower] else {
                throw Problem(reason: "'\(Diagnostic.abbreviated(word, limit: 30))' is not a number, a constant (pi, e) or a function (ln, log, exp, sqrt)",
                              hint: "Write it as, for example, \(NumericAnswer.forms).")
            }
            skipSpaces()
            guard index < scalars.count else {
                throw Problem(reason: "\(word) has no argument", hint: "Give one, e.g. \(word)(10).")
            }
            // `ln(10)^2` is (ln 10)²: the parentheses are the argument. Without them the argument
            // runs over a power, as in writing by hand: `ln 10^2` is ln 100, `sqrt 2/2` is √2 / 2.
            let parenthesised = scalars[index] == "("
            return try nested { function(parenthesised ? try $0.primary() : try $0.power()) }
        }

        /// Runs `body` one level deeper, refusing answers nested past ``maximumDepth``.
        private mutating func nested(_ body: (inout Reader) throws -> Double) throws -> Double {
            depth += 1
            defer { depth -= 1 }
            guard depth <= NumericAnswer.maximumDepth else {
                throw Problem(reason: "it nests more than \(NumericAnswer.maximumDepth) levels deep",
                              hint: "Simplify it: a numeric answer is a number or a short expression such as \(NumericAnswer.forms).")
            }
            return try body(&self)
        }

        /// The operator at the reading position, spelled one way (`−` as `-`, `×` and `·` as `*`,
        /// `÷` as `/`, `**` as `^`), or nil.
        private mutating func peekSymbol() -> String? {
            skipSpaces()
            guard index < scalars.count else { return nil }
            switch scalars[index] {
            case "+": return "+"
            case "-", "−", "–": return "-"
            case "*": return index + 1 < scalars.count && scalars[index + 1] == "*" ? "^" : "*"
            case "×", "·", "⋅": return "*"
            case "/", "÷": return "/"
            case "^": return "^"
            case "%": return "%"
            default: return nil
            }
        }

        private mutating func advance(over symbol: String) {
            skipSpaces()
            index += symbol == "^" && scalars[index] == "*" ? 2 : 1
        }

        private mutating func skipSpaces() {
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        }

        private func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

        private func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }

        /// The problem of an unexpected character at the reading position.
        private func unexpected(after: Bool) -> Problem {
            guard index < scalars.count else {
                return Problem(reason: "it ends too early", hint: "Complete it, for example \(NumericAnswer.forms).")
            }
            let character = String(String.UnicodeScalarView([scalars[index]]))
            let shown = scalars[index].properties.generalCategory == .control ? "U+" + String(scalars[index].value, radix: 16, uppercase: true) : character
            let what: Phrase = after ? "an operator (+ − * / ^) or the end" : "a number"
            return Problem(reason: "'\(shown)' at character \(index + 1) where \(what) should be",
                           hint: "Write it as, for example, \(NumericAnswer.forms).")
        }
    }
}
