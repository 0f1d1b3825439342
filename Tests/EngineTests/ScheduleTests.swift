import XCTest
@testable import Engine

/// Learning-rate schedules against PyTorch's schedulers (rate after t = 0, 1, … calls of `scheduler.step()`,
/// initial rate 0.1), from Benchmarks/engine/reference/training_references.py; the inverse-time schedule,
/// which PyTorch lacks, against its formula.
final class ScheduleTests: XCTestCase {
    func assertRates(_ schedule: LearningRateSchedule, _ expected: [Float], file: StaticString = #filePath, line: UInt = #line) {
        assertClose(Tensor((0..<expected.count).map { schedule($0) }), expected, accuracy: 1e-8, relative: 1e-6, file: file, line: line)
    }

    func testStepMultiStepAndExponential() throws {
        assertRates(try .step(initial: 0.1, stepSize: 3, gamma: 0.5), Self.stepRates)
        assertRates(try .multiStep(initial: 0.1, milestones: [2, 5, 9], gamma: 0.1), Self.multiStepRates)
        assertRates(try .exponential(initial: 0.1, gamma: 0.8), Self.exponentialRates)
        assertRates(.constant(0.1), [Float](repeating: 0.1, count: 5))
    }

    func testCosineAnnealingHoldsItsMinimumAfterThePeriod() throws {
        let cosine = try LearningRateSchedule.cosineAnnealing(initial: 0.1, period: 10, minimum: 0.001)
        assertRates(cosine, Self.cosineRates)
        XCTAssertEqual(cosine(25), 0.001)
    }

    func testWarmupThenCosine() throws {
        let warmup = try LearningRateSchedule.linearWarmup(peak: 0.1, steps: 4, startFactor: 0.25)
        assertRates(warmup, Self.warmupRates)
        assertRates(warmup.then(try .cosineAnnealing(initial: 0.1, period: 6), at: 4), Self.warmupCosineRates)
    }

    func testInverseTime() throws {
        let schedule = try LearningRateSchedule.inverseTime(initial: 0.5, decay: 0.25)
        XCTAssertEqual([0, 1, 4, 12].map { schedule($0) }, [0.5, 0.4, 0.25, 0.125])
    }

    func testInvalidSchedulesAreErrors() {
        XCTAssertThrowsError(try LearningRateSchedule.step(initial: 0.1, stepSize: 0)) {
            XCTAssertEqual("\($0)", "step schedule: step size 0 must be positive")
        }
        XCTAssertThrowsError(try LearningRateSchedule.exponential(initial: -1, gamma: 0.9))
        XCTAssertThrowsError(try LearningRateSchedule.cosineAnnealing(initial: 0.1, period: 0))
    }

    func testPerStepScheduleSetsTheOptimizersRate() throws {
        var model = Sequential(Linear(weight: Tensor([[0.5, -0.5]]), bias: Tensor([0])))
        var optimizer = try SGD(learningRate: 1)
        let data = TensorDataset(inputs: Tensor([[1, 0], [0, 1], [1, 1], [0, 0]]), values: Tensor([[1], [0], [1], [0]]))
        var options = TrainingOptions(epochs: 2, batchSize: 2)
        (options.loss, options.scheduleUnit, options.schedule) = (.meanSquaredError, .step, try .exponential(initial: 0.1, gamma: 0.5))
        let history = try train(&model, optimizer: &optimizer, data: data, options: options)
        XCTAssertEqual(history.epochs.map(\.learningRate), [0.05, 0.0125])
        XCTAssertEqual(optimizer.learningRate, 0.0125)
        XCTAssertEqual(history.stepLosses.count, 4)
    }

    // Printed by Benchmarks/engine/reference/training_references.py.
    static let stepRates: [Float] = [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125, 0.0125]
    static let multiStepRates: [Float] = [0.1, 0.1, 0.01, 0.01, 0.01, 0.001, 0.001, 0.001, 0.001, 0.0001, 0.0001, 0.0001]
    static let exponentialRates: [Float] = [0.1, 0.08, 0.064, 0.0512, 0.04096, 0.032768, 0.0262144, 0.02097152, 0.016777216, 0.0134217728, 0.0107374182, 0.00858993459]
    static let cosineRates: [Float] = [0.1, 0.0975772976, 0.0905463412, 0.07959537, 0.0657963412, 0.0505, 0.0352036588, 0.02140463, 0.0104536588, 0.00342270244, 0.001]
    static let warmupRates: [Float] = [0.025, 0.04375, 0.0625, 0.08125, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]
    static let warmupCosineRates: [Float] = [0.025, 0.04375, 0.0625, 0.08125, 0.1, 0.0933012702, 0.075, 0.05, 0.025, 0.00669872981, 0]
}
