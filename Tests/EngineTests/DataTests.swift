import Foundation
import XCTest
@testable import Engine

/// Datasets, the loader and augmentations.
final class DataTests: XCTestCase {
    let ten = TensorDataset(inputs: Tensor((0..<10).map(Float.init), shape: [10, 1]), labels: Array(0..<10))

    func testLoaderBatchesInOrderWithAndWithoutDropLast() throws {
        let loader = try DataLoader(ten, batchSize: 4)
        XCTAssertEqual(loader.indexBatches(epoch: 0), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        XCTAssertEqual(loader.batches(epoch: 0)[2].inputs, Tensor([[8], [9]]))
        XCTAssertEqual(loader.batches(epoch: 0)[2].labels, [8, 9])
        let dropping = try DataLoader(ten, batchSize: 4, dropLast: true)
        XCTAssertEqual(dropping.batchCount, 2)
        XCTAssertEqual(dropping.indexBatches(epoch: 0).flatMap { $0 }, Array(0..<8))
        XCTAssertThrowsError(try DataLoader(ten, batchSize: -1))
    }

    func testShufflingIsSeededAndNewEachEpoch() throws {
        let loader = try DataLoader(ten, batchSize: 3, shuffle: true, seed: 42)
        let first = loader.indexBatches(epoch: 0).flatMap { $0 }
        XCTAssertEqual(first.sorted(), Array(0..<10), "each epoch visits every example once")
        XCTAssertNotEqual(first, Array(0..<10))
        XCTAssertEqual(try DataLoader(ten, batchSize: 3, shuffle: true, seed: 42).indexBatches(epoch: 0).flatMap { $0 }, first)
        XCTAssertNotEqual(loader.indexBatches(epoch: 1).flatMap { $0 }, first)
        XCTAssertNotEqual(try DataLoader(ten, batchSize: 3, shuffle: true, seed: 43).indexBatches(epoch: 0).flatMap { $0 }, first)
    }

    func testRandomSplitIsADisjointSeededPartition() {
        let parts = ten.randomSplit([6, 3, 1], seed: 1)
        XCTAssertEqual(parts.map(\.count), [6, 3, 1])
        XCTAssertEqual(parts.flatMap(\.labels).sorted(), Array(0..<10))
        XCTAssertEqual(parts[0].labels, ten.randomSplit([6, 3, 1], seed: 1)[0].labels)
        XCTAssertEqual(parts[0].inputs.scalars.map { Int($0) }, parts[0].labels, "inputs stay with their labels")
    }

    func testSyntheticDatasets() {
        let spirals = SyntheticData.spirals(classes: 3, pointsPerClass: 50, seed: 0)
        XCTAssertEqual(spirals.inputs.shape, [150, 2])
        XCTAssertEqual(spirals.classCount, 3)
        XCTAssertEqual((0..<3).map { c in spirals.labels.filter { $0 == c }.count }, [50, 50, 50])
        XCTAssertLessThanOrEqual(spirals.inputs.abs().max().item, 1.0001, "radius at most 1")
        XCTAssertEqual(spirals.inputs, SyntheticData.spirals(classes: 3, pointsPerClass: 50, seed: 0).inputs)
        XCTAssertNotEqual(spirals.inputs, SyntheticData.spirals(classes: 3, pointsPerClass: 50, seed: 1).inputs)

        let moons = SyntheticData.twoMoons(pointsPerClass: 50, noise: 0, seed: 0)
        XCTAssertEqual(moons.inputs[0, 0], 1, accuracy: 1e-6)    // the upper moon starts at (1, 0)
        XCTAssertEqual(moons.inputs[50, 0], 0, accuracy: 1e-6)   // the lower one at (0, 0.5)
        XCTAssertEqual(moons.inputs[50, 1], 0.5, accuracy: 1e-6)

        let blobs = SyntheticData.blobs(centers: [[5, 5], [-5, -5]], pointsPerClass: 200, std: 0.5, seed: 0)
        XCTAssertEqual(blobs.inputs.slice(0..<200).mean(axis: 0).scalars[0], 5, accuracy: 0.1)

        let xor = SyntheticData.xor(count: 100, seed: 0)
        for i in 0..<100 { XCTAssertEqual(xor.labels[i], (xor.inputs[i, 0] > 0) != (xor.inputs[i, 1] > 0) ? 1 : 0) }

        let (wide, weights) = SyntheticData.wideRegression(count: 20, features: 200, informative: 5, noise: 0, seed: 0)
        XCTAssertEqual(wide.inputs.shape, [20, 200])
        XCTAssertEqual(weights.scalars.filter { $0 != 0 }.count, 5)
        guard case .values(let y) = wide.targets else { return XCTFail("regression targets") }
        assertClose(y, noGrad { wide.inputs.matmul(weights.reshape([200, 1])) }.scalars, accuracy: 1e-5)
        let (line, _) = SyntheticData.linearRegression(count: 30, features: 3, seed: 0)
        XCTAssertNil(line.classCount)
    }

    func testDigitsLoadAndSplit() throws {
        let all = try Digits.load()
        XCTAssertEqual(all.inputs.shape, [1797, 1, 8, 8])
        XCTAssertEqual(all.labels.prefix(5), [0, 1, 2, 3, 4])
        XCTAssertEqual((0..<10).map { d in all.labels.filter { $0 == d }.count }, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        XCTAssertEqual(all.inputs.scalars.min(), 0)
        XCTAssertEqual(all.inputs.max().item, 1)
        // The first image's first row is "005d9100": 0, 0, 5, 13, 9, 1, 0, 0 out of 16.
        XCTAssertEqual(all.inputs.slice(0..<1).reshape([64]).slice(0..<8).scalars, [0, 0, 5, 13, 9, 1, 0, 0].map { Float($0) / 16 })
        let (train, validation, test) = try Digits.splits(seed: 0)
        XCTAssertEqual([train.count, validation.count, test.count], [1257, 180, 360])
        XCTAssertEqual(try Digits.splits(seed: 0).test.labels, test.labels)
    }

    func testDigitsFileErrorsAreClear() throws {
        let folder = FileManager.default.temporaryDirectory
        XCTAssertThrowsError(try Digits.load(from: folder.appendingPathComponent("no-such-digits.txt"))) { error in
            XCTAssertTrue("\(error)".contains("no-such-digits.txt: cannot read the dataset file"), "\(error)")
        }
        let bad = folder.appendingPathComponent("bad-digits-\(ProcessInfo.processInfo.processIdentifier).txt")
        defer { try? FileManager.default.removeItem(at: bad) }
        try "3 \(String(repeating: "0", count: 64))\n7 00z\n".write(to: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Digits.load(from: bad)) { error in
            XCTAssertEqual("\(error)", "\(bad.path):2: expected 64 pixels, found 3")
        }
        XCTAssertThrowsError(try Digits.shippedFile(searching: [folder])) { error in
            let expected = folder.appendingPathComponent("learn_Engine.resources/Resources/digits.txt").path
            XCTAssertTrue("\(error)".hasPrefix("dataset file digits.txt not found (looked in "), "\(error)")
            XCTAssertTrue("\(error)".contains(expected), "\(error)")
        }
    }

    func testRandomErasingClearsOneRectangleOfTheAskedArea() throws {
        var rng = SeededGenerator(seed: 3)
        let ones = Tensor(shape: [200, 2, 28, 28], repeating: 1)
        let erased = try Augmentation.randomErasing(probability: 1, scale: 0.1...0.2, ratio: 0.5...2)(ones, using: &rng)
        for image in 0..<200 {
            let values = erased.slice(image..<(image + 1)).scalars
            let (first, second) = (Array(values[0..<784]), Array(values[784...]))
            XCTAssertEqual(first, second, "every channel loses the same rectangle")
            let zeros = first.indices.filter { first[$0] == 0 }
            // Area 10 % to 20 % of 784 pixels, give or take the rounding of each side.
            XCTAssertGreaterThanOrEqual(zeros.count, 60)
            XCTAssertLessThanOrEqual(zeros.count, 175)
            // The zeros form one rectangle: as many as its bounding box holds.
            let rows = zeros.map { $0 / 28 }, columns = zeros.map { $0 % 28 }
            XCTAssertEqual((rows.max()! - rows.min()! + 1) * (columns.max()! - columns.min()! + 1), zeros.count)
        }
        XCTAssertEqual(try Augmentation.randomErasing(probability: 0)(ones, using: &rng), ones)
        var again = SeededGenerator(seed: 3)
        XCTAssertEqual(try Augmentation.randomErasing(probability: 1, scale: 0.1...0.2, ratio: 0.5...2)(ones, using: &again), erased,
                       "the same seed erases the same rectangles")
        XCTAssertThrowsError(try Augmentation.randomErasing(scale: 0...0.5))
    }

    func testAugmentations() throws {
        var rng = SeededGenerator(seed: 0)
        let image = Tensor((1...9).map(Float.init), shape: [1, 1, 3, 3])
        XCTAssertEqual(try Augmentation.randomShift(maxShift: 0)(image, using: &rng), image)
        let flipped = try Augmentation.horizontalFlip(probability: 1)(image, using: &rng)
        XCTAssertEqual(flipped.scalars, [3, 2, 1, 6, 5, 4, 9, 8, 7])
        XCTAssertEqual(try Augmentation.horizontalFlip(probability: 0)(image, using: &rng), image)

        // A shift of one pixel keeps 4 of the 9 pixels' positions in one of 9 ways; whatever it is, every
        // kept value stays and the rest are zeros.
        let batch = Tensor.concatenate(Array(repeating: image, count: 50))
        let shifted = try Augmentation.randomShift(maxShift: 1)(batch, using: &rng)
        XCTAssertEqual(shifted.shape, [50, 1, 3, 3])
        let distinct = Set((0..<50).map { shifted.slice($0..<($0 + 1)).scalars })
        XCTAssertEqual(distinct.count, 9, "all nine shifts of at most one pixel occur")
        for pattern in distinct { XCTAssertTrue(pattern.allSatisfy { $0 == 0 || (1...9).contains($0) }) }

        let crop = try Augmentation.randomCrop(size: 2, padding: 0)(image, using: &rng)
        XCTAssertEqual(crop.shape, [1, 1, 2, 2])
        let noisy = try Augmentation.gaussianNoise(std: 0.1)(Tensor.zeros([1, 1, 100, 100]), using: &rng)
        XCTAssertEqual(noisy.variance(axes: [0, 1, 2, 3]).item.squareRoot(), 0.1, accuracy: 0.005)
        let both = Augmentation.sequence([try .horizontalFlip(probability: 1), try .horizontalFlip(probability: 1)])
        XCTAssertEqual(both(image, using: &rng), image)
        XCTAssertThrowsError(try Augmentation.horizontalFlip(probability: 2)) {
            XCTAssertEqual("\($0)", "horizontalFlip: probability 2.0 must be in [0, 1]")
        }
        XCTAssertThrowsError(try Augmentation.randomCrop(size: 0))
    }

    func testLoaderAugmentsWithoutChangingTheOrder() throws {
        let images = TensorDataset(inputs: Tensor((0..<40).map(Float.init), shape: [10, 1, 2, 2]), labels: Array(0..<10))
        let plain = try DataLoader(images, batchSize: 5, shuffle: true, seed: 3)
        let augmented = try DataLoader(images, batchSize: 5, shuffle: true, seed: 3, augmentation: try .horizontalFlip(probability: 1))
        XCTAssertEqual(plain.batches(epoch: 2).map(\.labels), augmented.batches(epoch: 2).map(\.labels))
        var unused = SeededGenerator(seed: 0)   // a flip with probability 1 flips whatever it draws
        let flippedFirst = try Augmentation.horizontalFlip(probability: 1)(plain.batches(epoch: 2)[0].inputs, using: &unused)
        XCTAssertEqual(augmented.batches(epoch: 2)[0].inputs, flippedFirst)
    }
}
