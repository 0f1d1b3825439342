/// The IDX file format of MNIST and Fashion-MNIST: a magic number (two zero bytes, a type byte, the
/// number of dimensions), each dimension as a big-endian 32-bit count, then the values. Only unsigned
/// bytes (type 0x08) are read, as both datasets store them.
///
/// Files are read whole, plain or gzip-compressed. Everything is checked before anything large is
/// allocated: the dimensions against what the caller expects and against the file's size (for gzip,
/// the inflated stream may not run past the size its header promises).
public struct IDXFile: Equatable, Sendable {
    /// The dimensions, outermost first: [60000, 28, 28] for images, [60000] for labels.
    public let dimensions: [Int]
    /// The values, row-major.
    public let bytes: [UInt8]

    /// What is wrong with a file, said so that a person can act on it.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The most values a file may hold: ten times Fashion-MNIST's largest.
    public static let maximumCount = 500_000_000

    /// Reads an IDX file from its bytes, inflating them first when they start with gzip's magic.
    /// `expectedDimensions`, when given, must match (a dimension given as nil matches any count).
    public static func read(_ data: [UInt8], expectedDimensions: [Int?]? = nil) throws -> IDXFile {
        let gzip = data.count >= 2 && data[0] == 0x1F && data[1] == 0x8B
        guard gzip else { return try parse(data, expectedDimensions: expectedDimensions) }
        let reader: GzipReader
        do { reader = try GzipReader(data) } catch { throw problem(error) }
        do {
            let magic = try reader.read(4)
            let rank = try header(magic)
            let dimensionBytes = try reader.read(4 * rank)
            let dimensions = try self.dimensions(dimensionBytes, rank: rank, expected: expectedDimensions)
            let count = dimensions.reduce(1, *)
            // A gzip stream inflates to at most about 1032 times its size: a header that promises more
            // than that can't be true, and is refused before the values are allocated.
            guard count <= data.count * 1_032 else {
                throw Problem(description: "the header promises \(count) values, more than \(data.count) compressed bytes can hold")
            }
            let values = try reader.read(count)
            guard values.count == count else {
                throw Problem(description: "the file ends after \(values.count) of its \(count) values (it is truncated)")
            }
            guard try reader.isAtEnd() else {
                throw Problem(description: "the file holds more than the \(count) values its header gives")
            }
            return IDXFile(dimensions: dimensions, bytes: values)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw self.problem(error)
        }
    }

    private static func parse(_ data: [UInt8], expectedDimensions: [Int?]?) throws -> IDXFile {
        guard data.count >= 4 else { throw Problem(description: "the file is too short to be an IDX file (\(data.count) bytes)") }
        let rank = try header(Array(data[0..<4]))
        guard data.count >= 4 + 4 * rank else { throw Problem(description: "the file ends inside its header") }
        let dimensions = try self.dimensions(Array(data[4..<(4 + 4 * rank)]), rank: rank, expected: expectedDimensions)
        let count = dimensions.reduce(1, *)
        let start = 4 + 4 * rank
        guard data.count - start == count else {
            throw Problem(description: data.count - start < count
                ? "the file ends after \(data.count - start) of its \(count) values (it is truncated)"
                : "the file holds more than the \(count) values its header gives")
        }
        return IDXFile(dimensions: dimensions, bytes: Array(data[start...]))
    }

    /// Checks the magic number and returns the number of dimensions.
    private static func header(_ magic: [UInt8]) throws -> Int {
        guard magic.count == 4, magic[0] == 0, magic[1] == 0 else {
            throw Problem(description: "this is not an IDX file (it does not start with the bytes 00 00)")
        }
        guard magic[2] == 0x08 else {
            let type = String(magic[2], radix: 16, uppercase: true)
            throw Problem(description: "the values are of type 0x\(type.count == 1 ? "0" + type : type); only unsigned bytes (0x08) are read")
        }
        guard (1...4).contains(magic[3]) else {
            throw Problem(description: "the file has \(magic[3]) dimensions; 1 to 4 are read")
        }
        return Int(magic[3])
    }

    private static func dimensions(_ bytes: [UInt8], rank: Int, expected: [Int?]?) throws -> [Int] {
        guard bytes.count == 4 * rank else { throw Problem(description: "the file ends inside its header") }
        let dimensions = (0..<rank).map { index in
            bytes[(4 * index)..<(4 * index + 4)].reduce(0) { $0 << 8 | Int($1) }
        }
        var count = 1
        for dimension in dimensions {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= maximumCount else {
                throw Problem(description: "the header gives dimensions \(dimensions), more than \(maximumCount) values")
            }
            count = product
        }
        if let expected {
            let matches = expected.count == dimensions.count && zip(expected, dimensions).allSatisfy { $0 == nil || $0 == $1 }
            guard matches else {
                let wanted = expected.map { $0.map(String.init) ?? "any" }.joined(separator: " × ")
                throw Problem(description: "the dimensions are \(dimensions.map(String.init).joined(separator: " × ")), not \(wanted)")
            }
        }
        return dimensions
    }

    private static func problem(_ error: Error) -> Problem {
        switch error {
        case GzipReader.Failure.corrupt(let message): Problem(description: "the gzip stream is damaged: \(message)")
        case GzipReader.Failure.tooLarge(let limit): Problem(description: "the file inflates past \(limit) bytes")
        case let problem as Problem: problem
        default: Problem(description: "\(error)")
        }
    }
}
