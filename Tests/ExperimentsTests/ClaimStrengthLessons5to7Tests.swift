import Foundation
import XCTest

@testable import Experiments
@testable import Lessons

/// Lessons 5 to 7: every claim about an effect holds at the lesson's seed and fails once the effect is
/// switched off, either by running the cell with a setting that removes the effect (`--set`'s
/// `KEY=VALUE`) or by asking the same claim of a run in the same cell that lacks the effect (the claim
/// with one run's name put in for another's). A claim that still held would say nothing.
final class ClaimStrengthLessons5to7Tests: XCTestCase {
    private func run(_ file: String, _ number: Int, _ changes: [String] = []) throws -> ClaimedCell {
        try ClaimedCell(file, number, changes)
    }

    // MARK: Lesson 5

    private let five = "lesson-05-adaptive-methods.md"

    func testLesson5AdaptiveMethodsLeadOnlyOnTheUnturnedRavine() throws {
        let lesson = try run(five, 1)
        let turned = try run(five, 1, ["rotation=45"])
        try assertEachFails(["rmsprop_lr0.1.steps < 0.5", "adam_lr0.1.steps < momentum"], on: lesson, without: turned)
        // AdaGrad stalls; RMSProp, whose steps don't shrink, does not.
        try assertEachFails(["not adagrad_lr0.1.converged": [("adagrad", "rmsprop")]], on: lesson)
    }

    func testLesson5RatesDifferOnlyWhenTheSteepAndFlatDirectionsAreTheParameters() throws {
        let lesson = try run(five, 2)
        // Turned by 45°, both coordinates see gradients of about the same size.
        let turned = try run(five, 2, ["rotation=45"])
        try assertEachFails(["adagrad_lr0.1.rate_x_10 > 50", "rmsprop_lr0.1.rate_x_10 > 50", "adam_lr0.1.rate_x_10 > 50"],
                            on: lesson, without: turned)
        // Bias correction: Adam's first step is η, RMSProp's (no correction) 10η; SGD's rates are equal;
        // AdaGrad's steps shrink.
        try assertEachFails([
            "adam_lr0.1.step_x_1 > 0.099": [("adam", "rmsprop")],
            "rmsprop_lr0.1.step_x_1 > 0.99": [("rmsprop", "adam")],
            "sgd_lr0.1.rate_x_1 == sgd_lr0.1.rate_y_1": [("sgd", "adagrad")],
            "adagrad_lr0.1.step_x_100 < 0.2": [("adagrad", "sgd")],
        ], on: lesson)
    }

    func testLesson5MomentumWinsOnlyOnTheTurnedRavine() throws {
        let lesson = try run(five, 3)
        let unturned = try run(five, 3, ["rotation=0"])
        try assertEachFails(["not adam_lr0.1.converged", "adam_lr0.1.final_loss > 1000"], on: lesson, without: unturned)
    }

    func testLesson5AdamsLeadNeedsBadlyScaledFeatures() throws {
        let lesson = try run(five, 4)
        let scaled = try run(five, 4, ["feature_scales=[1, 1]"])
        try assertEachFails(["momentum_lr0.01.train_loss > 1", "2 * adam_lr0.01.train_loss <", "adam_lr0.0001.train_loss > 5"],
                            on: lesson, without: scaled)
    }

    // MARK: Lesson 6

    private let six = "lesson-06-initialization.md"

    func testLesson6OnlyKaimingKeepsTheReLUSignal() throws {
        let lesson = try run(six, 1)
        try assertEachFails([
            "kaiming.std_50 > kaiming.std_1 / 10": [("kaiming", "xavier")],
            "normal.std_10 > 1e9": [("normal", "kaiming")],
            "small.std_10 < 1e-8": [("small", "kaiming")],
            "xavier.std_50 < 1e-5": [("xavier", "kaiming")],
        ], on: lesson)
    }

    func testLesson6OnlyLargeWeightsSaturateTanh() throws {
        let lesson = try run(six, 2)
        try assertEachFails([
            "normal.saturated_50 > 0.8": [("normal", "xavier")],
            "small.std_50 < 1e-20": [("small", "xavier")],
            "xavier.std_50 > 0.3": [("xavier", "small")],
            "xavier.saturated_50 < normal.saturated_50 / 2": [("xavier", "normal")],
        ], on: lesson)
    }

    func testLesson6OnlyAWellScaledStartTrainsTheDeepNetwork() throws {
        let lesson = try run(six, 3)
        try assertEachFails([
            "kaiming.val_accuracy > 0.85": [("_kaiming", "")],
            "kaiming.train_loss < momentum_lr0.02_small": [("_kaiming", "")],
            "xavier.val_accuracy > 0.5": [("xavier", "small")],
            "small.train_loss > 1": [("small", "kaiming")],
            "momentum_lr0.02.train_loss > 1": [("momentum_lr0.02.", "momentum_lr0.02_kaiming.")],
            "normal.diverged": [("normal", "kaiming")],
        ], on: lesson)
    }

    // MARK: Lesson 7

    private let seven = "lesson-07-weight-decay.md"

    func testLesson7DecayHelpsOnlyAModelThatOverfits() throws {
        let lesson = try run(seven, 1)
        // With 400 examples for 200 features there is nothing to memorize and decay only costs.
        let plenty = try run(seven, 1, ["train_examples=400"])
        try assertEachFails(["sgd_lr0.02_full.train_loss < 1e-6", "sgd_lr0.02_full_wd0.1.val_loss < sgd_lr0.02_full.val_loss"],
                            on: lesson, without: plenty)
    }

    func testLesson7DecayOrdersLossAndNormOnlyWhenItActs() throws {
        let lesson = try run(seven, 1)
        // At η = 0 no step is taken, so the decay never acts and every λ leaves the same weights.
        let frozen = try run(seven, 1, ["learning_rates=[0]"])
        try assertEachFails(["sgd_lr0.02_full.train_loss < sgd_lr0.02_full_wd0.1", "sgd_lr0.02_full.weight_norm > sgd_lr0.02_full_wd0.1"],
                            on: lesson, without: frozen, renaming: [("lr0.02", "lr0")])
    }

    func testLesson7OnlySGDIsTheTwoStepUpdate() throws {
        let lesson = try run(seven, 2)
        try assertEachFails([
            "sgd.max_difference < 1e-5": [("sgd", "adam")],
            "adam.max_difference > 0.01": [("adam", "sgd")],
            "adam.adamw_difference < 1e-6": [("adamw_difference", "max_difference")],
        ], on: lesson)
    }
}
