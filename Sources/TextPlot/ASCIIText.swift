/// Spells the Unicode that labels and prose commonly use in plain ASCII, for the ASCII character set.
///
/// Greek letters become their names, math symbols become their usual ASCII spellings
/// (`←` is `<-`, `²` is `^2`), typographic punctuation becomes plain punctuation (`“…”` is `"..."`).
/// Chinese, Japanese and Korean text is kept as it is, its own punctuation (`，。「」`) included: it has no
/// ASCII spelling, and a terminal that can show it shows it whole. Anything else outside ASCII becomes `?`,
/// so the output is printable ASCII apart from CJK text (`isKept`).
public enum ASCIIText {
    static let replacements: [Character: String] = [
        "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta",
        "θ": "theta", "λ": "lambda", "μ": "mu", "ν": "nu", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau",
        "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "Δ": "Delta", "Σ": "Sigma", "Ω": "Omega",
        "∇": "grad ", "∂": "d", "←": "<-", "→": "->", "⇒": "=>", "↔": "<->", "×": "x", "·": "*", "÷": "/",
        "−": "-", "±": "+/-", "≤": "<=", "≥": ">=", "≠": "!=", "≈": "~", "∞": "inf", "√": "sqrt", "∑": "sum",
        "∈": "in", "‖": "||", "⁻": "^-", "⁰": "^0", "¹": "^1", "²": "^2", "³": "^3", "⁴": "^4", "⁵": "^5",
        "⁶": "^6", "⁷": "^7", "⁸": "^8", "⁹": "^9", "ᵀ": "^T", "₀": "0", "₁": "1", "₂": "2", "₃": "3",
        "–": "-", "—": "--", "‘": "'", "’": "'", "“": "\"", "”": "\"", "…": "...", "•": "*", "°": " deg",
        "é": "e", "è": "e", "à": "a", "ö": "o", "ü": "u", "ñ": "n", "\u{00A0}": " ",
        "ᵗ": "^t", "ⁿ": "^n", "ᵢ": "_i", "ⱼ": "_j", "ₖ": "_k", "ₜ": "_t", "ₙ": "_n", "½": "1/2", "⅓": "1/3", "⅔": "2/3",
        "¼": "1/4", "¾": "3/4", "✎": "?", "★": "*", "✓": "+", "✗": "x", "∘": "o", "⊙": "(.)",
    ]

    /// Combining marks over an ASCII letter ("m̂"), spelled after it.
    static let combining: [Unicode.Scalar: String] = [
        "\u{0302}": "_hat", "\u{0304}": "_bar", "\u{0303}": "~", "\u{0307}": "_dot", "\u{0305}": "_bar",
    ]

    /// An ASCII letter with combining marks ("m̂" is m and U+0302), spelled as the letter and the
    /// marks' names ("m_hat"); nil for anything else.
    static func spellCombined(_ character: Character) -> String? {
        let scalars = Array(character.unicodeScalars)
        guard let base = scalars.first, base.isASCII, scalars.count > 1 else { return nil }
        var spelled = String(base)
        for mark in scalars.dropFirst() {
            guard let name = combining[mark] else { return nil }
            spelled += name
        }
        return spelled
    }

    /// Whether `character` stays as it is in ASCII mode although it isn't ASCII: CJK text (`LineBreak.isCJK`).
    public static func isKept(_ character: Character) -> Bool {
        LineBreak.isCJK(character)
    }

    /// Whether `text` is what ASCII mode may print: printable ASCII, newlines, and kept CJK text.
    public static func isASCIIOrKept(_ text: String) -> Bool {
        text.allSatisfy { $0 == "\n" || isKept($0) || $0.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } }
    }

    /// `text` with every non-ASCII character spelled in ASCII, except CJK text, which is kept.
    public static func transliterate(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var result = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character.isASCII || isKept(character) {
                result.append(character)
                continue
            }
            let spelled = replacements[character] ?? spellCombined(character) ?? "?"
            result += spelled
            // "βv" reads as "beta v", not "betav", and "η∇L" as "eta grad L".
            if spelled.last?.isLetter == true, index + 1 < characters.count,
               characters[index + 1].isLetter || replacements[characters[index + 1]]?.first?.isLetter == true {
                result += " "
            }
        }
        return result
    }
}

/// A chart or table whose caller-given text can be spelled in ASCII before layout, so that ASCII
/// rendering stays pure ASCII (and aligned: "λ" becomes "lambda" before widths are measured).
protocol ASCIISpellable {
    /// A copy with every caller-given string transliterated; nil when there is nothing to change.
    func asciiSpelled() -> Self?
}

extension ASCIIText {
    /// `text` transliterated, recording in `changed` whether anything was.
    static func spell(_ text: String, _ changed: inout Bool) -> String {
        let spelled = transliterate(text)
        if spelled != text { changed = true }
        return spelled
    }

    /// The optional `text` transliterated, recording in `changed` whether anything was.
    static func spell(_ text: String?, _ changed: inout Bool) -> String? {
        text.map { spell($0, &changed) }
    }
}
