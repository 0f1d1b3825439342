/// A recursive-descent parser for claims (see `Claim` for the grammar).
///
/// Claims are one short line each, so recursion depth is bounded by a nesting limit.
struct ClaimParser {
    private enum Token: Equatable {
        case number(Double)
        case name(String)
        case symbol(String)
        case end
    }

    private var tokens: [(token: Token, offset: Int)] = []
    private var index = 0
    private var depth = 0
    private let text: String
    private static let maximumDepth = 32
    /// A claim is one short line: this many tokens at most, which also bounds every tree the grammar can
    /// build (a flat `a and a and …` nests as deep as it is long), so evaluating and freeing it can't
    /// exhaust the stack.
    static let maximumTokens = 200

    init(_ text: String) {
        self.text = text
    }

    mutating func parse() throws(ClaimSyntaxError) -> ClaimExpression {
        tokens = try Self.tokenize(text)
        guard tokens.count > 1 else { throw ClaimSyntaxError(message: "the claim is empty", offset: 1) }
        guard tokens.count - 1 <= Self.maximumTokens else {
            throw ClaimSyntaxError(message: "the claim is \(tokens.count - 1) words and symbols long, more than the \(Self.maximumTokens) a claim may have; split it into several claims",
                                   offset: tokens[Self.maximumTokens].offset)
        }
        let expression = try parseOr()
        guard current.token == .end else { throw unexpected("the end of the claim") }
        // Checked before any run: a claim that can't be yes or no is wrong whatever the metrics say.
        if let problem = Self.typeProblem(expression, wanted: .yesNo) {
            throw ClaimSyntaxError(message: problem, offset: 1)
        }
        return expression
    }

    private var current: (token: Token, offset: Int) { tokens[index] }

    private func unexpected(_ wanted: String) -> ClaimSyntaxError {
        let found: String = switch current.token {
        case .number(let value): "the number \(value)"
        case .name(let name): "'\(name)'"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the claim"
        }
        return ClaimSyntaxError(message: "expected \(wanted), found \(found)", offset: current.offset)
    }

    private mutating func accept(_ symbol: String) -> Bool {
        if current.token == .symbol(symbol) || current.token == .name(symbol) {
            index += 1
            return true
        }
        return false
    }

