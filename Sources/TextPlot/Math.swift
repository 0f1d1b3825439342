// The only system import of TextPlot: libm for logarithms and powers. Foundation is not needed.
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Base-10 logarithm.
@inline(__always) func log10d(_ x: Double) -> Double { log10(x) }

/// The cell index nearest to a fractional position, kept within ±1e9 so that a point far off the canvas
/// (or a non-finite one, sent to -1) converts without trapping; canvases ignore indices outside them.
@inline(__always) func cellIndex(_ position: Double) -> Int {
    position.isFinite ? Int(min(max(position.rounded(), -1e9), 1e9)) : -1
}

/// 10 raised to a real power.
@inline(__always) func exp10(_ x: Double) -> Double { pow(10.0, x) }

/// 10 raised to an integer power, exact for |e| <= 22 and never overflowing to 0 for tiny results in range.
func pow10(_ e: Int) -> Double {
    if e >= -300 { return pow(10.0, Double(e)) }
    return pow(10.0, Double(e + 300)) * 1e-300
}

/// The decimal exponent of |x|: `floor(log10(|x|))`, corrected where log10 rounds across a power of ten.
func decimalExponent(_ x: Double) -> Int {
    let a = abs(x)
    guard a.isFinite, a > 0 else { return 0 }
    var e = Int(log10(a).rounded(.down))
    if a >= pow10(e + 1) { e += 1 }
    if a < pow10(e) { e -= 1 }
    return e
}
