import Engine
import Lessons
import XCTest

@testable import Experiments

/// The saddle experiment against hand-computed steps and a Float32 reference of the escape counts.
final class SaddleEscapeTests: XCTestCase {
    private func parameters(offsets: [Double] = [0, 1e-3, 1e-6, 1e-9], noise: Double = 0.01, repeats: Int = 20,
                            randomStarts: Int = 0) -> SaddleEscape.Parameters {
        var p = SaddleEscape.Parameters()
        p.offsets = offsets
        p.noise = noise
        p.repeats = repeats
        p.randomStarts = randomStarts
        p.surface = false
        p.lossChart = false
        return p
    }

    func testOneStepByHand() throws {
        // At (2, 3): f = 4 − 2 + 4.5 = 6.5 and ∇f = (x³ − x, y) = (6, 3); with η = 0.1 the step lands on (1.4, 2.7).
        var p = parameters()
        p.steps = 1
        let run = try SaddleEscape.descend(from: [2, 3], p)
        XCTAssertEqual(run.losses[0], 6.5, accuracy: 1e-5)
        XCTAssertEqual(run.path[1].x, 1.4, accuracy: 1e-6)
        XCTAssertEqual(run.path[1].y, 2.7, accuracy: 1e-6)
        // f(1.4, 2.7) = 0.9604 − 0.98 + 3.645.
        XCTAssertEqual(run.losses[1], 3.6254, accuracy: 1e-5)
    }

    func testTheMinimaAndTheSaddleAreFixedPoints() throws {
        var p = parameters()
        p.steps = 5
        for start in [[1.0, 0.0], [-1.0, 0.0], [0.0, 0.0]] {
            let run = try SaddleEscape.descend(from: start, p)
            XCTAssertEqual(run.path[5].x, start[0], accuracy: 1e-7, "\(start)")
            XCTAssertEqual(run.path[5].y, 0, accuracy: 1e-7, "\(start)")
        }
    }

    func testLinearizedEscapeStepsByHand() {
        // ln(0.5/1e-6)/ln(1.1) = 13.1224/0.0953102 = 137.68…, so the linear map passes 0.5 at step 138.
        XCTAssertEqual(SaddleEscape.linearEscapeSteps(offset: 1e-6, radius: 0.5, learningRate: 0.1), 138)
        // ln(500)/ln(1.1) = 65.20…: step 66.
        XCTAssertEqual(SaddleEscape.linearEscapeSteps(offset: 1e-3, radius: 0.5, learningRate: 0.1), 66)
        XCTAssertEqual(SaddleEscape.linearEscapeSteps(offset: 0.6, radius: 0.5, learningRate: 0.1), 0)
        XCTAssertNil(SaddleEscape.linearEscapeSteps(offset: 0, radius: 0.5, learningRate: 0.1))
    }

    func testPlainEscapeStepsMatchAFloat32Reference() throws {
        // NumPy, float32, x ← x − 0.1·(x³ − x) from x = δ until |x| > 0.5 (y plays no part: f is separable):
        //   def esc(d):
        //       x = np.float32(d)
        //       for t in range(401):
        //           if abs(x) > 0.5: return t
        //           x = np.float32(x - np.float32(0.1) * (x*x*x - x))
        // gives 67, 139 and 212 for δ = 1e-3, 1e-6, 1e-9; the linear estimates are 66, 138 and 211. PyTorch 2.13
        // (torch.optim.SGD(lr=0.1) on theta = torch.tensor([1e-9, 1.0]), the lesson's loop without noise) also
        // leaves after 212 steps.
        let result = try SaddleEscape.run(parameters(), context: ExperimentContext(seed: 1))
        XCTAssertEqual(metricNumber(result, "delta0.001.descent_steps"), 67)
        XCTAssertEqual(metricNumber(result, "delta1e_06.descent_steps"), 139)
        XCTAssertEqual(metricNumber(result, "delta1e_09.descent_steps"), 212)
        XCTAssertEqual(metricNumber(result, "delta1e_09.predicted_steps"), 211)
        XCTAssertEqual(result.metric(named: "delta1e_09.descent_escaped"), .flag(true))
    }

    func testOnTheStableManifoldDescentConvergesToTheSaddle() throws {
        let result = try SaddleEscape.run(parameters(offsets: [0]), context: ExperimentContext(seed: 1))
        XCTAssertEqual(result.metric(named: "delta0.descent_escaped"), .flag(false))
        XCTAssertNil(result.metric(named: "delta0.descent_steps"))
        XCTAssertNil(result.metric(named: "delta0.predicted_steps"))
        // y shrinks by 0.9 a step: 0.9⁴⁰⁰ ≈ 5e-19, and x stays exactly 0.
        XCTAssertLessThan(metricNumber(result, "delta0.descent_distance"), 1e-15)
        let run = try SaddleEscape.descend(from: [0, 1], parameters())
        XCTAssertTrue(run.path.allSatisfy { $0.x == 0 })
    }

