// e^x and ln x for Float, written in Swift, eight values at a time.
//
// Why not the C library's expf and logf: cross-entropy calls them 1,200 times in a step of a small
// classifier, one call at a time, and those calls were a seventh of the step (the tiny MLP of
// Benchmarks/README.md: 33 ms → 28.5 ms for 1,000 steps with them stubbed out). And each C library rounds
// its last bit its own way, so the same lesson printed different bytes on Linux and macOS. These use only
// IEEE arithmetic (no fused multiply-adds either), so every platform gets the same bits. They work in Double and
// round once to Float, so they are correctly rounded but for arguments whose value lies within about 2^−30
// of a halfway point (`ElementaryTests` checks millions of arguments against Double).
//
// The scalar forms run the vector code on one lane, so a loop's last few values get the same bits as the
// rest.

enum Elementary {
    /// e^x for eight values: +inf above about 88.72, 0 below about −103.97, NaN for NaN.
    @inline(__always)
    static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        // Clamping keeps 2^n a normal Double (n in −150…128) and the result at +inf or 0 beyond the range;
        // NaN compares false and stays NaN.
        let x = widen(x.replacing(with: 89, where: x .> 89).replacing(with: -104, where: x .< -104))
        // e^x = 2^n · e^r with n = round(x / ln 2) and r = x − n·ln 2 in [−ln 2 / 2, ln 2 / 2]. Adding
        // 1.5·2^52 rounds x / ln 2 to an integer (ties to even) and leaves it in the sum's low bits.
        let shifted = SIMD8(repeating: 1 / ln2) * x + SIMD8(repeating: roundingShift)
        let n = shifted - SIMD8(repeating: roundingShift)
        let r = x - n * SIMD8(repeating: ln2)
        // e^r by Horner's rule on its Taylor series to r⁹/9! (the next term is below 2^−36 of e^r here).
        var p = SIMD8(repeating: 1.0 / 362_880) * r + SIMD8<Double>(repeating: 1.0 / 40_320)
        p = p * r + SIMD8(repeating: 1.0 / 5_040)
        p = p * r + SIMD8(repeating: 1.0 / 720)
        p = p * r + SIMD8(repeating: 1.0 / 120)
        p = p * r + SIMD8(repeating: 1.0 / 24)
        p = p * r + SIMD8(repeating: 1.0 / 6)
        p = p * r + SIMD8(repeating: 1.0 / 2)
        p = p * r + SIMD8(repeating: 1)
        p = p * r + SIMD8(repeating: 1)
        // Scaling by 2^n is exact in Double; the one rounding is the conversion to Float.
        let k = unsafeBitCast(shifted, to: SIMD8<Int64>.self) &- SIMD8(repeating: Int64(roundingShift.bitPattern))
        return narrow(p * unsafeBitCast((k &+ 1023) &<< 52, to: SIMD8<Double>.self))
    }

    /// ln x for eight values: −inf at 0, NaN below 0 and for NaN, +inf at +inf.
    @inline(__always)
    static func log(_ x: SIMD8<Float>) -> SIMD8<Float> {
        // Subnormals are scaled into the normal range first (2^23 x, and 23 taken off the exponent).
        let subnormal = x .< SIMD8(repeating: Float.leastNormalMagnitude)
        let scaled = x.replacing(with: x * 8_388_608, where: subnormal)
        // x = 2^e · m with m in [√½, √2): measured from √½'s bits, the exponent field is e and the rest is m.
        let bits = unsafeBitCast(scaled, to: SIMD8<Int32>.self) &- sqrtHalfBits
        let e = (bits &>> 23) &- SIMD8<Int32>(repeating: 0).replacing(with: 23, where: subnormal)
        let m = unsafeBitCast((bits & 0x007F_FFFF) &+ sqrtHalfBits, to: SIMD8<Float>.self)
        // ln m = ln(1 + f) = 2 atanh(s) = 2s (1 + s²/3 + s⁴/5 + …) with s = f / (2 + f), |s| < 0.172: to
        // s¹²/13 the next term is below 2^−38 of the result.
        let f = widen(m) - 1
        let s = f / (2 + f)
        let z = s * s
        var series = SIMD8(repeating: 1.0 / 13) * z + SIMD8<Double>(repeating: 1.0 / 11)
        series = series * z + SIMD8(repeating: 1.0 / 9)
        series = series * z + SIMD8(repeating: 1.0 / 7)
        series = series * z + SIMD8(repeating: 1.0 / 5)
        series = series * z + SIMD8(repeating: 1.0 / 3)
        series = series * z + SIMD8(repeating: 1)
        // e·ln 2 + ln m in Double; the one rounding that matters is the conversion to Float.
        let logM = 2 * s * series
        var result = narrow(logM + widen(e) * SIMD8(repeating: ln2))
        result = result.replacing(with: -.infinity, where: x .== 0)
        result = result.replacing(with: .nan, where: x .< 0)
        return result.replacing(with: x, where: x .== .infinity .| x .!= x)
    }

    /// e^x for one value, with the same bits as the vector form.
    @inline(__always)
    static func exp(_ x: Float) -> Float { exp(SIMD8(repeating: x))[0] }

    /// ln x for one value, with the same bits as the vector form.
    @inline(__always)
    static func log(_ x: Float) -> Float { log(SIMD8(repeating: x))[0] }

    /// Writes `f` of `count` values from `source` to `target` (which may be `source`).
    @inline(__always)
    static func apply(_ f: (SIMD8<Float>) -> SIMD8<Float>, _ source: UnsafePointer<Float>,
                      into target: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        // Four vectors per turn: each value's arithmetic is one long chain of dependent steps (Horner's rule),
        // and four independent chains side by side keep the multipliers busy where one left them waiting.
        while i + 32 <= count {
            let (v0, v1) = (f(load8(source + i)), f(load8(source + i + 8)))
            let (v2, v3) = (f(load8(source + i + 16)), f(load8(source + i + 24)))
            store8(v0, target + i); store8(v1, target + i + 8)
            store8(v2, target + i + 16); store8(v3, target + i + 24)
            i += 32
        }
        while i + 8 <= count {
            store8(f(load8(source + i)), target + i)
            i += 8
        }
        if i < count {
            var lanes = SIMD8<Float>()
            for j in 0..<(count - i) { lanes[j] = source[i + j] }
            let values = f(lanes)
            for j in 0..<(count - i) { target[i + j] = values[j] }
        }
    }

    // Lane-by-lane conversions, which the compiler turns into single vector instructions once inlined: the
    // standard library's generic `SIMD8<Double>(_:)` stayed a call, and lost the vectors across it.
    @inline(__always) private static func widen(_ x: SIMD8<Float>) -> SIMD8<Double> {
        var wide = SIMD8<Double>()
        for i in 0..<8 { wide[i] = Double(x[i]) }
        return wide
    }

    @inline(__always) private static func widen(_ x: SIMD8<Int32>) -> SIMD8<Double> {
        var wide = SIMD8<Double>()
        for i in 0..<8 { wide[i] = Double(x[i]) }
        return wide
    }

    @inline(__always) private static func narrow(_ x: SIMD8<Double>) -> SIMD8<Float> {
        var narrow = SIMD8<Float>()
        for i in 0..<8 { narrow[i] = Float(x[i]) }
        return narrow
    }

    private static let ln2 = 0.693_147_180_559_945_309_417_232_121_458_176_568
    private static let roundingShift = 6_755_399_441_055_744.0 // 1.5 · 2^52
    private static let sqrtHalfBits = SIMD8<Int32>(repeating: 0x3F35_04F3)
}
