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

/// 10 raised to an integer power, exact for |e| <= 22 and never overflowing to 0 for tiny results in range.
func pow10(_ e: Int) -> Double {
    if e >= -300 { return pow(10.0, Double(e)) }
    return pow(10.0, Double(e + 300)) * 1e-300
}

/// The decimal exponent of |x|: `floor(log10(|x|))`, corrected where log10 rounds across a power of ten.
func decimalExponent(_ x: Double) -> Int {
    let a = abs(x)
    var e = Int(log10(a).rounded(.down))
    if a >= pow10(e + 1) { e += 1 }
    if a < pow10(e) { e -= 1 }
    return e
}
