/// How a number is written: a fixed number of decimals, significant digits, scientific, integer or percent.
///
/// Formatting never consults the locale: the decimal mark is always `.`, there are no group separators,
/// and the same number gives the same text on every machine. Non-finite values print as `NaN`, `inf` and
/// `-inf` unless the caller chooses a word (say "diverged").
///
/// ```swift
/// NumberFormat.fixed(3).format(3.14159)        // "3.142"
/// NumberFormat.significant(3).format(0.012345) // "0.0123"
/// NumberFormat.scientific(2).format(0.00012)   // "1.20e-4"
/// NumberFormat.percent(1).format(0.9731)       // "97.3%"
/// ```
public enum NumberFormat: Sendable, Hashable {
    /// A fixed number of decimals (0...15); magnitudes past 1e15 switch to scientific rather than print noise.
    case fixed(Int)
    /// A number of significant digits (1...15); very small or very large magnitudes switch to scientific.
    case significant(Int)
    /// Scientific notation with this many decimals in the mantissa: `1.20e-4`.
    case scientific(Int)
    /// Rounded to the nearest integer (halves away from zero).
    case integer
    /// Multiplied by 100, with this many decimals and a `%` sign.
    case percent(Int)

    /// The text of `value`; `nonFinite`, when given, replaces `NaN`, `inf` and `-inf`.
    public func format(_ value: Double, nonFinite: String? = nil) -> String {
        guard value.isFinite else {
            if let nonFinite { return nonFinite }
            return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf")
        }
        switch self {
        case .fixed(let decimals):
            return NumberText.fixed(value, decimals: decimals)
        case .significant(let digits):
            return NumberText.significant(value, digits: digits)
        case .scientific(let decimals):
            return NumberText.scientific(value, decimals: decimals)
        case .integer:
            return NumberText.fixed(value, decimals: 0)
        case .percent(let decimals):
            return NumberText.fixed(value * 100, decimals: decimals) + "%"
        }
    }
}

/// Locale-free number-to-text conversions built on integer arithmetic.
enum NumberText {
    /// Scaled integers stay exact below 2^53; past that the digits would be noise.
    private static let exactLimit = 9_007_199_254_740_992.0

    static func fixed(_ value: Double, decimals: Int) -> String {
        let decimals = min(max(decimals, 0), 15)
        let scaled = (abs(value) * pow10(decimals)).rounded(.toNearestOrAwayFromZero)
        guard scaled < exactLimit else { return scientific(value, decimals: 3) }
        return digits(UInt64(scaled), decimals: decimals, negative: value < 0)
    }

    static func significant(_ value: Double, digits count: Int) -> String {
        let count = min(max(count, 1), 15)
        guard value != 0 else { return fixed(0, decimals: count - 1) }
        let e = decimalExponent(value)
        if e < -5 || e >= 15 { return scientific(value, decimals: count - 1) }
        var decimals = max(0, count - 1 - e)
        // Rounding 9.996 to 3 digits gives 10.00: one digit too many, so drop a decimal.
        let scaled = (abs(value) * pow10(decimals)).rounded(.toNearestOrAwayFromZero)
        if decimals > 0, scaled >= pow10(count) { decimals -= 1 }
        return fixed(value, decimals: decimals)
    }

    static func scientific(_ value: Double, decimals: Int) -> String {
        let decimals = min(max(decimals, 0), 15)
        guard value != 0 else { return fixed(0, decimals: decimals) + "e0" }
        var e = decimalExponent(value)
        // Subnormal magnitudes are scaled up first: 10^-320 itself is not a normal Double.
        func mantissa(_ e: Int) -> Double {
            let scaled = e < -290 ? abs(value) * 1e300 / pow10(e + 300) : abs(value) / pow10(e)
            return (scaled * pow10(decimals)).rounded(.toNearestOrAwayFromZero)
        }
        var digits = mantissa(e)
        if digits >= pow10(decimals + 1) {
            e += 1
            digits = mantissa(e)
        }
        return Self.digits(UInt64(digits), decimals: decimals, negative: value < 0) + "e\(e)"
    }

    /// Two significant digits without trailing zeros: `0.5`, `12`, `3.1e-5`; for keys and labels.
    static func short(_ value: Double) -> String {
        compact(value, digits: 2)
    }

    /// Significant digits without trailing zeros: `3`, `0.5`, `0.00312`, `1.09e-12`; for values in legends.
    static func compact(_ value: Double, digits: Int) -> String {
        var text = significant(value, digits: digits)
        if text.contains("."), !text.contains("e") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return text
    }

    /// The integer `scaled` written with a decimal point `decimals` places from the right.
    /// A value that rounds to zero is written without a minus sign.
    static func digits(_ scaled: UInt64, decimals: Int, negative: Bool) -> String {
        var text = String(scaled)
        if decimals > 0 {
            if text.count <= decimals {
                text = String(repeating: "0", count: decimals + 1 - text.count) + text
            }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        }
        return negative && scaled != 0 ? "-" + text : text
    }
}
