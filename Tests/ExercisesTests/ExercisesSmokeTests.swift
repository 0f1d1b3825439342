import XCTest
@testable import Exercises
