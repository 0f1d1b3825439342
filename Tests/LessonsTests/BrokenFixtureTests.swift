import XCTest
@testable import Lessons

/// Every broken lesson in `Fixtures/broken/` gives a diagnostic at its exact line and column.
final class BrokenFixtureTests: XCTestCase {
    // MARK: Reading the file

    func testEmptyFile() {
        expectError("broken/empty.md", at: (1, 1), "the lesson file is empty", hint: "title:")
    }

    func testWhitespaceOnlyFileIsEmpty() {
        let found = diagnostics(try Fixture.parse(text: "\n  \n\t\n", file: "blank.md"))
        XCTAssertEqual(found.map(\.message), ["the lesson file is empty"])
    }

    func testInvalidUTF8PointsAtTheFirstBadByte() {
        // Line 2 is `title: Café <FF>`: the é is two bytes but one column, so the bad byte is column 13.
        expectError("broken/invalid-utf8.md", at: (2, 13), "not valid UTF-8")
    }

    func testNULByte() {
        expectError("broken/nul-byte.md", at: (5, 3), "NUL byte")
    }

    // MARK: Front matter

    func testNoFrontMatter() {
        expectError("broken/no-front-matter.md", at: (1, 1), "no front matter", hint: "title:")
    }

    func testUnclosedFrontMatter() {
        let found = diagnostics(try Fixture.parse(text: "---\ntitle: Open\n\nProse.\n", file: "open.md"))
        XCTAssertEqual(found.count, 1)
        if let first = found.first { expect(first, at: (1, 1), "never closed", in: "open.md") }
    }

    func testMissingTitle() {
        expectError("broken/missing-title.md", at: (1, 1), "has no 'title'")
    }

    func testBadYAMLInFrontMatter() {
        expectError("broken/bad-yaml-front-matter.md", at: (3, 11), "invalid YAML in the front matter",
                    hint: "Check the YAML syntax")
    }

    func testUnknownFrontMatterKeySuggestsTheClosest() {
        let diagnostic = expectError("broken/unknown-front-matter-key.md", at: (3, 1), "unknown front matter key 'minuts'",
                                     hint: "did you mean 'minutes'?")
        XCTAssertTrue(diagnostic?.hint?.contains("requires         list of lesson ids") ?? false, diagnostic?.hint ?? "")
    }

    func testLessonThatRequiresItselfPointsAtTheEntry() {
        expectError("broken/lesson-07-requires-itself.md", at: (4, 23), "requires itself", hint: "Remove lesson-07")
    }

    func testYAMLAliasesAreRefusedInFrontMatterAndCells() {
        let found = diagnostics(try Fixture.parse("broken/yaml-aliases.md"))
        XCTAssertEqual(found.count, 2, found.description)
        guard found.count == 2 else { return }
        // Yams resolves an alias into a copy of its anchored node, so the anchor is what gets reported.
        expect(found[0], at: (2, 8), "YAML anchors and aliases are not allowed in the front matter", in: "broken/yaml-aliases.md")
        expect(found[1], at: (7, 7), "YAML anchors and aliases are not allowed in the experiment cell", in: "broken/yaml-aliases.md")
    }

    // MARK: Markdown structure

    func testUnterminatedFence() {
        expectError("broken/unterminated-fence.md", at: (7, 1), "never closed", hint: "'```'")
    }

    func testExperimentFenceNestedInAList() {
        expectError("broken/nested-experiment.md", at: (7, 3), "must stand at the top level")
    }

    func testExerciseFenceNestedInAQuote() {
        let text = "---\ntitle: Quote\n---\n\n> Quoted.\n>\n> ```exercise q\n> question: Why?\n> ```\n"
        let found = diagnostics(try Fixture.parse(text: text, file: "quote.md"))
        XCTAssertEqual(found.count, 1)
        if let first = found.first { expect(first, at: (7, 3), "exercise cells must stand at the top level", in: "quote.md") }
    }

    // MARK: Experiment cells

    func testUnknownExperimentSuggestsTheClosest() {
        let diagnostic = expectError("broken/unknown-experiment.md", at: (5, 1), "unknown experiment 'toy-decent'",
                                     hint: "Did you mean 'toy-descent'?")
        XCTAssertTrue(diagnostic?.hint?.contains("always-fails") ?? false, "the hint lists every experiment")
    }

    func testExperimentCellWithoutAName() {
        expectError("broken/experiment-without-name.md", at: (5, 1), "does not name an experiment", hint: "toy-descent")
    }

    func testBadYAMLInACell() {
        expectError("broken/bad-yaml-cell.md", at: (9, 8), "invalid YAML in the experiment cell")
    }

