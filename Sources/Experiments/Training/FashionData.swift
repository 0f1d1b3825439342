import Engine
import FileFormats
import Lessons

/// Fashion-MNIST as the engine's datasets: pictures [n, 1, 28, 28] scaled to [0, 1] and standardized with
/// the training set's mean and standard deviation (as `transforms.Normalize` does with those two numbers),
/// a seeded validation split taken from the 60,000 training pictures, and the 10,000 test pictures kept
/// apart for one honest evaluation.
enum FashionData {
    /// The splits of one load.
    struct Splits {
        var train: TensorDataset
        var validation: TensorDataset
        var test: TensorDataset
    }

    /// The mean and standard deviation of the training pictures' pixels, scaled to [0, 1]: computed from
    /// the files (0.2860 and 0.3530 for the published dataset), so that a changed file changes them too.
    static func statistics(_ data: FashionMNIST.Data) -> (mean: Float, std: Float) {
        // A count of each byte value, then the moments from the 256 counts: one cheap pass over 47 M pixels.
        var counts = [Int](repeating: 0, count: 256)
        data.train.pixels.withUnsafeBufferPointer { pixels in
            counts.withUnsafeMutableBufferPointer { counts in
                for pixel in pixels { counts[Int(pixel)] += 1 }
            }
        }
        var sum = 0.0, sumSquares = 0.0
        for (byte, count) in counts.enumerated() {
            let value = Double(byte) / 255
            sum += Double(count) * value
            sumSquares += Double(count) * value * value
        }
        let n = Double(max(data.train.pixels.count, 1))
        let mean = sum / n
        return (Float(mean), Float(max(sumSquares / n - mean * mean, 1e-12).squareRoot()))
    }

    /// `trainExamples` training and `validationExamples` validation pictures drawn with `seed` from the
    /// 60,000 (apart from each other), only of `classes` (relabelled 0, 1, … in that order), and the test
    /// pictures of those classes. `perClass`, when given, takes that many training pictures of each class
    /// instead of `trainExamples`. Without `standardize` the pixels stay in [0, 1]; without `test` the test
    /// split is left empty (no work spent on pictures nobody will look at).
    static func splits(
        trainExamples: Int, validationExamples: Int, classes: [Int] = Array(0..<10), perClass: Int? = nil,
        standardize: Bool = true, test withTest: Bool = true, seed: UInt64
    ) throws -> Splits {
        let data: FashionMNIST.Data
        do {
            data = try FashionMNIST.load()
        } catch let missing as FashionMNIST.Missing {
            throw Diagnostic(missing.description, hint: missing.hint)
        }
        let (mean, std) = statistics(data)
        let relabel = Dictionary(uniqueKeysWithValues: classes.enumerated().map { (Int($0.element), $0.offset) })
        var generator = SeededGenerator(seed: seed)
        let order = permutation(data.train.count, using: &generator).filter { relabel[Int(data.train.labels[$0])] != nil }
        let validation = Array(order.prefix(validationExamples))
        let rest = order.dropFirst(validationExamples)
        let train: [Int]
        if let perClass {
            var taken = [Int: Int]()
            train = rest.filter { index in
                let label = Int(data.train.labels[index])
                guard taken[label, default: 0] < perClass else { return false }
                taken[label, default: 0] += 1
                return true
            }
        } else {
            train = Array(rest.prefix(trainExamples))
        }
        let test = withTest ? (0..<data.test.count).filter { relabel[Int(data.test.labels[$0])] != nil } : []
        // Each byte value's standardized pixel, looked up rather than computed 47 million times.
        let table = (0..<256).map { standardize ? (Float($0) / 255 - mean) / std : Float($0) / 255 }
        func dataset(_ split: FashionMNIST.Split, _ indices: [Int]) -> TensorDataset {
            let side = FashionMNIST.side, size = side * side
            var pixels = [Float](repeating: 0, count: indices.count * size)
            split.pixels.withUnsafeBufferPointer { source in
                pixels.withUnsafeMutableBufferPointer { target in
                    for (row, index) in indices.enumerated() {
                        for offset in 0..<size {
                            target[row * size + offset] = table[Int(source[index * size + offset])]
                        }
                    }
                }
            }
            return TensorDataset(inputs: Tensor(pixels, shape: [indices.count, 1, side, side]),
                                 labels: indices.map { relabel[Int(split.labels[$0])]! }, classCount: classes.count)
        }
        return Splits(train: dataset(data.train, train), validation: dataset(data.train, validation), test: dataset(data.test, test))
    }

    /// The class names of `classes`, in order.
    static func names(_ classes: [Int]) -> [String] {
        classes.map { FashionMNIST.classNames[$0] }
    }

    /// What identifies the files read, for the cache key.
    static var inputIdentities: [String] {
        FashionMNIST.identities(folder: FashionMNIST.folder().path)
    }
}
