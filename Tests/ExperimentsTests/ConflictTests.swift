import XCTest
@testable import Experiments

/// Values that are each in range but can't run together are refused when the lesson is read (so `learn lint`
/// finds them), not when the cell runs.
final class ConflictTests: XCTestCase {
    func testEachExperimentsDefaultsRunTogether() {
        XCTAssertNil(SoftmaxLoss.Parameters().conflict)
        XCTAssertNil(LearningRateSchedules.Parameters().conflict)
        XCTAssertNil(DecayTwoStep.Parameters().conflict)
        XCTAssertNil(TrainClassifier.Parameters().conflict)
    }

    func testALabelPastTheLogitsIsAConflict() {
        var p = SoftmaxLoss.Parameters()
        p.logits = [1, 2, 3]
        p.label = 3
        XCTAssertEqual(p.conflict, "label 3 is not a class: with 3 logits the classes are 0 to 2; give a smaller label or more logits")
        p.label = 2
        XCTAssertNil(p.conflict)
    }

    func testAReportStepPastTheRunIsAConflict() {
        var p = LearningRateSchedules.Parameters()
        p.steps = 50
        p.reportSteps = [0, 49, 50]
        XCTAssertEqual(p.conflict, "report_steps has step 50, not below steps (50); report steps from 0 to 49")
        p.reportSteps = [0, 49]
        XCTAssertNil(p.conflict)
    }

    func testDecayThatFlipsTheWeightsIsAConflict() {
        var p = DecayTwoStep.Parameters()
        p.learningRate = 0.5
        p.weightDecay = 2
        XCTAssertEqual(p.conflict, "learning_rate × weight_decay is 1, so every step multiplies the weights by 1 − ηλ ≤ 0; keep it below 1")
        p.weightDecay = 1.9
        XCTAssertNil(p.conflict)
    }

    func testAGridOfMoreThan24RunsIsAConflict() {
        var p = TrainClassifier.Parameters()
        p.optimizers = [.sgd, .momentum, .adam]
        p.learningRates = [0.01, 0.03, 0.1, 0.3, 1]
        p.batchSizes = [16, 32]
        XCTAssertEqual(TrainingRecipe.grid(p).count, 30)
        XCTAssertEqual(p.conflict, "the lists' lengths multiply to 30 runs, more than 24; compare fewer values at once")
        p.batchSizes = [32]
        XCTAssertNil(p.conflict)
    }
}
