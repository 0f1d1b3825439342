import Foundation
import XCTest

@testable import Experiments
@testable import Lessons

/// Lesson 1 and the first cell of lesson 9: every claim about an effect holds at the lesson's seed and fails once
/// the effect is switched off (the checks are in ClaimStrengthSupport.swift).
final class ClaimStrengthLessons1And9Tests: XCTestCase {
    private func run(_ file: String, _ number: Int, _ changes: [String] = []) throws -> ClaimedCell {
        try ClaimedCell(file, number, changes)
    }

    // MARK: Lesson 1

    private let one = "lesson-01-cross-entropy.md"

    /// The loss at logits of ±1000 keeps its digits only when z_y − m is subtracted before the log is added:
    /// m + log Σ e^(z_j − m) − z_y, in Float, gives 0.31323 and fails the claim.
    func testLesson1LargeLogitLossNeedsTheSubtractionFirst() throws {
        let lesson = try run(one, 3)
        try assertHolds(lesson, "loss > 0.31325")
        let logits: [Float] = [1000, 999, -1000]
        let m = logits.max()!
        let logSum = log(logits.reduce(Float(0)) { $0 + exp($1 - m) })
        let addedFirst = m + logSum - logits[0]
        let subtractedFirst = logSum - (logits[0] - m)
        let claim = try claim(lesson, "loss > 0.31325")
        XCTAssertFalse(claim.evaluate([Metric(name: "loss", value: .number(Double(addedFirst)))]).held, "\(addedFirst)")
        XCTAssertTrue(claim.evaluate([Metric(name: "loss", value: .number(Double(subtractedFirst)))]).held, "\(subtractedFirst)")
    }

    /// The first loss is ln 3 because the weights start small: from PyTorch's default initialization the scores
    /// are random and the first loss is not near ln 3.
    func testLesson1FirstLossIsLn3OnlyFromSmallWeights() throws {
        let lesson = try run(one, 4)
        let pytorchDefault = try run(one, 4, ["inits=[default]"])
        try assertEachFails(["first_loss > 1.0"], on: lesson, without: pytorchDefault, renaming: [("sgd_lr0.1_small", "sgd_lr0.1")])
    }

    /// Training lowers the loss below half of ln 3, lifts the accuracy, and the validation loss still falls in the
    /// last epochs: with η = 0 nothing moves and the lowest validation loss is the first epoch's.
    func testLesson1TrainingClaimsNeedTraining() throws {
        let lesson = try run(one, 4)
        let frozen = try run(one, 4, ["learning_rates=[0]"])
        try assertEachFails(["train_loss < 0.5", "val_accuracy > 0.85", "lowest_val_epoch >= 15"], on: lesson, without: frozen,
                            renaming: [("sgd_lr0.1_small", "sgd_lr0_small")])
    }

    // MARK: Lesson 9, first cell

    private let nine = "lesson-09-batch-normalization.md"

    /// PyTorch's default initialization shrinks the signal with depth and Kaiming's does not: each claim fails
    /// when asked of the other initialization's run. And BN's lead over the network without it is largely the
    /// initialization's: asked of the no-BN network from Kaiming's initialization, it fails.
    func testLesson9DepthAndBatchNormLeadDependOnTheInitialization() throws {
        let lesson = try run(nine, 1)
        try assertEachFails([
            "nobn.layer4.start_std < 0.5": [("nobn.", "nobn_kaiming.")],
            "nobn_kaiming.layer4.start_std > 0.6": [("nobn_kaiming.", "nobn.")],
            "bn.val_accuracy > nobn.val_accuracy": [("nobn.", "nobn_kaiming.")],
        ], on: lesson)
    }

    /// The spreads change, and the networks learn, only when the weights move: at a learning rate of 10⁻⁶ (the
    /// review's test) every one of these claims fails.
    func testLesson9DriftAndAccuracyClaimsNeedTraining() throws {
        let lesson = try run(nine, 1)
        let frozen = try run(nine, 1, ["learning_rate=0.000001"])
        try assertEachFails(["nobn.std_max > 4", "nobn_kaiming.layer4.std > 1.5", "bn.val_accuracy > nobn"], on: lesson, without: frozen)
    }
}
