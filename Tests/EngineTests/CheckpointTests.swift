import Foundation
import XCTest
@testable import Engine

/// safetensors files: a fixture written by Python's `safetensors` reads, our writer gives the same bytes,
/// models round-trip through files, and broken files and mismatched models are errors with messages.
final class CheckpointTests: XCTestCase {
    /// Written by Benchmarks/engine/reference/safetensors_fixture.py with Python's `safetensors` 0.8.0:
    /// layer.weight = (arange(6).reshape(2, 3) − 2.5) / 4, layer.bias = [0.5, −1.25], scale = 3 (rank 0),
    /// metadata {"source": "python"}.
    static let pythonFixtureHex = "e0000000000000007b225f5f6d657461646174615f5f223a7b22736f75726365223a22707974686f6e227d2c226c617965722e62696173223a7b226474797065223a22463332222c227368617065223a5b325d2c22646174615f6f666673657473223a5b302c385d7d2c226c617965722e776569676874223a7b226474797065223a22463332222c227368617065223a5b322c335d2c22646174615f6f666673657473223a5b382c33325d7d2c227363616c65223a7b226474797065223a22463332222c227368617065223a5b5d2c22646174615f6f666673657473223a5b33322c33365d7d7d200000003f0000a0bf000020bf0000c0be000000be0000003e0000c03e0000203f00004040"

    /// The script's second fixture: bn.num_batches_tracked = 7 (I64, rank 0), d = [0.5, −2] (F64), i = [−3] (I32).
    static let pythonMixedTypesHex = "b8000000000000007b22626e2e6e756d5f626174636865735f747261636b6564223a7b226474797065223a22493634222c227368617065223a5b5d2c22646174615f6f666673657473223a5b302c385d7d2c2264223a7b226474797065223a22463634222c227368617065223a5b325d2c22646174615f6f666673657473223a5b382c32345d7d2c2269223a7b226474797065223a22493332222c227368617065223a5b315d2c22646174615f6f666673657473223a5b32342c32385d7d7d200700000000000000000000000000e03f00000000000000c0fdffffff"

    static var pythonFixture: Data { bytes(fromHex: pythonFixtureHex) }

