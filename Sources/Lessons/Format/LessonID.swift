/// A lesson's id and slug, read from its file name: `lesson-03-sgd-vs-momentum.md` is `lesson-03`
/// with slug `sgd-vs-momentum`.
public struct LessonID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The lesson's number (3 for `lesson-03`).
    public let number: Int
    /// The digits as written (`03`), which make up the id.
    public let digits: String
    /// The words after the number, or nil when the file name has none.
    public let slug: String?

    /// `lesson-03`.
    public var description: String { "lesson-\(digits)" }

    /// The largest lesson number: five digits at most, so that no arithmetic on it can overflow.
    public static let largestNumber = 99_999

    /// Reads an id (`lesson-03`) or a file name (`lesson-03-sgd-vs-momentum.md`); nil if it is neither.
    public init?(_ name: String) {
        var rest = Substring(name)
        if rest.hasSuffix(".md") { rest = rest.dropLast(3) }
        guard rest.hasPrefix("lesson-") else { return nil }
        rest = rest.dropFirst("lesson-".count)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 2, digits.count <= 5, let number = Int(digits) else { return nil }
        rest = rest.dropFirst(digits.count)
        if rest.isEmpty {
            slug = nil
        } else {
            guard rest.first == "-", rest.count > 1 else { return nil }
            slug = String(rest.dropFirst())
        }
        self.number = number
        self.digits = String(digits)
    }

    public static func < (a: LessonID, b: LessonID) -> Bool {
        (a.number, a.digits) < (b.number, b.digits)
    }
}
