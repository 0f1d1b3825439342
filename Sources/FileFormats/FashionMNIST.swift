import Foundation

/// Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 70,000 grayscale 28×28 pictures of clothing in
/// 10 classes, 60,000 for training and 10,000 for testing, in four IDX files.
///
/// The files are found in the folder given with `--data DIR`, else in `$LEARN_DATA`, else where Debian's
/// `dataset-fashion-mnist` package installs them. They are read once per process and shared.
public enum FashionMNIST {
    /// The classes, by label.
    public static let classNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]
    /// A picture's side, in pixels.
    public static let side = 28
    /// Examples in the training and the test files.
    public static let trainCount = 60_000, testCount = 10_000

    /// Where Debian's package puts the files.
    public static let packageFolder = "/usr/share/datasets/fashion-mnist"
    /// The Debian package that installs them.
    public static let packageName = "dataset-fashion-mnist"

    /// The four files, by the name the dataset gives them (each may also be stored without `.gz`).
    public static let fileNames = [
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
    ]

    /// One split: `count` pictures of `side`×`side` bytes (0 = background, 255 = brightest), and their labels.
    public struct Split: Sendable {
        public let pixels: [UInt8]
        public let labels: [UInt8]
        public var count: Int { labels.count }
    }

    /// Both splits.
    public struct Data: Sendable {
        public let train: Split
        public let test: Split
    }

    /// Why the dataset could not be read, and what to do.
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
        public let hint: String
    }

    /// The folder set by `--data` for this process; nil to use `$LEARN_DATA` or the package's folder.
    nonisolated(unsafe) public static var folderOverride: String?

    /// The folder the files are read from, and what chose it.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> (path: String, source: String) {
        if let folderOverride { return (folderOverride, "--data") }
        if let variable = environment["LEARN_DATA"], !variable.isEmpty { return (variable, "LEARN_DATA") }
        return (packageFolder, "the \(packageName) package")
    }

    /// What identifies the files in `folder`: each one's path, size and modification time. A cached result
    /// computed from other files is not reused.
    public static func identities(folder: String) -> [String] {
        fileNames.map { name in
            guard let path = existing(name, in: folder),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "\(folder)/\(name): missing" }
            let size = (attributes[.size] as? Int) ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(path): \(size) bytes, modified \(modified)"
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: Data] = [:]

    /// The dataset from `folder` (by default the one `folder()` chooses), read once per process.
    public static func load(folder: String? = nil) throws -> Data {
        let folder = folder ?? self.folder().path
        lock.lock()
        defer { lock.unlock() }
        if let data = loaded[folder] { return data }
        let data = try read(folder: folder)
        loaded[folder] = data
        return data
    }

    /// Reads the four files of `folder`, checking each.
    static func read(folder: String) throws -> Data {
        let missing = fileNames.filter { existing($0, in: folder) == nil }
        guard missing.isEmpty else {
            let source = self.folder().source
            throw Missing(
                description: "Fashion-MNIST is not in \(folder) (\(source)): \(missing.joined(separator: ", ")) "
                    + (missing.count == 1 ? "is" : "are") + " missing",
                hint: "Install it with: apt-get install \(packageName)\n"
                    + "or put the four files \(fileNames.joined(separator: ", ")) in a folder and give it with --data DIR "
                    + "or LEARN_DATA=DIR.")
        }
        func file(_ index: Int, _ dimensions: [Int?]) throws -> IDXFile {
            let path = existing(fileNames[index], in: folder)!
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw Missing(description: "\(path) can't be read", hint: "Check the file's permissions.")
            }
            defer { try? handle.close() }
            // The largest file is 26 MB compressed, 47 MB plain: anything far larger is not this dataset.
            let bytes = try handle.read(upToCount: 64 << 20) ?? .init()
            do {
                return try IDXFile.read(Array(bytes), expectedDimensions: dimensions)
            } catch let problem as IDXFile.Problem {
                throw Missing(description: "\(path): \(problem.description)",
                              hint: "Reinstall it (apt-get install --reinstall \(packageName)) or replace the file with the dataset's own.")
            }
        }
        let train = Split(pixels: try file(0, [trainCount, side, side]).bytes, labels: try file(1, [trainCount]).bytes)
        let test = Split(pixels: try file(2, [testCount, side, side]).bytes, labels: try file(3, [testCount]).bytes)
        for (name, split) in [("training", train), ("test", test)] where split.labels.contains(where: { $0 >= 10 }) {
            throw Missing(description: "the \(name) labels of Fashion-MNIST in \(folder) hold a class outside 0 to 9",
                          hint: "Reinstall it (apt-get install --reinstall \(packageName)).")
        }
        return Data(train: train, test: test)
    }

    /// The path of `name` in `folder`, compressed or not, if it is there.
    private static func existing(_ name: String, in folder: String) -> String? {
        let compressed = (folder as NSString).appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: compressed) { return compressed }
        let plain = String(compressed.dropLast(3))
        return FileManager.default.fileExists(atPath: plain) ? plain : nil
    }
}
