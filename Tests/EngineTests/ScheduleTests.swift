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

    /// Every schedule against PyTorch's over 40 steps from η₀ = 0.1 (`PyTorchRates`): the rate the optimizer
    /// gets, a Float, within 1e-7 relative of PyTorch's Double at every step, the late ones included (in
    /// Float arithmetic the exponential one was 7.9e-7 off by step 30), and the Double rate within 1e-12.
    func testRatesAgreeWithPyTorchsToFloatPrecisionAtEveryStep() throws {
        let cases: [(LearningRateSchedule, [Double])] = [
            (try .exponential(initial: 0.1, gamma: 0.9), PyTorchRates.exponential),
            (try .step(initial: 0.1, stepSize: 7, gamma: 0.5), PyTorchRates.step),
            (try .multiStep(initial: 0.1, milestones: [10, 25, 33], gamma: 0.1), PyTorchRates.multiStep),
            (try .cosineAnnealing(initial: 0.1, period: 40, minimum: 0.001), PyTorchRates.cosine),
            (try .linearWarmup(peak: 0.1, steps: 30, startFactor: 0.01), PyTorchRates.warmup),
            (try LearningRateSchedule.linearWarmup(peak: 0.1, steps: 8, startFactor: 0.01)
                .then(try .cosineAnnealing(initial: 0.1, period: 32), at: 8), PyTorchRates.warmupCosine),
        ]
        for (schedule, expected) in cases {
            XCTAssertEqual(expected.count, 40)
            for (t, rate) in expected.enumerated() {
                let float = Double(schedule(t))
                XCTAssertLessThanOrEqual(abs(float - rate), 1e-7 * rate, "\(schedule.name) at t = \(t): \(float) vs PyTorch's \(rate)")
                XCTAssertLessThanOrEqual(abs(schedule.exactly(t) - rate), 1e-12 * rate, "\(schedule.name) at t = \(t) in Double")
            }
        }
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

/// PyTorch 2.13's learning rates (CPU), printed by this script:
///
/// ```python
/// import torch
/// from torch.optim.lr_scheduler import (StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, SequentialLR)
///
/// def rates(make, steps=40):
///     opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
///     sched = make(opt)
///     out = []
///     for _ in range(steps):
///         out.append(opt.param_groups[0]["lr"])
///         opt.step()
///         sched.step()
///     return out
///
/// cases = {
///     "exponential": lambda o: ExponentialLR(o, gamma=0.9),
///     "step": lambda o: StepLR(o, step_size=7, gamma=0.5),
///     "multiStep": lambda o: MultiStepLR(o, milestones=[10, 25, 33], gamma=0.1),
///     "cosine": lambda o: CosineAnnealingLR(o, T_max=40, eta_min=0.001),
///     "warmup": lambda o: LinearLR(o, start_factor=0.01, end_factor=1.0, total_iters=30),
///     "warmupCosine": lambda o: SequentialLR(o, [LinearLR(o, start_factor=0.01, end_factor=1.0, total_iters=8),
///                                                CosineAnnealingLR(o, T_max=32)], milestones=[8]),
/// }
/// for name, make in cases.items():
///     print(f"    static let {name}: [Double] = [" + ", ".join(repr(r) for r in rates(make)) + "]")
/// ```
enum PyTorchRates {
    static let exponential: [Double] = [
        0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002, 0.06561000000000002, 0.05904900000000002,
        0.05314410000000002, 0.04782969000000002, 0.043046721000000024, 0.03874204890000002, 0.03486784401000002,
        0.03138105960900001, 0.028242953648100012, 0.025418658283290013, 0.022876792454961013, 0.020589113209464913,
        0.01853020188851842, 0.01667718169966658, 0.015009463529699923, 0.013508517176729932, 0.01215766545905694,
        0.010941898913151246, 0.009847709021836121, 0.00886293811965251, 0.007976644307687259, 0.007178979876918534,
        0.006461081889226681, 0.005814973700304013, 0.005233476330273611, 0.00471012869724625, 0.004239115827521626,
        0.0038152042447694634, 0.003433683820292517, 0.0030903154382632653, 0.002781283894436939, 0.002503155504993245,
        0.0022528399544939205, 0.0020275559590445286, 0.0018248003631400759, 0.0016423203268260682
    ]
    static let step: [Double] = [
        0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.025, 0.025,
        0.025, 0.025, 0.0125, 0.0125, 0.0125, 0.0125, 0.0125, 0.0125, 0.0125, 0.00625, 0.00625, 0.00625, 0.00625,
        0.00625, 0.00625, 0.00625, 0.003125, 0.003125, 0.003125, 0.003125, 0.003125
    ]
    static let multiStep: [Double] = [
        0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.010000000000000002, 0.010000000000000002,
        0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002,
        0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002,
        0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
        0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
        0.0010000000000000002, 0.0010000000000000002, 0.00010000000000000003, 0.00010000000000000003,
        0.00010000000000000003, 0.00010000000000000003, 0.00010000000000000003, 0.00010000000000000003,
        0.00010000000000000003
    ]
    static let cosine: [Double] = [
        0.1, 0.09984740801978985, 0.09939057285945933, 0.09863231105968501, 0.09757729755661011, 0.0962320368593087,
        0.09460482294732421, 0.09270568813552757, 0.09054634122155991, 0.08814009529720154, 0.0855017856687341,
        0.0826476783923441, 0.07959536998847742, 0.07636367895343947, 0.07297252973710756, 0.06944282990207194,
        0.0657963412215599, 0.06205554551086733, 0.05824350601949144, 0.05438372523852833, 0.0505,
        0.046616274761471684, 0.04275649398050859, 0.03894445448913269, 0.03520365877844011, 0.03155717009792806,
        0.028027470262892432, 0.024636321046560532, 0.021404630011522582, 0.018352321607655913, 0.0154982143312659,
        0.012859904702798467, 0.010453658778440105, 0.008294311864472435, 0.006395177052675793, 0.004767963140691305,
        0.003422702443389899, 0.0023676889403150096, 0.0016094271405406855, 0.0011525919802101658
    ]
    static let warmup: [Double] = [
        0.001, 0.004300000000000001, 0.007600000000000002, 0.010900000000000002, 0.014200000000000003, 0.0175,
        0.020800000000000003, 0.024100000000000003, 0.027400000000000004, 0.030700000000000005, 0.03400000000000001,
        0.037300000000000014, 0.04060000000000002, 0.043900000000000015, 0.04720000000000002, 0.05050000000000002,
        0.05380000000000002, 0.05710000000000002, 0.06040000000000002, 0.06370000000000002, 0.06700000000000002,
        0.07030000000000002, 0.07360000000000001, 0.07690000000000001, 0.08020000000000001, 0.0835, 0.0868, 0.0901,
        0.0934, 0.0967, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999,
        0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999,
        0.09999999999999999
    ]
    static let warmupCosine: [Double] = [
        0.001, 0.013375, 0.02575, 0.038125, 0.050499999999999996, 0.062875, 0.07525, 0.087625, 0.1,
        0.09975923633360985, 0.09903926402016153, 0.09784701678661045, 0.09619397662556435, 0.09409606321741776,
        0.09157348061512728, 0.08865052266813686, 0.08535533905932738, 0.08171966420818227, 0.07777851165098011,
        0.0735698368412999, 0.0691341716182545, 0.06451423386272312, 0.059754516100806426, 0.054900857016478045, 0.05,
        0.04509914298352197, 0.04024548389919359, 0.03548576613727689, 0.030865828381745515, 0.026430163158700115,
        0.0222214883490199, 0.01828033579181773, 0.014644660940672627, 0.01134947733186315, 0.008426519384872733,
        0.005903936782582253, 0.0038060233744356626, 0.0021529832133895584, 0.0009607359798384783,
        0.00024076366639015905
    ]
}
