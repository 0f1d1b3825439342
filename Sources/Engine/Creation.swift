extension Tensor {
    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }

    /// A tensor with every element equal to `value`.
    public static func full(_ shape: [Int], _ value: Float) -> Tensor { Tensor(shape: shape, repeating: value) }

    /// Zeros with the shape of `other`.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape) }

    /// Ones with the shape of `other`.
    public static func ones(like other: Tensor) -> Tensor { ones(other.shape) }

    /// The values `start, start + step, …` below `end` (above it for a negative step), as a 1-D tensor.
    public static func arange(_ start: Float, _ end: Float, step: Float = 1) -> Tensor {
        precondition(step != 0, "arange: step must not be zero")
        let count = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor((0..<count).map { start + Float($0) * step })
    }

    /// The values `0, 1, …, end - 1`.
    public static func arange(_ end: Int) -> Tensor { Tensor((0..<Swift.max(end, 0)).map { Float($0) }) }

    /// The `n×n` identity matrix.
    public static func eye(_ n: Int) -> Tensor {
        var result = zeros([n, n])
        result.withUnsafeMutableBufferPointer { for i in 0..<n { $0[i * n + i] = 1 } }
        return result
    }

    /// Uniform random values in [`low`, `high`), drawn from `generator` in row-major order.
    public static func uniform<G: RandomNumberGenerator>(_ shape: [Int], low: Float = 0, high: Float = 1,
                                                         using generator: inout G) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let base = result.storage.base
        for i in 0..<result.count { base[i] = low + (high - low) * generator.nextUnitFloat() }
        return result
    }

    /// Uniform random values in [0, 1) (PyTorch's `rand`).
    public static func rand<G: RandomNumberGenerator>(_ shape: [Int], using generator: inout G) -> Tensor {
        uniform(shape, using: &generator)
    }

    /// Normal random values with the given mean and standard deviation.
    public static func normal<G: RandomNumberGenerator>(_ shape: [Int], mean: Float = 0, std: Float = 1,
                                                        using generator: inout G) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let base = result.storage.base
        for i in 0..<result.count { base[i] = mean + std * generator.nextNormalFloat() }
        return result
    }

    /// Standard normal random values (PyTorch's `randn`).
    public static func randn<G: RandomNumberGenerator>(_ shape: [Int], using generator: inout G) -> Tensor {
        normal(shape, using: &generator)
    }
}
