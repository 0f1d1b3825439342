/// A numeric axis: its range, linear or logarithmic, and "nice" ticks at round values (1, 2 or 5 times a
/// power of ten) with their labels.
///
/// ```swift
/// Axis.linear(-3.2, 97, maxTicks: 6).labels   // ["0", "20", "40", "60", "80", "100"]
/// Axis.log(0.0031, 2.7, maxTicks: 5).labels   // ["0.01", "0.1", "1"]
/// ```
public struct Axis: Sendable, Hashable {
    /// The value at the low end of the axis.
    public let lower: Double
    /// The value at the high end of the axis.
    public let upper: Double
    /// Whether positions are proportional to log10 of the values.
    public let isLog: Bool
    /// The tick values, ascending, all within `lower...upper`.
    public let ticks: [Double]
    /// The tick labels, written without locale: `0.5`, `20`, `1e-4`.
    public let labels: [String]

    /// A linear axis over the data range `low...high` with at most `maxTicks` ticks (at least 2 are asked for).
    /// A data end less than a third of a step short of the next tick is extended to it, so the frame usually
    /// ends on a label; the range is never extended further. A zero-width range is widened around its value.
    /// With `integerSteps`, ticks are whole numbers (steps, epochs); with `extend` false the range is kept
    /// exactly as given (a surface drawn over a chosen window).
    public static func linear(
        _ low: Double, _ high: Double, maxTicks: Int, integerSteps: Bool = false, extend: Bool = true
    ) -> Axis {
        var (low, high) = low <= high ? (low, high) : (high, low)
        if !(high > low) {
            let half = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - half, high + half)
        }
        let maxTicks = max(maxTicks, 2)
        // A span past the largest Double (say -1e308 to 1e308) gets its two ends as ticks.
        guard (high - low).isFinite else {
            return Axis(lower: low, upper: high, isLog: false, ticks: [low, high], labels: [low, high].map(compactScientific))
        }
        var exponent = decimalExponent((high - low) / Double(maxTicks)) - 1
        if integerSteps { exponent = max(exponent, 0) }
        while true {
            for multiple in [1.0, 2, 5] {
                let step = multiple * pow10(exponent)
                var first = (low / step).rounded(.up)
                var last = (high / step).rounded(.down)
                if last - first + 1 > Double(maxTicks) { continue }
                if extend && first * step > low && low - (first - 1) * step < step / 3 {
                    first -= 1
                    low = first * step
                }
                if extend && last * step < high && (last + 1) * step - high < step / 3 {
                    last += 1
                    high = last * step
                }
                let ticks = stride(from: first, through: last, by: 1).map { $0 * step }
                let decimals = max(0, -decimalExponent(step))
                return Axis(lower: low, upper: high, isLog: false, ticks: ticks,
                            labels: ticks.map { label($0, decimals: decimals) })
            }
            exponent += 1
        }
    }

    /// A log axis over `low...high` (both must be positive; others are clamped) with at most `maxTicks`
    /// ticks: 1-2-5 steps when the range spans few decades, powers of ten, or every 2nd, 5th, 10th ... power
    /// of ten when it spans many. An end within a quarter decade of the next tick is extended to it, unless
    /// `extend` is false (bins drawn over exactly their range).
    public static func log(_ low: Double, _ high: Double, maxTicks: Int, extend: Bool = true) -> Axis {
        var (low, high) = (max(min(low, high), Double.leastNormalMagnitude), max(low, high, Double.leastNormalMagnitude))
        if !(high > low) { (low, high) = (low / 10.0.squareRoot(), high * 10.0.squareRoot()) }
        let maxTicks = max(maxTicks, 2)
        let (logLow, logHigh) = (log10d(low), log10d(high))
        // Candidate tick sets, densest first: (multiples of a power of ten, decades between powers).
        // Every digit first, so that a range within one decade (4.5 to 8) still gets several labels.
        var candidates: [([Double], Int)] = [([1, 2, 3, 4, 5, 6, 7, 8, 9], 1), ([1, 2, 5], 1), ([1], 1)]
        for stride in [2, 3, 5, 10, 20, 50, 100, 200] {
            candidates.append(([1], stride))
            if Double(stride) >= logHigh - logLow { break }
        }
        for (index, (multiples, stride)) in candidates.enumerated() {
            var ticks = logTicks(low: low, high: high, multiples: multiples, decadeStride: stride)
            guard ticks.count <= maxTicks || index == candidates.count - 1 else { continue }
            let span = Double(stride + 1)
            if let below = logTicks(low: low / pow10(Int(span)), high: low, multiples: multiples, decadeStride: stride)
                .last(where: { $0 < low }), extend, logLow - log10d(below) <= 0.25
            {
                low = below
                ticks.insert(below, at: 0)
            }
            if let above = logTicks(low: high, high: min(high * pow10(Int(span)), .greatestFiniteMagnitude), multiples: multiples, decadeStride: stride)
                .first(where: { $0 > high }), extend, log10d(above) - logHigh <= 0.25
            {
                high = above
                ticks.append(above)
            }
            return Axis(lower: low, upper: high, isLog: true, ticks: ticks, labels: ticks.map(logLabel))
        }
        return Axis(lower: low, upper: high, isLog: true, ticks: [], labels: [])
    }

    /// Ticks m × 10^k within `low...high` for m in `multiples` and k a multiple of `decadeStride`.
    private static func logTicks(low: Double, high: Double, multiples: [Double], decadeStride: Int) -> [Double] {
        var ticks: [Double] = []
        var k = decimalExponent(low) - 1
        while k % decadeStride != 0 { k -= 1 }
        while pow10(k) <= high * 1.000_000_1 && k <= 308 {
            for m in multiples {
                let value = m * pow10(k)
                if value >= low * 0.999_999_9 && value <= high * 1.000_000_1 { ticks.append(value) }
            }
            k += decadeStride
        }
        return ticks
    }

    /// The position of `value` along an axis of `cells` cells: 0 at `lower`, `cells - 1` at `upper`;
    /// `nil` for values that cannot be placed (non-finite, or not positive on a log axis).
    public func position(_ value: Double, cells: Int) -> Double? {
        guard value.isFinite, !isLog || value > 0 else { return nil }
        let span = Double(max(cells - 1, 0))
        if isLog {
            return (log10d(value) - log10d(lower)) / (log10d(upper) - log10d(lower)) * span
        }
        return (value - lower) / (upper - lower) * span
    }

    /// A function from values to positions along `cells` cells, as `position(_:cells:)` but with the
    /// logarithms of the ends computed once: the hot loop of a 100,000-point chart calls it per point.
    func mapper(cells: Int) -> (Double) -> Double? {
        let span = Double(max(cells - 1, 0))
        if isLog {
            let (low, high) = (log10d(lower), log10d(upper))
            let scale = span / (high - low)
            return { value in
                guard value.isFinite, value > 0 else { return nil }
                let position = (log10d(value) - low) * scale
                return position.isFinite ? position : nil
            }
        }
        let (low, scale) = (lower, span / (upper - lower))
        return { value in
            let position = (value - low) * scale
            return position.isFinite ? position : nil
        }
    }

    /// A tick label with `decimals` decimals; magnitudes from a million up, and ticks finer than 1e-5
    /// (which fixed decimals would round to 0), are written as `2e6`, `3e-40`.
    static func label(_ value: Double, decimals: Int) -> String {
        if decimals > 5 && value == 0 { return "0" }
        if abs(value) >= 1e6 || decimals > 5 { return compactScientific(value) }
        return NumberFormat.fixed(decimals).format(value)
    }

    /// A log tick label: plain from 0.001 to 9999, otherwise `2e-5`.
    static func logLabel(_ value: Double) -> String {
        if value >= 1e-3 && value < 1e4 {
            return NumberFormat.fixed(max(0, -decimalExponent(value))).format(value)
        }
        return compactScientific(value)
    }

    /// Scientific notation with only the significant mantissa digits: `2e6`, `2.5e-7`.
    static func compactScientific(_ value: Double) -> String {
        for decimals in 0...3 {
            let text = NumberFormat.scientific(decimals).format(value)
            let mantissa = Double(text.prefix { $0 != "e" }) ?? 0
            let exponent = Int(text.split(separator: "e")[1]) ?? 0
            if abs(mantissa * pow10(exponent) - value) <= abs(value) * 1e-9 { return text }
        }
        return NumberFormat.scientific(3).format(value)
    }
}
