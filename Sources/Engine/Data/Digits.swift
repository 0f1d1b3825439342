import Foundation

/// The 8×8 handwritten digits (UCI "Optical Recognition of Handwritten Digits", E. Alpaydin and C. Kaynak,
/// 1998, CC BY 4.0; scikit-learn's copy): 1,797 images of 0–9, shipped with the engine as
/// `Resources/digits.txt` (see `Resources/README.md` for the source and the conversion).
///
/// Each image is [1, 8, 8] with pixel values 0…16 scaled to [0, 1].
public enum Digits {
    /// The number of images.
    public static let count = 1797
    /// The sizes of the fixed train / validation / test split (70 % / 10 % / 20 %).
    public static let splitSizes = [1257, 180, 360]

    /// All images ([1797, 1, 8, 8]) and labels, from the copy shipped with the engine.
    public static func load() throws -> TensorDataset {
        try load(from: shippedFile())
    }

    /// All images and labels from a file in the shipped format: one image per line, the label, a space, then
    /// 64 pixels row by row as base-17 digits `0123456789abcdefg` (0…16).
    public static func load(from url: URL) throws -> TensorDataset {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DatasetError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        var pixels: [Float] = [], labels: [Int] = []
        pixels.reserveCapacity(count * 64)
        let alphabet = Array("0123456789abcdefg")
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            func fail(_ reason: String) -> DatasetError { .malformed(path: url.path, line: number + 1, reason: reason) }
            let fields = line.split(separator: " ")
            guard fields.count == 2, let label = Int(fields[0]), (0...9).contains(label) else {
                throw fail("expected a label 0–9, a space and 64 pixels")
            }
            guard fields[1].count == 64 else { throw fail("expected 64 pixels, found \(fields[1].count)") }
            for character in fields[1] {
                guard let value = alphabet.firstIndex(of: character) else { throw fail("pixel '\(character)' is not one of 0–9, a–g") }
                pixels.append(Float(value) / 16)
            }
            labels.append(label)
        }
        guard !labels.isEmpty else { throw DatasetError.malformed(path: url.path, line: 1, reason: "the file holds no images") }
        return TensorDataset(inputs: Tensor(pixels, shape: [labels.count, 1, 8, 8]), labels: labels, classCount: 10)
    }

    /// The shipped images split at random, with `seed`, into train, validation and test sets of
    /// `splitSizes` (1,257 / 180 / 360).
    public static func splits(seed: UInt64 = 0) throws -> (train: TensorDataset, validation: TensorDataset, test: TensorDataset) {
        let all = try load()
        guard all.count == splitSizes.reduce(0, +) else {
            throw DatasetError.malformed(path: try shippedFile().path, line: all.count, reason: "expected \(count) images, found \(all.count)")
        }
        let parts = all.randomSplit(splitSizes, seed: seed)
        return (parts[0], parts[1], parts[2])
    }

    /// Where the shipped file is. SwiftPM copies it into a resource bundle beside the executable; this looks
    /// there itself instead of using `Bundle.module`, which stops the program when the bundle is missing.
    static func shippedFile(searching folders: [URL]? = nil) throws -> URL {
        let bundleNames = ["learn_Engine.resources", "learn_Engine.bundle", "learn_Engine.bundle/Contents/Resources"]
        var tried: [String] = []
        for folder in folders ?? defaultFolders() {
            for bundle in bundleNames {
                let file = folder.appendingPathComponent(bundle).appendingPathComponent("Resources/digits.txt")
                if FileManager.default.fileExists(atPath: file.path) { return file }
                tried.append(file.path)
            }
        }
        throw DatasetError.missing(name: "digits.txt", searched: Array(Set(tried)).sorted())
    }

    /// Beside the program, and beside every loaded bundle (an XCTest bundle, when tests run).
    private static func defaultFolders() -> [URL] {
        var folders = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        return folders + Bundle.allBundles.map(\.bundleURL) + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
    }
}

/// A dataset file that is missing or cannot be read.
public enum DatasetError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The shipped file was not found in any of the searched places.
    case missing(name: String, searched: [String])
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// A line of the file is not in the expected format.
    case malformed(path: String, line: Int, reason: String)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .missing(let name, let searched):
            return "dataset file \(name) not found (looked in \(searched.joined(separator: ", "))); "
                + "reinstall learn with its resource bundle, or rebuild with `swift build`"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the dataset file: \(reason)"
        case .malformed(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        }
    }

    /// The description, for `localizedDescription`.
    public var errorDescription: String? { description }
}