    static func bytes(fromHex text: String) -> Data {
        let hex = Array(text.utf8)
        return Data(stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<($0 + 2)], as: UTF8.self), radix: 16)! })
    }

    func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("learn-checkpoint-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
    }

    func testReadsAFileWrittenByPython() throws {
        let (tensors, metadata) = try SafeTensors.decode(Self.pythonFixture)
        XCTAssertEqual(metadata, ["source": "python"])
        XCTAssertEqual(tensors["layer.weight"], Tensor([-0.625, -0.375, -0.125, 0.125, 0.375, 0.625], shape: [2, 3]))
        XCTAssertEqual(tensors["layer.bias"], Tensor([0.5, -1.25]))
        XCTAssertEqual(tensors["scale"], Tensor(3))
        XCTAssertEqual(tensors.count, 3)
    }

    func testReadsIntegerAndDoubleTensorsAsFloat() throws {
        let tensors = try SafeTensors.decode(Self.bytes(fromHex: Self.pythonMixedTypesHex)).tensors
        XCTAssertEqual(tensors["bn.num_batches_tracked"], Tensor(7))
        XCTAssertEqual(tensors["d"], Tensor([0.5, -2]))
        XCTAssertEqual(tensors["i"], Tensor([-3]))
    }

    func testWritesTheSameBytesAsPython() throws {
        let tensors = try SafeTensors.decode(Self.pythonFixture).tensors
        XCTAssertEqual(try SafeTensors.encode(tensors, metadata: ["source": "python"]), Self.pythonFixture)
    }

    func testModelSavedAndLoadedPredictsIdentically() throws {
        var rng = SeededGenerator(seed: 3)
        var model = try Sequential(Linear(4, 8, using: &rng), BatchNorm1d(8), ReLU(), Linear(8, 3, using: &rng))
        let x = Tensor.randn([5, 4], using: &rng)
        _ = model(x)   // one training-mode call, so the running statistics are not their defaults
        let file = temporaryFile("roundtrip.safetensors")
        defer { try? FileManager.default.removeItem(at: file) }
        try model.save(to: file, metadata: ["epoch": "1"])

        var rebuilt = SeededGenerator(seed: 99)
        var other = try Sequential(Linear(4, 8, using: &rebuilt), BatchNorm1d(8), ReLU(), Linear(8, 3, using: &rebuilt))
        XCTAssertNotEqual(other.evaluated(x), model.evaluated(x))
        try other.load(from: file)
        XCTAssertEqual(other.evaluated(x), model.evaluated(x))
        XCTAssertEqual(other.stateDict.keys.sorted(), ["0.bias", "0.weight", "1.bias", "1.running_mean", "1.running_var", "1.weight", "3.bias", "3.weight"])
        XCTAssertTrue(other.parameters.allSatisfy(\.requiresGrad), "loaded parameters stay parameters")
        XCTAssertEqual(try SafeTensors.load(from: file).metadata, ["epoch": "1"])
    }

    func testMismatchedModelsAreErrorsWithMessages() throws {
        var rng = SeededGenerator(seed: 1)
        var model = Sequential(Linear(2, 3, using: &rng))
        let saved = model.stateDict
        var wider = Sequential(Linear(2, 4, using: &rng))
        XCTAssertThrowsError(try wider.loadStateDict(saved)) { error in
            XCTAssertEqual("\(error)", "'0.bias' is [3] in the checkpoint but [4] in the model: build the model with the checkpoint's sizes, load, then replace the layer")
        }
        var deeper = Sequential(Linear(2, 3, using: &rng), ReLU(), Linear(3, 1, using: &rng))
        XCTAssertThrowsError(try deeper.loadStateDict(saved)) { error in
            XCTAssertEqual(error as? CheckpointError, .missing(names: ["2.bias", "2.weight"]))
        }
        let report = try deeper.loadStateDict(saved, strict: false)
        XCTAssertEqual(report, LoadReport(missing: ["2.bias", "2.weight"], unexpected: []))
        XCTAssertEqual(deeper.stateDict["0.weight"], saved["0.weight"])
        XCTAssertThrowsError(try model.loadStateDict(saved.merging(["extra": Tensor([1])]) { a, _ in a })) { error in
            XCTAssertEqual(error as? CheckpointError, .unexpected(names: ["extra"]))
        }
    }

    func testBrokenFilesAreErrorsNotCrashes() {
        let fixture = Self.pythonFixture
        XCTAssertThrowsError(try SafeTensors.decode(Data([1, 2, 3])))
        XCTAssertThrowsError(try SafeTensors.decode(fixture.prefix(100))) { error in
            XCTAssertTrue("\(error)".contains("runs past the end of the file"), "\(error)")
        }
        XCTAssertThrowsError(try SafeTensors.decode(fixture.dropLast(4))) { error in
            XCTAssertTrue("\(error)".contains("does not fit its data offsets"), "\(error)")
        }
        var notJSON = fixture
        notJSON[8] = UInt8(ascii: "x")
        XCTAssertThrowsError(try SafeTensors.decode(notJSON)) { XCTAssertEqual("\($0)", "not a safetensors file: the header is not a JSON object") }
        var model = Sequential(Linear(weight: Tensor([[1]]), bias: nil))
        XCTAssertThrowsError(try model.load(from: temporaryFile("does-not-exist.safetensors"))) { error in
            XCTAssertTrue("\(error)".contains("does-not-exist.safetensors"), "\(error)")
        }
        let empty = temporaryFile("empty.safetensors")
        FileManager.default.createFile(atPath: empty.path, contents: Data())
        defer { try? FileManager.default.removeItem(at: empty) }
        XCTAssertThrowsError(try SafeTensors.load(from: empty)) { error in
            XCTAssertTrue("\(error)".contains("empty.safetensors"), "\(error)")
        }
    }

    func testFineTuningWithANewHead() throws {
        var rng = SeededGenerator(seed: 5)
        let data = SyntheticData.blobs(centers: [[-2, 0], [2, 0], [0, 2], [0, -2]], pointsPerClass: 20, std: 0.5, seed: 1)
        var pretrained = Sequential(Linear(2, 16, using: &rng), ReLU(), Linear(16, 4, using: &rng))
        var adam = try Adam(learningRate: 0.05)
        _ = try train(&pretrained, optimizer: &adam, data: data, options: TrainingOptions(epochs: 20, batchSize: 16))
        let file = temporaryFile("pretrained.safetensors")
        defer { try? FileManager.default.removeItem(at: file) }
        try pretrained.save(to: file)

        // A two-class task (left/right versus up/down) on the same inputs: load the backbone, replace the head,
        // freeze the backbone and train the head alone.
        var model = Sequential(Linear(2, 16, using: &rng), ReLU(), Linear(16, 4, using: &rng))
        try model.load(from: file)
        model.replaceLayer(at: 2, with: Linear(16, 2, using: &rng))
        model.layers[0].setRequiresGrad(false)
        XCTAssertEqual(model.namedParameters.filter(\.tensor.requiresGrad).map(\.name), ["2.weight", "2.bias"])
        let backbone = model.stateDict["0.weight"]
        let task = TensorDataset(inputs: data.inputs, labels: data.labels.map { $0 < 2 ? 0 : 1 })
        var head = try Adam(learningRate: 0.05)
        let history = try train(&model, optimizer: &head, data: task, options: TrainingOptions(epochs: 20, batchSize: 16))
        XCTAssertEqual(model.stateDict["0.weight"], backbone, "a frozen backbone does not move")
        XCTAssertGreaterThanOrEqual(evaluate(model, on: task).accuracy!, 0.95, "history: \(history.epochs.map(\.trainLoss))")
    }
}
