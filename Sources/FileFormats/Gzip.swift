import CZlib

/// Inflates gzip (or zlib) streams with zlib, never past a bound given in advance: a file that claims
/// to hold a few bytes can't make the reader allocate gigabytes.
///
/// The one file that imports zlib.
public final class GzipReader {
    /// What went wrong, for the caller to turn into a message.
    public enum Failure: Error, Equatable {
        /// The stream is not valid gzip, or is truncated (zlib's own words).
        case corrupt(String)
        /// The stream holds more than `limit` bytes.
        case tooLarge(limit: Int)
    }

    // zlib keeps a pointer back to its stream: the stream must stay at one address, so it is allocated
    // here rather than held as a value that Swift may move.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let input: [UInt8]
    private var finished = false
    private var open = false

    /// A reader of the gzip bytes `input`.
    public init(_ input: [UInt8]) throws {
        self.input = input
        stream.initialize(to: z_stream())
        // 15 window bits + 32: accept a gzip or a zlib header.
        let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure.corrupt("zlib could not start (status \(status))") }
        open = true
    }

    deinit {
        close()
        stream.deallocate()
    }

    /// Ends the stream and frees zlib's state (also done when the reader goes away).
    public func close() {
        if open { inflateEnd(stream) }
        open = false
    }

    /// The next `count` bytes of the inflated stream, or fewer where it ends.
    public func read(_ count: Int) throws -> [UInt8] {
        guard count > 0, !finished, open else { return [] }
        var output = [UInt8](repeating: 0, count: count)
        var produced = 0
        try input.withUnsafeBufferPointer { source in
            // zlib reads from where the previous call stopped: `next_in` is kept between calls.
            if stream.pointee.next_in == nil {
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.pointee.avail_in = uInt(min(source.count, Int(UInt32.max)))
            } else {
                let consumed = Int(stream.pointee.total_in)
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress.map { $0 + consumed })
                stream.pointee.avail_in = uInt(min(source.count - consumed, Int(UInt32.max)))
            }
            try output.withUnsafeMutableBufferPointer { target in
                while produced < count {
                    stream.pointee.next_out = target.baseAddress! + produced
                    stream.pointee.avail_out = uInt(min(count - produced, Int(UInt32.max)))
                    let before = Int(stream.pointee.avail_out)
                    let status = CZlib.inflate(stream, Z_NO_FLUSH)
                    produced += before - Int(stream.pointee.avail_out)
                    if status == Z_STREAM_END { finished = true; break }
                    guard status == Z_OK || status == Z_BUF_ERROR else {
                        throw Failure.corrupt(stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)")
                    }
                    if status == Z_BUF_ERROR || (stream.pointee.avail_in == 0 && produced < count) {
                        throw Failure.corrupt("the stream ends early")
                    }
                }
            }
        }
        return Array(output.prefix(produced))
    }

    /// Whether the stream has ended: reading one byte more finds nothing.
    public func isAtEnd() throws -> Bool {
        try read(1).isEmpty
    }

    /// The whole inflated stream, refused when it holds more than `limit` bytes.
    public static func inflate(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        let reader = try GzipReader(input)
        var output: [UInt8] = []
        while true {
            let chunk = try reader.read(min(1 << 20, limit - output.count + 1))
            if chunk.isEmpty { break }
            output += chunk
            if output.count > limit { throw Failure.tooLarge(limit: limit) }
        }
        return output
    }
}
