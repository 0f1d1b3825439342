import Foundation

/// Reading and writing the safetensors format (Hugging Face, https://huggingface.co/docs/safetensors), in a
/// way Python's `safetensors` package reads and writes too.
///
/// A file is: an 8-byte little-endian header length N; N bytes of JSON mapping each tensor's name to its
/// `dtype`, `shape` and `data_offsets` [begin, end) into the data, with an optional `__metadata__` map of
/// strings; then the raw little-endian data. Like Python's writer, this one orders tensors by name, writes
/// compact JSON with `__metadata__` first, and pads the header with spaces to a multiple of 8 bytes, so the
/// same float32 tensors give the same bytes as `safetensors.numpy.save`.
public enum SafeTensors {
    /// The bytes of a file holding `tensors` as float32, with `metadata`.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) throws -> Data {
        if let bad = tensors.keys.first(where: { $0.isEmpty || $0 == "__metadata__" }) {
            throw CheckpointError.malformed(reason: "tensor name '\(bad)' is not allowed")
        }
        let names = tensors.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for name in names {
            let tensor = tensors[name]!
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + 4 * tensor.count)]}")
            offset += 4 * tensor.count
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        header += [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8)
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for name in names {
            tensors[name]!.withUnsafeBufferPointer { values in
                for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            }
        }
        return data
    }

    /// The tensors (converted to float32) and metadata of a safetensors file's bytes.
    /// - Throws: `CheckpointError.malformed` for anything that is not a valid file, and
    ///   `CheckpointError.unsupportedType` for element types other than F32, F64, BF16, I64 and I32.
    public static func decode(_ data: Data) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw CheckpointError.malformed(reason: "the file is \(bytes.count) bytes, shorter than its 8-byte header length") }
        let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw CheckpointError.malformed(reason: "the header length \(headerLength) runs past the end of the file (\(bytes.count) bytes)")
        }
        let dataStart = 8 + Int(headerLength)
        guard let json = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])), let header = json as? [String: Any] else {
            throw CheckpointError.malformed(reason: "the header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        var tensors: [String: Tensor] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                guard let map = value as? [String: String] else { throw CheckpointError.malformed(reason: "__metadata__ must map strings to strings") }
                metadata = map
                continue
            }
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                  let shape = (info["shape"] as? [NSNumber])?.map(\.intValue),
                  let offsets = (info["data_offsets"] as? [NSNumber])?.map(\.intValue), offsets.count == 2 else {
                throw CheckpointError.malformed(reason: "tensor '\(name)' lacks a dtype, a shape or two data offsets")
            }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw CheckpointError.malformed(reason: "tensor '\(name)' has a negative dimension in \(shape)") }
            // Integers are read too: PyTorch's batch-norm state holds an I64 `num_batches_tracked`.
            let widths = ["F32": 4, "F64": 8, "BF16": 2, "I64": 8, "I32": 4]
            guard let width = widths[dtype] else { throw CheckpointError.unsupportedType(name: name, dtype: dtype) }
            let count = shape.reduce(1, *)
            let (begin, end) = (dataStart + offsets[0], dataStart + offsets[1])
            guard offsets[0] >= 0, offsets[1] - offsets[0] == count * width, end <= bytes.count else {
                throw CheckpointError.malformed(reason: "tensor '\(name)' of shape \(shape) and type \(dtype) does not fit its data offsets \(offsets)")
            }
            let values: [Float] = (0..<count).map { i in
                let at = begin + i * width
                let raw = (0..<width).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[at + $1]) }
                switch dtype {
                case "F32": return Float(bitPattern: UInt32(raw))
                case "F64": return Float(Double(bitPattern: raw))
                case "BF16": return Float(bitPattern: UInt32(raw) << 16)
                case "I64": return Float(Int64(bitPattern: raw))
                default: return Float(Int32(bitPattern: UInt32(raw)))
                }
            }
            tensors[name] = Tensor(values, shape: shape)
        }
        return (tensors, metadata)
    }

    /// Writes `tensors` and `metadata` to a safetensors file.
    public static func save(_ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL) throws {
        let data = try encode(tensors, metadata: metadata)
        do { try data.write(to: url, options: .atomic) } catch {
            throw CheckpointError.io(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Reads a safetensors file.
    public static func load(from url: URL) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        // Through FileHandle, not `Data(contentsOf:)`: on Linux that leaks 4 KiB for every empty file it reads
        // (Sources/Lessons/Files/FileBytes.swift says more).
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw CheckpointError.io(path: url.path, reason: error.localizedDescription)
        }
        do { return try decode(data) } catch let error as CheckpointError {
            throw error.at(url.path)
        }
    }
}

/// `text` as a JSON string literal (quotes, backslashes and control characters escaped).
private func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
