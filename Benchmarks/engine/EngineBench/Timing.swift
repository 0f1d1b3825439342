import Foundation

/// The median of `repeats` timings of `body`, in seconds, after warming up for at least 0.2 s.
///
/// Why so long: on this CPU (AMD EPYC with AVX-512) the first few milliseconds of a product ran at about half
/// speed, on one thread as on two (clock and vector units waking up, first-touch page faults), so a single
/// warm-up call left the short runs measuring the wake-up. peers.py warms NumPy and PyTorch the same way.
func medianSeconds(repeats: Int, _ body: () -> Void) -> Double {
    let warmUpEnd = DispatchTime.now().uptimeNanoseconds + 200_000_000
    repeat { body() } while DispatchTime.now().uptimeNanoseconds < warmUpEnd
    var times: [Double] = []
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    times.sort()
    return times[times.count / 2]
}

/// Prints one result line for run.py.
func report(_ fields: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}
