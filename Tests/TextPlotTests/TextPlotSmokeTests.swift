import XCTest
@testable import TextPlot
