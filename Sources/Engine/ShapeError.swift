/// A shape mismatch, named by the operation and the shapes involved.
///
/// Operations stop with this message (a programmer error inside a running model); code that takes shapes
/// from outside, such as a lesson's parameters, calls the throwing `Shapes` checks first, so bad input
/// becomes an error to show instead of a stop.
public struct ShapeError: Error, Equatable, CustomStringConvertible {
    /// The operation, e.g. "matmul".
    public var operation: String
    /// What is wrong, naming both shapes.
    public var message: String
    /// "operation: message".
    public var description: String { "\(operation): \(message)" }
}

/// Throwing shape checks for the operations whose shapes usually come from a model's configuration.
public enum Shapes {
    /// The NumPy broadcast of two shapes.
    public static func broadcast(_ a: [Int], _ b: [Int], operation: String = "broadcast") throws -> [Int] {
        guard let shape = broadcastShape(a, b) else {
            throw ShapeError(operation: operation, message: "shapes \(a) and \(b) cannot be broadcast together")
        }
        return shape
    }

    /// The shape of the matrix product of `a` and `b` ([m, k]·[k, n], optionally batched with rank 3).
    public static func matmul(_ a: [Int], _ b: [Int], operation: String = "matmul") throws -> [Int] {
        guard (a.count == 2 || a.count == 3) && (b.count == 2 || b.count == 3) else {
            throw ShapeError(operation: operation, message: "expects matrices or batches of matrices, got shapes \(a) and \(b)")
        }
        let batch = Swift.max(a.count == 3 ? a[0] : 1, b.count == 3 ? b[0] : 1)
        guard a[a.count - 1] == b[b.count - 2], a.count == 2 || a[0] == batch, b.count == 2 || b[0] == batch else {
            throw ShapeError(operation: operation, message: "shapes \(a) and \(b) do not match for a matrix product")
        }
        let matrix = [a[a.count - 2], b[b.count - 1]]
        return a.count == 3 || b.count == 3 ? [batch] + matrix : matrix
    }

    /// The output shape of `conv2d` for an input [n, c, h, w] and a weight [out, c, kh, kw].
    public static func conv2d(input: [Int], weight: [Int], stride: Int = 1, padding: Int = 0) throws -> [Int] {
        func fail(_ message: String) -> ShapeError { ShapeError(operation: "conv2d", message: message) }
        guard input.count == 4, weight.count == 4 else {
            throw fail("expects input [n, c, h, w] and weight [out, c, kh, kw], got shapes \(input) and \(weight)")
        }
        guard input[1] == weight[1] else {
            throw fail("input of shape \(input) has \(input[1]) channels but weight of shape \(weight) expects \(weight[1])")
        }
        guard stride >= 1, padding >= 0 else { throw fail("stride \(stride) must be ≥ 1 and padding \(padding) ≥ 0") }
        let height = slidingOutputSize(input[2], kernel: weight[2], stride: stride, padding: padding)
        let width = slidingOutputSize(input[3], kernel: weight[3], stride: stride, padding: padding)
        guard height >= 1, width >= 1 else {
            throw fail("kernel of shape \(weight) does not fit input of shape \(input) with padding \(padding)")
        }
        return [input[0], weight[0], height, width]
    }
}

/// The value of a shape check, or a stop with its message.
func checked<T>(_ check: () throws -> T) -> T {
    do { return try check() } catch { preconditionFailure("\(error)") }
}
