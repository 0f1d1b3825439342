/// Where a line may break in text that mixes Chinese (or Japanese, Korean) with Latin words and numbers.
///
/// Chinese is written without spaces, so a line may break between any two of its characters, and between a
/// Chinese character and a Latin word or number next to it, space or not. The exceptions are the line-breaking
/// rules readers expect (kinsoku; UAX #14, W3C "Requirements for Chinese Text Layout"): no line starts with
/// closing or middle punctuation (`，。、；：？！）」』”》…—`, nor with `,.;:!?)` right after a Chinese
/// character), and no line ends with opening punctuation (`（「『“《`). Latin words and numbers themselves are
/// never split here: between two non-CJK characters only a space is a break.
///
/// ```swift
/// LineBreak.allowed(between: "学", and: "习")   // true
/// LineBreak.allowed(between: "习", and: "，")   // false: ， can't start a line
/// LineBreak.allowed(between: "「", and: "学")   // false: 「 can't end one
/// LineBreak.allowed(between: "a", and: "b")     // false: a Latin word is one piece
/// ```
public enum LineBreak {
    /// Whether a line may end between `previous` and `next`, two characters written with no space between.
    public static func allowed(between previous: Character, and next: Character) -> Bool {
        guard isCJK(previous) || isCJK(next) else { return false }
        return !cannotStartLine(next) && !cannotEndLine(previous)
    }

    /// Closing and middle punctuation, and marks that belong to the character before them: never first on a line.
    public static func cannotStartLine(_ character: Character) -> Bool {
        closing.contains(character)
    }

    /// Opening brackets and quotes: never last on a line.
    public static func cannotEndLine(_ character: Character) -> Bool {
        opening.contains(character)
    }

    /// Whether a line break in the source between `previous` and `next` (a Markdown soft break) is dropped
    /// instead of read as a space, as CSS Text level 3 transforms segment breaks: Chinese has no spaces, so a
    /// source paragraph may be broken between any two of its characters. True when both sides are wide
    /// (East Asian Wide or Fullwidth, Hangul excepted since Korean puts spaces between words), when one side
    /// is wide and the other is punctuation Chinese text uses at narrow width (`“”‘’…—·`), and next to
    /// full-width punctuation (`。` then `PyTorch`, `β` then `（`): its glyph carries its own spacing, and
    /// Chinese typesetting puts no space beside it.
    public static func softBreakVanishes(between previous: Character, and next: Character) -> Bool {
        if isFullWidthPunctuation(previous) || isFullWidthPunctuation(next) { return true }
        let (left, right) = (isWideNonHangul(previous), isWideNonHangul(next))
        return (left && right) || (left && narrowCJKPunctuation.contains(next)) || (right && narrowCJKPunctuation.contains(previous))
    }

    /// CJK symbols and punctuation (`。、「」【】`) and the full-width forms of ASCII punctuation (`，：（）！`).
    private static func isFullWidthPunctuation(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3001...0x3003, 0x3008...0x3011, 0x3014...0x301F, 0xFE10...0xFE19, 0xFE30...0xFE6F:
            return true
        case 0xFF01...0xFF65:
            // Full-width letters and digits are wide characters, not punctuation.
            return !scalar.properties.isAlphabetic && !("０"..."９").contains(character)
        default:
            return false
        }
    }

    /// Ideographs, kana, Hangul, CJK symbols and punctuation, and full-width forms: the characters a line may
    /// break before or after without a space.
    public static func isCJK(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first?.value else { return false }
        switch scalar {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFFEF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    private static func isWideNonHangul(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first?.value else { return false }
        let hangul = (0x1100...0x11FF).contains(scalar) || (0x3130...0x318F).contains(scalar) || (0xAC00...0xD7A3).contains(scalar)
        return !hangul && TextWidth.of(character) == 2 && isCJK(character)
    }

    /// Closing brackets and quotes, sentence and middle punctuation, dashes, ellipses, iteration marks,
    /// small kana and the prolonged sound mark, postfix units, and the ASCII closing punctuation that may
    /// follow a Chinese character.
    private static let closing: Set<Character> = Set(
        "，。、；：？！）」』】〕〉》｝］〗〙〛”’…‥—～·・ー々〻ゝゞヽヾ"
            + "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
            + "％‰℃°′″．，"
            + ",.;:!?)]}%"
    )

    /// Opening brackets and quotes, full width and ASCII.
    private static let opening: Set<Character> = Set("（「『【〔〈《｛［〖〘〚“‘([{")

    /// Punctuation a Chinese text uses that terminals draw one column wide (East Asian Ambiguous).
    private static let narrowCJKPunctuation: Set<Character> = Set("“”‘’…—·")
}