    func testUnknownParameterListsValidKeysWithTypes() {
        let diagnostic = expectError("broken/unknown-parameter.md", at: (7, 1),
                                     "unknown parameter 'rat' for experiment 'toy-descent'", hint: "Did you mean 'rate'?")
        let hint = diagnostic?.hint ?? ""
        for line in [
            "  rate     number, from 0 to 1 (default 0.5)",
            "  steps    integer, 1 to 50 (default 3)",
            "  starts   list of numbers, 2 to 3 values, each from -10 to 10 (default [1, -2])",
            "  verbose  true or false (default false)",
            "  method   text, one of plain, halved (default plain)",
        ] {
            XCTAssertTrue(hint.contains(line), "hint lacks '\(line)':\n\(hint)")
        }
    }

    func testTextWhereANumberBelongs() {
        expectError("broken/wrong-type-number.md", at: (6, 7), "'rate' must be a number (from 0 to 1), not 'fast'",
                    hint: "Parameters of 'toy-descent'")
    }

    func testTextAsAListElement() {
        expectError("broken/wrong-type-list-element.md", at: (6, 13), "element 2 of 'starts' must be a number, not 'two'")
    }

    func testOutOfRangeValue() {
        expectError("broken/out-of-range.md", at: (7, 7), "'rate' must be from 0 to 1, not 1.5")
    }

    func testNaNAndInfinityAreRefused() {
        let found = diagnostics(try Fixture.parse("broken/non-finite.md"))
        XCTAssertEqual(found.count, 2, found.description)
        guard found.count == 2 else { return }
        expect(found[0], at: (6, 7), "'rate' must be a finite number, not .nan", in: "broken/non-finite.md")
        expect(found[1], at: (7, 13), "element 2 of 'starts' must be a finite number, not -.inf", in: "broken/non-finite.md")
    }

    func testWrongListLength() {
        expectError("broken/wrong-list-length.md", at: (6, 9), "'starts' must have 2 to 3 values, not 4")
    }

    func testCellBodyThatIsNotAMapping() {
        let text = "---\ntitle: List body\n---\n\n```experiment toy-descent\n- 1\n- 2\n```\n"
        let found = diagnostics(try Fixture.parse(text: text, file: "list.md"))
        XCTAssertEqual(found.count, 1)
        if let first = found.first { expect(first, at: (6, 1), "must be a mapping of parameters, not a list", in: "list.md") }
    }

    func testIndentedFenceShiftsColumns() {
        // The fence is indented three spaces; cmark strips them from the body, the column must not lose them.
        expectError("broken/indented-fence.md", at: (6, 10), "'rate' must be from 0 to 1, not 7")
    }

    // MARK: Exercise cells

    func testExerciseWithoutQuestion() {
        expectError("broken/exercise-without-question.md", at: (5, 1), "exercise 'pick-one' has no question")
    }

    func testExerciseWithEmptyBody() {
        let text = "---\ntitle: Empty exercise\n---\n\n```exercise empty\n```\n"
        let found = diagnostics(try Fixture.parse(text: text, file: "empty-exercise.md"))
        XCTAssertEqual(found.count, 1)
        if let first = found.first { expect(first, at: (5, 1), "exercise 'empty' has no question", in: "empty-exercise.md") }
    }

    func testDuplicateExerciseID() {
        expectError("broken/duplicate-exercise-id.md", at: (9, 1), "exercise id 'uniform-loss' is used twice",
                    hint: "first used at line 5")
    }

    func testBadExerciseID() {
        expectError("broken/bad-exercise-id.md", at: (5, 1), "'Uniform_Loss' is not a valid exercise id")
    }

    // MARK: Positions

    func testEveryErrorIsReportedInFileOrder() {
        let name = "broken/multiple-errors.md"
        let found = diagnostics(try Fixture.parse(name))
        XCTAssertEqual(found.count, 5, found.description)
        guard found.count == 5 else { return }
        expect(found[0], at: (3, 1), "unknown front matter key 'minuts'", in: name)
        expect(found[1], at: (7, 1), "unknown parameter 'rat'", in: name)
        expect(found[2], at: (8, 8), "'steps' must be from 1 to 50, not 99", in: name)
        expect(found[3], at: (11, 1), "unknown experiment 'toy-decent'", in: name)
        expect(found[4], at: (18, 1), "exercise id 'q1' is used twice", in: name)
        XCTAssertEqual(DiagnosticList(found).description.split(separator: "\n").first,
                       "broken/multiple-errors.md:3:1: error: unknown front matter key 'minuts'")
    }

    func testMultiByteCharactersCountAsOneColumn() {
        let name = "broken/multibyte-columns.md"
        let found = diagnostics(try Fixture.parse(name))
        XCTAssertEqual(found.count, 2, found.description)
        guard found.count == 2 else { return }
        // `requires: [lesson-02-café, lesson-x]`: é is one column, so lesson-x starts at 28 (byte 29).
        expect(found[0], at: (3, 28), "'lesson-x' is not a lesson id", in: name)
        // `{question: "Qué?", choices: [sí, no], answer: maybe}`: two two-byte characters before `maybe`.
        expect(found[1], at: (7, 47), "the answer 'maybe' is not one of the choices", in: name)
    }

