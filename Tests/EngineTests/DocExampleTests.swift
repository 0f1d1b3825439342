import Foundation
import XCTest

@testable import Engine

/// The five-line example in docs/engine.md: the text in the docs is the code below, and it runs.
final class DocExampleTests: XCTestCase {
    /// The example exactly as docs/engine.md shows it.
    private let documented = """
        var rng = SeededGenerator(seed: 0)
        var p = [Tensor.randn([2, 16], using: &rng), .zeros([16]), .randn([16, 2], using: &rng), .zeros([2])].map { $0.requiringGrad() }
        let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), labels = [0, 1, 1, 0]
        for step in 0..<300 {
            let loss = crossEntropy(logits: (x.matmul(p[0]) + p[1]).tanh().matmul(p[2]) + p[3], labels: labels)
            loss.backward(); noGrad { for i in p.indices { p[i] -= 0.5 * p[i].grad!; p[i].zeroGrad() } }
            if step % 50 == 0 { print(step, loss.item) }   // the loss falls from about 1.1 towards 0
        }
        """

    func testTheDocsShowThisCode() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/engine.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        XCTAssertTrue(text.contains("```swift\n" + documented + "\n```"), "docs/engine.md's five-line example changed; update this test with it")
    }

    func testTheExampleRunsAndItsLossFalls() {
        // The documented lines, with the print replaced by a record of the losses.
        var losses: [Float] = []
        var rng = SeededGenerator(seed: 0)
        var p = [Tensor.randn([2, 16], using: &rng), .zeros([16]), .randn([16, 2], using: &rng), .zeros([2])].map { $0.requiringGrad() }
        let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), labels = [0, 1, 1, 0]
        for step in 0..<300 {
            let loss = crossEntropy(logits: (x.matmul(p[0]) + p[1]).tanh().matmul(p[2]) + p[3], labels: labels)
            loss.backward(); noGrad { for i in p.indices { p[i] -= 0.5 * p[i].grad!; p[i].zeroGrad() } }
            if step % 50 == 0 { losses.append(loss.item) }
        }
        XCTAssertEqual(losses.count, 6)
        XCTAssertGreaterThan(losses[0], 0.5)
        XCTAssertLessThan(losses[5], losses[0] / 5, "the loss falls: \(losses)")
        XCTAssertEqual(losses, losses.sorted(by: >), "and keeps falling: \(losses)")
    }
}
