import XCTest
@testable import Experiments