    func testErrorAfterCRLFLinesHasTheRightLine() {
        expectError("broken/crlf-error.md", at: (10, 7), "'rate' must be from 0 to 1, not 2")
    }
    // MARK: Hostile and unusual input

    func testYAMLAliasBombIsRefusedAtItsFirstAnchor() {
        // Nine levels of nine aliases each would be 387 million strings if expanded.
        expectError("broken/yaml-alias-bomb.md", at: (6, 4), "YAML anchors and aliases are not allowed in the experiment cell")
    }

    func testMixedLineEndingsKeepLinesRight() {
        let found = diagnostics(try Fixture.parse("broken/mixed-line-endings.md"))
        XCTAssertEqual(found.map(\.message), ["'rate' must be from 0 to 1, not -0.5"])
        // Line 3 ends in a lone CR, lines 2 and 6 in CRLF, the others in LF.
        if let first = found.first { expect(first, at: (8, 7), "'rate' must be from 0 to 1", in: "broken/mixed-line-endings.md") }
    }

    func testHugeNumbers() {
        let found = diagnostics(try Fixture.parse("broken/huge-numbers.md"))
        XCTAssertEqual(found.count, 2, found.description)
        guard found.count == 2 else { return }
        expect(found[0], at: (6, 8), "'steps' must be an integer (1 to 50), not '99999999999999999999999'", in: "broken/huge-numbers.md")
        // 1e400 reads as infinity.
        expect(found[1], at: (7, 7), "'rate' must be a finite number, not .inf", in: "broken/huge-numbers.md")
    }

    func testNegativeNumbers() {
        let found = diagnostics(try Fixture.parse("broken/negative-numbers.md"))
        XCTAssertEqual(found.count, 2, found.description)
        guard found.count == 2 else { return }
        expect(found[0], at: (6, 8), "'steps' must be from 1 to 50, not -3", in: "broken/negative-numbers.md")
        expect(found[1], at: (7, 13), "element 2 of 'starts' must be from -10 to 10, not -11", in: "broken/negative-numbers.md")
    }

    func testTextWhereANumberBelongsInFrontMatter() {
        expectError("broken/wrong-type-front-matter.md", at: (3, 10), "'minutes' must be a whole number")
    }

    func testFrontMatterNumbersOutOfRange() {
        let found = diagnostics(try Fixture.parse("broken/front-matter-out-of-range.md"))
        XCTAssertEqual(found.count, 2, found.description)
        guard found.count == 2 else { return }
        expect(found[0], at: (3, 10), "'minutes' must be", in: "broken/front-matter-out-of-range.md")
        expect(found[1], at: (4, 7), "'seed' must be", in: "broken/front-matter-out-of-range.md")
    }

    func testNewerFormatVersionAsksToUpdate() {
        expectError("broken/newer-format.md", at: (3, 9), "the lesson is written for format 99", hint: "Update learn")
    }

    func testFrontMatterThatIsAList() {
        expectError("broken/front-matter-list.md", at: (2, 1), "front matter must be a mapping")
    }

    func testRequiresThatIsNotAList() {
        expectError("broken/requires-not-a-list.md", at: (3, 11), "'requires' must be a list")
    }

    func testTabIndentationInACell() {
        expectError("broken/tab-indentation.md", at: (7, 1), "invalid YAML in the experiment cell")
    }

    func testTwoYAMLDocumentsInACell() {
        expectError("broken/two-yaml-documents.md", at: (7, 1), "invalid YAML in the experiment cell")
    }

    func testBadClaimPointsAtItsCharacter() {
        expectError("broken/bad-claim.md", at: (8, 16), "bad claim: expected a metric name, a number or '(', found '<'")
    }

    func testExerciseMixingTwoKinds() {
        expectError("broken/mixed-exercise-kinds.md", at: (5, 1), "exercise 'mixed' mixes keys of answer and code exercises")
    }

    func testUnknownExerciseKeySuggestsTheClosest() {
        expectError("broken/unknown-exercise-key.md", at: (8, 1), "'hnits'", hint: "hints")
    }

    func testDuplicateCellLabel() {
        expectError("broken/duplicate-cell-label.md", at: (8, 1), "the cell label 'first' is used twice", hint: "line 5")
    }

    func testUTF16FileIsNamed() {
        expectError("broken/utf16.md", at: (1, 1), "the file is UTF-16, not UTF-8", hint: "Save it as UTF-8")
    }

    func testEncodedSurrogateIsNotUTF8() {
        expectError("broken/encoded-surrogate.md", at: (2, 18), "not valid UTF-8")
    }
}
