import Lessons
import XCTest

/// `--seeds`: a count or a range, refused with a reason otherwise.
final class SeedListTests: XCTestCase {
    func testACountStartsAtOneAndARangeIsInclusive() throws {
        XCTAssertEqual(try SeedList.parse("3").get().seeds, [1, 2, 3])
        XCTAssertEqual(try SeedList.parse("7-9").get().seeds, [7, 8, 9])
        XCTAssertEqual(try SeedList.parse("5-5").get().description, "seed 5")
        XCTAssertEqual(try SeedList.parse("1-20").get().description, "seeds 1–20")
        XCTAssertEqual(try SeedList.parse("18446744073709551614-18446744073709551615").get().seeds.count, 2)
    }

    func testWhatIsNotACountOrARangeIsRefusedWithItsReason() {
        XCTAssertEqual(SeedList.parse("9-3"), .failure(.backwards("9-3")))
        for text in ["", "0", "-3", "3-", "a", "1-2-3", "1.5", " 4"] {
            XCTAssertEqual(SeedList.parse(text), .failure(.notUnderstood(text)), text)
        }
        XCTAssertEqual(SeedList.parse("1001"), .failure(.tooMany("1001")))
        XCTAssertEqual(SeedList.parse("0-18446744073709551615"), .failure(.tooMany("0-18446744073709551615")))
        XCTAssertNotNil(try? SeedList.parse("1000").get())
    }
}
