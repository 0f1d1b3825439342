// Lesson 6, exercise `kaiming-std`.
//
// Kaiming (He) initialization draws a layer's weights from N(0, σ²) with σ chosen so that the
// variance of the activations stays the same from layer to layer through ReLUs:
//
//     σ = gain / √fan_in,   gain = √2 for ReLU
//
// where fan_in is the number of inputs of each unit.
// Check your work with: learn check lesson-06 --exercise kaiming-std

/// The standard deviation of Kaiming-normal weights for a ReLU layer with `fanIn` inputs.
public func kaimingStd(fanIn: Int) -> Float {
    notWritten()
}
