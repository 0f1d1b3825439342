import Foundation

/// A small, fast, seeded random number generator (SplitMix64, Steele, Lea and Flood, OOPSLA 2014).
///
/// Every random thing in the engine takes a generator like this one, never the system generator, so the same
/// seed gives the same numbers on every run and every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RandomNumberGenerator {
    /// A uniform `Float` in [0, 1) from the top 24 bits, the same on every platform.
    @inline(__always)
    mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// A standard normal `Float` by the Box–Muller transform (one of the pair; simple and platform-independent).
    @inline(__always)
    mutating func nextNormalFloat() -> Float {
        let u1 = Double(next() >> 11) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        let radius = (-2 * log(1 - u1)).squareRoot()
        return Float(radius * cos(2 * Double.pi * u2))
    }
}
