import Engine
import Lessons
import TextPlot

/// Comparisons shared by the code exercises' checks: values within a tolerance, shapes, finiteness,
/// and inputs written out so a student can reproduce a failure by hand.
enum CodeCheck {
    /// Up to `limit` values, four significant digits each: `[0.1235, -3.000, …] (10 values)`.
    static func describe(_ values: [Float], limit: Int = 6) -> String {
        let shown = values.prefix(limit).map { NumberFormat.significant(4).format(Double($0)) }
        let more = values.count > limit ? ", … (\(values.count) values)" : ""
        return "[" + shown.joined(separator: ", ") + more + "]"
    }

    /// A matrix as its shape and its first rows: `2×3 [[0.1235, -3.000, 1.000], [2.000, 0, 1.500]]`.
    static func describe(matrix rows: [[Float]], limit: Int = 3) -> String {
        let shown = rows.prefix(limit).map { describe($0) }.joined(separator: ", ")
        return "\(rows.count)×\(rows.first?.count ?? 0) [" + shown + (rows.count > limit ? ", …" : "") + "]"
    }

    /// nil when the matrix `actual` has `expected`'s shape and values; otherwise what is wrong, with the first
    /// mismatching element named by its row and column (`∂L/∂A[1][2]`).
    static func compare(
        matrix actual: [[Float]], _ expected: [[Double]], input: @autoclosure () -> String,
        absolute: Double = 1e-4, relative: Double = 1e-3, what: String
    ) -> CodeCheckOutcome? {
        let shape = { (rows: [Int]) in
            if rows.isEmpty { return "no rows" }
            let widths = Set(rows).sorted()
            return widths.count == 1 ? "\(rows.count)×\(widths[0])"
                : "\(rows.count) rows of " + widths.map(String.init).joined(separator: " or ") + " values"
        }
        guard actual.count == expected.count, zip(actual, expected).allSatisfy({ $0.count == $1.count }) else {
            return .wrongShape(input: input(), expected: "\(what): " + shape(expected.map(\.count)),
                               actual: "\(what): " + shape(actual.map(\.count)))
        }
        for row in actual.indices {
            for column in actual[row].indices {
                let (a, e) = (Double(actual[row][column]), expected[row][column])
                let label = "\(what)[\(row)][\(column)]"
                if !a.isFinite { return .notFinite(input: input(), actual: "\(label) = \(a)") }
                if abs(a - e) > absolute + relative * abs(e) {
                    return .wrongValue(input: input(),
                                       expected: "\(label) = \(NumberFormat.significant(6).format(e)) (by central differences)",
                                       actual: "\(label) = \(NumberFormat.significant(6).format(a))")
                }
            }
        }
        return nil
    }

    /// nil when `actual` matches `expected`; otherwise what is wrong, with the first mismatch.
    static func compare(
        _ actual: [Float], _ expected: [Float], input: @autoclosure () -> String,
        absolute: Float = 1e-5, relative: Float = 1e-4, what: String = "result"
    ) -> CodeCheckOutcome? {
        guard actual.count == expected.count else {
            return .wrongShape(input: input(), expected: "\(expected.count) values", actual: "\(actual.count) values")
        }
        for index in actual.indices {
            let (a, e) = (actual[index], expected[index])
            if !a.isFinite && e.isFinite {
                return .notFinite(input: input(), actual: "\(what)[\(index)] = \(a)")
            }
            if abs(a - e) > absolute + relative * abs(e) || (a.isNaN != e.isNaN) {
                let label = actual.count == 1 ? what : "\(what)[\(index)]"
                return .wrongValue(input: input(),
                                   expected: "\(label) = \(NumberFormat.significant(6).format(Double(e)))",
                                   actual: "\(label) = \(NumberFormat.significant(6).format(Double(a)))")
            }
        }
        return nil
    }

    /// The outcome of a check of the reference, which never throws: `.notChecked` if it did.
    static func outcome(_ check: () throws -> CodeCheckOutcome) -> CodeCheckOutcome {
        do { return try check() } catch { return .notChecked(reason: "the reference's check failed: \(error)") }
    }

    /// Random values from N(0, scale²).
    static func values(_ count: Int, scale: Float = 1, using generator: inout SeededGenerator) -> [Float] {
        Tensor.normal([count], std: scale, using: &generator).scalars
    }
}
