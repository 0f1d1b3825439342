import Engine

/// Where a descent on a two-parameter loss went, step by step.
struct Trajectory {
    /// The points visited, the start first.
    var path: [(x: Double, y: Double)]
    /// The loss at each point.
    var losses: [Double]
    /// The steps taken.
    var steps: Int
    /// Whether the loss fell below the tolerance.
    var converged: Bool
    /// Whether the loss became non-finite or grew a millionfold.
    var diverged: Bool

    /// The loss at the last point.
    var finalLoss: Double { losses[losses.count - 1] }
}

/// The descent loop the two-parameter experiments share: gradient from autograd, an update the caller
/// chooses, until the loss falls below `tolerance`, runs away, `stop` says so at a point, or `steps` are done.
enum Descent {
    static func run(
        start: [Double], steps: Int, tolerance: Double, loss f: (Tensor) -> Tensor,
        update: (inout Tensor, Tensor) -> Void, afterStep: () -> Void = {},
        stop: (_ x: Double, _ y: Double) -> Bool = { _, _ in false }
    ) -> Trajectory {
        var theta = Tensor(start.map(Float.init)).requiringGrad()
        var path = [(x: start[0], y: start[1])]
        var loss = Double(noGrad { f(theta) }.item)
        var losses = [loss]
        var step = 0
        // A loss this far above the start means the iterates are running away.
        let divergence = max(loss, 1) * 1e6
        while step < steps, loss >= tolerance, loss.isFinite, loss <= divergence, !stop(path[step].x, path[step].y) {
            f(theta).backward()
            guard let gradient = theta.grad else { break }
            noGrad { update(&theta, gradient) }
            theta.zeroGrad()
            step += 1
            let point = theta.scalars
            loss = Double(noGrad { f(theta) }.item)
            path.append((Double(point[0]), Double(point[1])))
            losses.append(loss)
            afterStep()
        }
        return Trajectory(path: path, losses: losses, steps: step, converged: loss < tolerance,
                          diverged: !loss.isFinite || loss > divergence)
    }
}
