import Engine
import FileFormats
import Lessons
import XCTest

@testable import Experiments

/// The ablation: one run per ingredient taken out, each the recipe with exactly that change, measured on
/// the same validation pictures; the change is against the whole recipe.
final class AblationTests: XCTestCase {
    func testEachIngredientTakesOutExactlyItsOwnPart() {
        let recipe = Ablation.Parameters().recipe
        XCTAssertEqual(recipe.batchNorm, [.on])
        XCTAssertEqual(recipe.optimizers, [.nesterov])
        XCTAssertEqual(recipe.schedules, [.warmupCosine])
        XCTAssertTrue(recipe.standardize)
        let base = TrainingRecipe.grid(recipe)[0]
        for ingredient in Ablation.Ingredient.allCases {
            let changed = ingredient.removed(from: recipe)
            let setting = TrainingRecipe.grid(changed)[0]
            // Exactly one thing differs from the whole recipe.
            let differences = [setting.batchNorm != base.batchNorm, setting.initializer != base.initializer,
                               setting.optimizer != base.optimizer, setting.schedule != base.schedule,
                               setting.weightDecay != base.weightDecay, setting.augmentation != base.augmentation,
                               setting.dropout != base.dropout, changed.standardize != recipe.standardize]
            XCTAssertEqual(differences.filter { $0 }.count, 1, "\(ingredient) changes \(differences)")
        }
        XCTAssertEqual(Ablation.runNames(Ablation.Parameters()).first, "full")
        XCTAssertEqual(Ablation.runNames(Ablation.Parameters()).count, 1 + Ablation.Ingredient.allCases.count)
    }

    func testTheBudgetCountsEveryVariantAndItsRepeats() {
        var p = Ablation.Parameters()
        p.remove = [.dropout]
        let two = p.budget?.work ?? 0
        p.remove = [.dropout, .kaiming, .schedule]
        XCTAssertEqual((p.budget?.work ?? 0) / two, 2, accuracy: 1e-9, "4 variants against 2")
        p.repeats = 4
        XCTAssertEqual((p.budget?.work ?? 0) / two, 4, accuracy: 1e-9, "and twice the repeats")
    }

    func testASmallAblationReportsEveryVariantAgainstTheWholeRecipe() throws {
        let installed = FileManager.default.fileExists(atPath: FashionMNIST.folder().path + "/" + FashionMNIST.fileNames[0])
        if !installed {
            XCTAssertNotEqual(ProcessInfo.processInfo.environment["CI"], "true", "Fashion-MNIST is not installed")
            throw XCTSkip("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)")
        }
        var p = Ablation.Parameters()
        p.remove = [.dropout, .standardize]
        p.trainExamples = 300
        p.validationExamples = 200
        p.channels = [4, 8]
        p.cnnHidden = [16]
        p.epochs = 1
        p.repeats = 2
        let result = try Ablation.run(p, context: ExperimentContext(seed: 3))
        func number(_ name: String) -> Double? {
            if case .number(let value) = result.metric(named: name) { value } else { nil }
        }
        for name in ["full", "no_dropout", "no_standardize"] {
            let accuracy = try XCTUnwrap(number("\(name).val_accuracy"), name)
            XCTAssertGreaterThan(accuracy, 0.2, "\(name) learned something in one epoch")
            XCTAssertNotNil(number("\(name).val_accuracy_sd"))
        }
        let full = try XCTUnwrap(number("full.val_accuracy"))
        XCTAssertEqual(try XCTUnwrap(number("no_dropout.change")), try XCTUnwrap(number("no_dropout.val_accuracy")) - full,
                       accuracy: 1e-12)
        XCTAssertNil(number("full.change"))
        guard case .figure(.table(let table)) = result.items.first else { return XCTFail("no table") }
        XCTAssertEqual(table.rows.count, 3)
        // Another seed, other pictures and weights: other numbers.
        let other = try Ablation.run(p, context: ExperimentContext(seed: 4))
        XCTAssertNotEqual(other.metric(named: "full.val_accuracy"), result.metric(named: "full.val_accuracy"))
    }
}