    private mutating func parseOr() throws(ClaimSyntaxError) -> ClaimExpression {
        var left = try parseAnd()
        while accept("or") { left = .or(left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(ClaimSyntaxError) -> ClaimExpression {
        var left = try parseNot()
        while accept("and") { left = .and(left, try parseNot()) }
        return left
    }

    private mutating func parseNot() throws(ClaimSyntaxError) -> ClaimExpression {
        if accept("not") { return .not(try nested { (p) throws(ClaimSyntaxError) in try p.parseNot() }) }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ClaimSyntaxError) -> ClaimExpression {
        let left = try parseSum()
        for op in ["<=", ">=", "==", "!=", "<", ">"] where accept(op) {
            return .comparison(op, left, try parseSum())
        }
        return left
    }

    private mutating func parseSum() throws(ClaimSyntaxError) -> ClaimExpression {
        var left = try parseProduct()
        while true {
            if accept("+") { left = .arithmetic("+", left, try parseProduct()) }
            else if accept("-") { left = .arithmetic("-", left, try parseProduct()) }
            else { return left }
        }
    }

    private mutating func parseProduct() throws(ClaimSyntaxError) -> ClaimExpression {
        var left = try parseUnary()
        while true {
            if accept("*") { left = .arithmetic("*", left, try parseUnary()) }
            else if accept("/") { left = .arithmetic("/", left, try parseUnary()) }
            else { return left }
        }
    }

    private mutating func parseUnary() throws(ClaimSyntaxError) -> ClaimExpression {
        if accept("-") { return .negate(try nested { (p) throws(ClaimSyntaxError) in try p.parseUnary() }) }
        switch current.token {
        case .number(let value):
            index += 1
            return .number(value)
        case .name(let name) where !["and", "or", "not"].contains(name):
            index += 1
            return .metric(name)
        case .symbol("("):
            index += 1
            let inner = try nested { (p) throws(ClaimSyntaxError) in try p.parseOr() }
            guard accept(")") else { throw unexpected("')'") }
            return inner
        default:
            throw unexpected("a metric name, a number or '('")
        }
    }

    /// What an expression gives: a number, a yes/no, or either (a metric, which may be one or the other).
    private enum Kind { case number, yesNo, either }

    private static func kind(_ expression: ClaimExpression) -> Kind {
        switch expression {
        case .number, .negate, .arithmetic: .number
        case .metric: .either
        case .comparison, .not, .and, .or: .yesNo
        }
    }

    /// The first place where `expression` gives the wrong kind of value; nil when none can be told before
    /// running (a metric can be either). Bounded by the claim's length (`maximumTokens`).
    private static func typeProblem(_ expression: ClaimExpression, wanted: Kind) -> String? {
        let found = kind(expression)
        if wanted == .yesNo, found == .number {
            return "this is a number, not a yes/no claim; compare it with something (for example '… < 0.1')"
        }
        if wanted == .number, found == .yesNo {
            return "a yes/no is used as a number; a comparison or 'and'/'or'/'not' can't be added, multiplied or compared"
        }
        switch expression {
        case .number, .metric: return nil
        case .negate(let inner): return typeProblem(inner, wanted: .number)
        case .arithmetic(_, let a, let b), .comparison(_, let a, let b):
            return typeProblem(a, wanted: .number) ?? typeProblem(b, wanted: .number)
        case .not(let inner): return typeProblem(inner, wanted: .yesNo)
        case .and(let a, let b), .or(let a, let b): return typeProblem(a, wanted: .yesNo) ?? typeProblem(b, wanted: .yesNo)
        }
    }

    private mutating func nested(
        _ body: (inout ClaimParser) throws(ClaimSyntaxError) -> ClaimExpression
    ) throws(ClaimSyntaxError) -> ClaimExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ClaimSyntaxError(message: "the claim is nested too deeply", offset: current.offset)
        }
        return try body(&self)
    }

    /// Splits a claim into numbers, metric names (letters, digits, `_`, `.`, `-` inside a name, and
    /// `{…}` for any text: `sgd_lr{rate}.diverged`) and operator symbols, each with its 1-based offset.
    private static func tokenize(_ text: String) throws(ClaimSyntaxError) -> [(token: Token, offset: Int)] {
        let characters = Array(text)
        var tokens: [(token: Token, offset: Int)] = []
        var i = 0
        func isNameStart(_ c: Character) -> Bool { c.isLetter || c == "_" }
        func isNamePart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "." || c == "{" || c == "}" }
        while i < characters.count {
            let c = characters[i]
            if c == " " || c == "\t" { i += 1; continue }
            let start = i
            if isNameStart(c) {
                while i < characters.count, isNamePart(characters[i]) { i += 1 }
                var name = String(characters[start..<i])
                // A trailing dot belongs to no metric name.
                while name.hasSuffix(".") { name.removeLast(); i -= 1 }
                tokens.append((.name(name), start + 1))
            } else if c.isNumber || (c == "." && i + 1 < characters.count && characters[i + 1].isNumber) {
                while i < characters.count, characters[i].isNumber || characters[i] == "." { i += 1 }
                if i < characters.count, characters[i] == "e" || characters[i] == "E" {
                    var j = i + 1
                    if j < characters.count, characters[j] == "-" || characters[j] == "+" { j += 1 }
                    if j < characters.count, characters[j].isNumber {
                        i = j
                        while i < characters.count, characters[i].isNumber { i += 1 }
                    }
                }
                guard let value = Double(String(characters[start..<i])) else {
                    throw ClaimSyntaxError(message: "'\(String(characters[start..<i]))' is not a number", offset: start + 1)
                }
                guard value.isFinite else {
                    throw ClaimSyntaxError(message: "'\(String(characters[start..<i]))' is too large to be a number here", offset: start + 1)
                }
                tokens.append((.number(value), start + 1))
            } else {
                let two = i + 1 < characters.count ? String(characters[i...i + 1]) : ""
                if ["<=", ">=", "==", "!="].contains(two) {
                    tokens.append((.symbol(two), start + 1))
                    i += 2
                } else if "<>+-*/()".contains(c) {
                    tokens.append((.symbol(String(c)), start + 1))
                    i += 1
                } else {
                    throw ClaimSyntaxError(message: "unexpected character '\(c)'", offset: start + 1)
                }
            }
        }
        tokens.append((.end, characters.count + 1))
        return tokens
    }
}
