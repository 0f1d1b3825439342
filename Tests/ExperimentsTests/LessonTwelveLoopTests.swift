import Engine
import Foundation
import XCTest

/// Lesson 12's training loop, written from the engine's building blocks: the lesson shows this code, and it trains.
final class LessonTwelveLoopTests: XCTestCase {
    /// The loop exactly as the lesson shows it.
    private let shown = """
        var rng = SeededGenerator(seed: 0)
        var model = Sequential(Flatten(), Linear(64, 32, using: &rng), ReLU(),
                               Linear(32, 10, using: &rng))
        var optimizer = try SGD(learningRate: 0.1, momentum: 0.9)
        let (trainSet, _, _) = try Digits.splits(seed: 0)
        let loader = try DataLoader(trainSet, batchSize: 32, shuffle: true, seed: 1)
        for epoch in 0..<10 {
            for batch in loader.batches(epoch: epoch) {
                model.zeroGrad()                    // clear the last step's gradients
                let logits = model(batch.inputs)
                let loss = crossEntropy(logits: logits, labels: batch.labels)
                loss.backward()                     // autograd fills every .grad
                optimizer.step(&model)              // each parameter steps along its .grad
            }
        }
        """

    func testTheLessonShowsThisCode() throws {
        let lesson = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons/lesson-12-building-blocks.md")
        let text = try String(contentsOf: lesson, encoding: .utf8)
        XCTAssertTrue(text.contains("```swift\n" + shown + "\n```"), "lesson 12's loop changed; update this test with it")
    }

    func testTheLoopLearnsTheDigits() throws {
        // The lines shown, with the validation set kept to measure what they learned.
        var rng = SeededGenerator(seed: 0)
        var model = Sequential(Flatten(), Linear(64, 32, using: &rng), ReLU(),
                               Linear(32, 10, using: &rng))
        var optimizer = try SGD(learningRate: 0.1, momentum: 0.9)
        let (trainSet, validation, _) = try Digits.splits(seed: 0)
        let loader = try DataLoader(trainSet, batchSize: 32, shuffle: true, seed: 1)
        let before = evaluate(model, on: validation).accuracy ?? 1
        for epoch in 0..<10 {
            for batch in loader.batches(epoch: epoch) {
                model.zeroGrad()
                let logits = model(batch.inputs)
                let loss = crossEntropy(logits: logits, labels: batch.labels)
                loss.backward()
                optimizer.step(&model)
            }
        }
        let after = try XCTUnwrap(evaluate(model, on: validation).accuracy)
        XCTAssertLessThan(before, 0.3)
        XCTAssertGreaterThan(after, 0.9)
    }
}
