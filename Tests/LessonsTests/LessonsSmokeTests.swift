import XCTest
@testable import Lessons
