import Foundation

/// A learning rate as a function of training progress t = 0, 1, 2, … (steps or epochs, as the training loop
/// is told), as a value: schedules are built, combined and passed around like numbers.
///
/// The formulas are those of PyTorch's `torch.optim.lr_scheduler` classes in closed form, with t the number
/// of `scheduler.step()` calls made so far. They are computed in Double, as PyTorch's (Python floats), and
/// rounded to Float only when the optimizer reads the rate: in Float, γ = 0.9 is 2.6e-8 relative too small,
/// and γ^t multiplies that error t times, 7.9e-7 relative from PyTorch's rate by step 30.
///
/// ```swift
/// let schedule = try LearningRateSchedule.linearWarmup(peak: 0.1, steps: 5, startFactor: 0.1)
///     .then(.cosineAnnealing(initial: 0.1, period: 45), at: 5)
/// schedule(0), schedule(5), schedule(50)   // 0.01, 0.1, 0
/// ```
public struct LearningRateSchedule: Sendable {
    /// A short description, e.g. "cosine(0.1 → 0, 50)", for tables in lessons.
    public let name: String
    private let rate: @Sendable (Int) -> Double

    /// A schedule from its name and its function of t (t ≥ 0).
    public init(name: String, rate: @escaping @Sendable (Int) -> Double) {
        self.name = name
        self.rate = rate
    }

    /// The learning rate at t (negative t counts as 0), rounded to the optimizer's Float.
    public func callAsFunction(_ t: Int) -> Float { Float(exactly(t)) }

    /// The learning rate at t (negative t counts as 0) in Double, before rounding to Float.
    public func exactly(_ t: Int) -> Double { rate(Swift.max(t, 0)) }

    /// The same rate at every t.
    public static func constant(_ rate: Double) -> LearningRateSchedule {
        LearningRateSchedule(name: "constant(\(rate))") { _ in rate }
    }

    /// η₀·γ^⌊t / stepSize⌋ (PyTorch's `StepLR`).
    public static func step(initial: Double, stepSize: Int, gamma: Double = 0.1) throws -> LearningRateSchedule {
        try checkRate(initial, "step")
        try require(stepSize > 0, "step schedule", "step size \(stepSize) must be positive")
        try require(gamma > 0, "step schedule", "gamma \(gamma) must be positive")
        return LearningRateSchedule(name: "step(\(initial), every \(stepSize), ×\(gamma))") { t in
            initial * pow(gamma, Double(t / stepSize))
        }
    }

    /// η₀·γ^(number of milestones ≤ t) (PyTorch's `MultiStepLR`).
    public static func multiStep(initial: Double, milestones: [Int], gamma: Double = 0.1) throws -> LearningRateSchedule {
        try checkRate(initial, "multiStep")
        try require(milestones.allSatisfy { $0 > 0 }, "multiStep schedule", "milestones \(milestones) must be positive")
        try require(gamma > 0, "multiStep schedule", "gamma \(gamma) must be positive")
        return LearningRateSchedule(name: "multiStep(\(initial), at \(milestones), ×\(gamma))") { t in
            initial * pow(gamma, Double(milestones.filter { $0 <= t }.count))
        }
    }

    /// η₀·γ^t (PyTorch's `ExponentialLR`).
    public static func exponential(initial: Double, gamma: Double) throws -> LearningRateSchedule {
        try checkRate(initial, "exponential")
        try require(gamma > 0, "exponential schedule", "gamma \(gamma) must be positive")
        return LearningRateSchedule(name: "exponential(\(initial), ×\(gamma))") { t in
            initial * pow(gamma, Double(t))
        }
    }

    /// η₀ / (1 + k·t), the decay of the Robbins–Monro conditions (Σ η = ∞, Σ η² < ∞).
    public static func inverseTime(initial: Double, decay k: Double) throws -> LearningRateSchedule {
        try checkRate(initial, "inverseTime")
        try require(k >= 0, "inverseTime schedule", "decay \(k) must be non-negative")
        return LearningRateSchedule(name: "inverseTime(\(initial), k \(k))") { t in
            initial / (1 + k * Double(t))
        }
    }

    /// η_min + (η₀ − η_min)·(1 + cos(π·t/T))/2 for t ≤ T, then η_min (PyTorch's `CosineAnnealingLR` in closed
    /// form over its first period; PyTorch's would rise again after T, which no lesson wants).
    public static func cosineAnnealing(initial: Double, period: Int, minimum: Double = 0) throws -> LearningRateSchedule {
        try checkRate(initial, "cosineAnnealing")
        try checkRate(minimum, "cosineAnnealing")
        try require(period > 0, "cosineAnnealing schedule", "period \(period) must be positive")
        return LearningRateSchedule(name: "cosine(\(initial) → \(minimum), \(period))") { t in
            if t >= period { return minimum }
            return minimum + (initial - minimum) * (1 + cos(Double.pi * Double(t) / Double(period))) / 2
        }
    }

    /// A linear ramp from `startFactor`·peak at t = 0 to `peak` at t = `steps`, then `peak` (PyTorch's
    /// `LinearLR` with `end_factor` 1 and `total_iters` = steps).
    public static func linearWarmup(peak: Double, steps: Int, startFactor: Double = 1.0 / 3) throws -> LearningRateSchedule {
        try checkRate(peak, "linearWarmup")
        try require(steps > 0, "linearWarmup schedule", "steps \(steps) must be positive")
        try require(startFactor > 0 && startFactor <= 1, "linearWarmup schedule", "start factor \(startFactor) must be in (0, 1]")
        return LearningRateSchedule(name: "warmup(\(peak), \(steps))") { t in
            peak * (startFactor + (1 - startFactor) * Double(Swift.min(t, steps)) / Double(steps))
        }
    }

    /// This schedule until t = `milestone`, then `next` restarted from its own t = 0 (PyTorch's
    /// `SequentialLR`): `warmup.then(cosine, at: 5)`.
    public func then(_ next: LearningRateSchedule, at milestone: Int) -> LearningRateSchedule {
        let first = self
        return LearningRateSchedule(name: "\(name), then \(next.name) at \(milestone)") { t in
            t < milestone ? first.exactly(t) : next.exactly(t - milestone)
        }
    }

    private static func checkRate(_ rate: Double, _ schedule: String) throws {
        try require(rate.isFinite && rate >= 0, "\(schedule) schedule", "learning rate \(rate) must be non-negative and finite")
    }
}

/// Whether a schedule's t counts optimizer steps or epochs.
public enum ScheduleUnit: Sendable {
    /// t is the number of optimizer steps taken (batches).
    case step
    /// t is the number of epochs completed.
    case epoch
}
