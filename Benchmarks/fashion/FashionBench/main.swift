// FashionBench: the capstone's CNN trained on Fashion-MNIST exactly as a lesson's `train` cell trains it
// (`TrainClassifier.run`, the code behind `learn run`), with a timestamp at each epoch's end.
//
// Usage: FashionBench [EPOCHS] [SEED]   (defaults 2 and 0)
//
// Prints one JSON line: the kernel, the seconds of each epoch (the first one includes loading and
// standardizing the 60,000 pictures, which happen inside the experiment; epochs 2… are training plus the
// per-epoch validation pass and nothing else), the whole run's seconds, and the test accuracy.
// Benchmarks/fashion/run.py runs it side by side with peer.py.
import Dispatch
import Engine
import Experiments
import Foundation
import Lessons

/// The probe lesson's cell: Conv 1→16 → Conv 16→32 → Linear 1568→128 → 10, all with batch norm,
/// Nesterov SGD at 0.1 with warmup-cosine, batch 64, weight decay 5e-4, Kaiming normal, flips.
func capstoneParameters(epochs: Int) -> TrainClassifier.Parameters {
    var p = TrainClassifier.Parameters()
    p.dataset = .fashion
    p.model = .cnn
    p.channels = [16, 32]
    p.cnnHidden = [128]
    p.batchNorm = [.on]
    p.dropouts = [0]
    p.optimizers = [.nesterov]
    p.momentum = 0.9
    p.learningRates = [0.1]
    p.batchSizes = [64]
    p.weightDecays = [0.0005]
    p.inits = [.kaiming]
    p.schedules = [.warmupCosine]
    p.warmupFraction = 0.1
    p.augmentations = [.flip]
    p.epochs = epochs
    // The test set is measured once, after the last epoch (train measures it only when asked).
    p.testSet = true
    return p
}

/// Monotonic seconds since an arbitrary start.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// The times at which each epoch ended, written from the experiment's progress reports.
final class EpochClock: @unchecked Sendable {
    private let lock = NSLock()
    private var ends: [Double] = []
    private var lastStatus = ""

    func record(_ status: String) {
        lock.lock()
        defer { lock.unlock() }
        // One report per epoch ("epoch 3/8, loss 0.31"); ignore any repeat of the same status.
        guard status != lastStatus else { return }
        lastStatus = status
        ends.append(now())
    }

    var epochEnds: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return ends
    }
}

let arguments = CommandLine.arguments.dropFirst()
let epochs = arguments.first.flatMap(Int.init) ?? 2
let seed = arguments.dropFirst().first.flatMap(UInt64.init) ?? 0
let parameters = capstoneParameters(epochs: epochs)
let clock = EpochClock()
let context = ExperimentContext(seed: seed) { _, status in clock.record(MessageCatalog.english.text(status)) }

let start = now()
let result = try TrainClassifier.run(parameters, context: context)
let end = now()

let runName = TrainClassifier.runNames(parameters)[0]
func number(_ metric: String) -> Double {
    if case .number(let value)? = result.metric(named: "\(runName).\(metric)") { return value }
    return .nan
}
let ends = clock.epochEnds
let epochSeconds = zip([start] + ends, ends).map { $1 - $0 }
let fields: [String] = [
    "\"side\": \"engine\"",
    "\"kernel\": \"\(Engine.kernelName)\"",
    "\"seed\": \(seed)",
    "\"epochs\": \(epochs)",
    "\"epoch_seconds\": [\(epochSeconds.map { String(format: "%.3f", $0) }.joined(separator: ", "))]",
    "\"after_last_epoch_seconds\": \(String(format: "%.3f", end - (ends.last ?? start)))",
    "\"total_seconds\": \(String(format: "%.3f", end - start))",
    "\"val_accuracy\": \(number("val_accuracy"))",
    "\"test_accuracy\": \(number("test_accuracy"))",
]
print("{" + fields.joined(separator: ", ") + "}")