    func testWithoutNoiseTheNoisyRunsAreThePlainRun() throws {
        let result = try SaddleEscape.run(parameters(offsets: [1e-6], noise: 0, repeats: 3), context: ExperimentContext(seed: 7))
        XCTAssertEqual(metricNumber(result, "delta1e_06.noisy_mean"), metricNumber(result, "delta1e_06.descent_steps"))
        XCTAssertEqual(metricNumber(result, "delta1e_06.noisy_sd"), 0)
    }

    func testNoiseLeavesTheSaddleAndIsSeeded() throws {
        let p = parameters(offsets: [0, 1e-9])
        let first = try SaddleEscape.run(p, context: ExperimentContext(seed: 3))
        let again = try SaddleEscape.run(p, context: ExperimentContext(seed: 3))
        let other = try SaddleEscape.run(p, context: ExperimentContext(seed: 4))
        XCTAssertEqual(first, again)
        XCTAssertNotEqual(metricNumber(first, "delta0.noisy_mean"), metricNumber(other, "delta0.noisy_mean"))
        XCTAssertEqual(metricNumber(first, "delta0.noisy_escaped"), 1)
        // Noise of σ acts like a start at about σ·√(η/(2 + η)) ≈ 0.0022: some 60 steps, far below plain descent's 212 from 1e-9.
        XCTAssertLessThan(metricNumber(first, "delta1e_09.noisy_mean") + 4 * metricNumber(first, "delta1e_09.noisy_se"),
                          metricNumber(first, "delta1e_09.descent_steps"))
        let error = metricNumber(first, "delta0.noisy_sd") / 20.0.squareRoot()
        XCTAssertEqual(metricNumber(first, "delta0.noisy_se"), error, accuracy: 1e-12)
    }

    func testRepeatSeedsComeFromTheCellSeedAndMoreRepeatsKeepTheFirst() {
        let five = SaddleEscape.seeds(42, repeats: 5), ten = SaddleEscape.seeds(42, repeats: 10)
        XCTAssertEqual(Array(ten.repeats.prefix(5)), five.repeats)
        XCTAssertEqual(five.starts, ten.starts)
        XCTAssertEqual(Set(ten.repeats + [ten.starts]).count, 11)
        XCTAssertNotEqual(SaddleEscape.seeds(43, repeats: 5).repeats, five.repeats)
    }

    func testSpreadByHand() throws {
        // 1, 2, 3, 4: mean 2.5, sample variance (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3, median 2.5.
        let spread = try XCTUnwrap(SaddleEscape.Spread([4, 1, 3, 2]))
        XCTAssertEqual(spread.mean, 2.5)
        XCTAssertEqual(spread.deviation, (5.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(spread.error, (5.0 / 3).squareRoot() / 2, accuracy: 1e-12)
        XCTAssertEqual(spread.median, 2.5)
        XCTAssertEqual(SaddleEscape.Spread([5, 1, 3])?.median, 3)
        XCTAssertNil(SaddleEscape.Spread([]))
    }

    func testRandomStartsReachAMinimum() throws {
        let result = try SaddleEscape.run(parameters(offsets: [0], repeats: 1, randomStarts: 100), context: ExperimentContext(seed: 5))
        XCTAssertEqual(metricNumber(result, "random.at_minimum"), 1)
        XCTAssertEqual(metricNumber(result, "random.at_saddle"), 0)
        XCTAssertLessThan(metricNumber(result, "random.slowest_steps"), 400)
        XCTAssertLessThanOrEqual(metricNumber(result, "random.closest_offset"), 1.5)
    }

    func testFiguresAreDrawnWhenAsked() throws {
        var p = parameters(offsets: [0, 1e-6], repeats: 2)
        p.surface = true
        p.lossChart = true
        let result = try SaddleEscape.run(p, context: ExperimentContext(seed: 1))
        let surfaces = result.items.compactMap { item -> Surface? in
            if case .figure(.surface(let surface)) = item { return surface }
            return nil
        }
        XCTAssertEqual(surfaces.count, 1)
        XCTAssertEqual(surfaces.first?.paths.count, 3, "each offset's plain path and one noisy path")
        XCTAssertEqual(surfaces.first?.function(1, 0) ?? .nan, -0.25, accuracy: 1e-12)
    }

    func testTwoEqualOffsetsConflict() {
        var p = SaddleEscape.Parameters()
        p.offsets = [0.001, 1e-3]
        XCTAssertEqual(p.conflict, "two runs would both be delta0.001; list each offset once")
        XCTAssertNil(SaddleEscape.Parameters().conflict)
    }

    func testCatalogHasTheExperimentAndItsParameters() {
        let entry = experimentCatalog.entries.first { $0.name == "saddle-escape" }
        XCTAssertEqual(entry?.parameters.map(\.key), [
            "learning_rate", "offsets", "start_y", "radius", "steps", "noise", "repeats", "random_starts", "box",
            "surface", "loss_chart",
        ])
    }
}
