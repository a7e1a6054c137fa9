import HTTP
import JSON
import Suites

/// A step's own expectations (`expect:`) and captures, applied to a response.
enum ExpectationChecker {
    static func findings(
        for step: SuiteStep,
        response: ReceivedResponse,
        scope: TemplateScope
    ) -> [Finding] {
        let expectation = step.expectation
        var findings: [Finding] = []
        if !expectation.statuses.isEmpty && !expectation.statuses.contains(where: { $0.matches(response.status) }) {
            let expected = expectation.statuses.map(\.description)
            let text = expected.count == 1 ? expected[0] : "one of " + expected.joined(separator: ", ")
            findings.append(
                Finding(
                    check: "expect.status",
                    expected: text,
                    actual: "\(response.status)",
                    message: "expected status \(text)\(expectation.rationale.map { " (\($0))" } ?? ""), got "
                        + "\(response.status)",
                    suiteLocation: expectation.statusLocation
                )
            )
        }
        for assertion in expectation.headers {
            let value = response.headers.combinedValue(for: assertion.target).map(JSONValue.string)
            for failure in assertion.predicate.evaluate(value, scope: scope) {
                findings.append(
                    Finding(
                        check: "expect.headers",
                        pointer: assertion.target,
                        expected: failure.expected,
                        actual: failure.actual,
                        message: "header \(assertion.target): \(failure.message)",
                        suiteLocation: assertion.location
                    )
                )
            }
        }
        if !expectation.json.isEmpty {
            if let body = response.json {
                for assertion in expectation.json {
                    let value = body.value(at: assertion.pointer)
                    for failure in assertion.predicate.evaluate(value, scope: scope) {
                        var pointer = assertion.pointer
                        for token in failure.relativePointer.tokens {
                            pointer = pointer.appending(token)
                        }
                        findings.append(
                            Finding(
                                check: "expect.json",
                                pointer: pointer.description,
                                expected: failure.expected,
                                actual: failure.actual,
                                message: "\(pointer.description.isEmpty ? "the body" : pointer.description): "
                                    + failure.message + (expectation.rationale.map { " (\($0))" } ?? ""),
                                suiteLocation: assertion.location
                            )
                        )
                    }
                }
            } else {
                let first = expectation.json[0]
                findings.append(
                    Finding(
                        check: "expect.json",
                        pointer: first.target,
                        expected: "a JSON body",
                        actual: response.body.isEmpty ? "an empty body" : "a body that is not JSON",
                        message: "the body is not JSON, so \(expectation.json.count) JSON expectation(s) cannot hold",
                        suiteLocation: first.location
                    )
                )
            }
        }
        if let predicate = expectation.body {
            let text = JSONValue.string(String(decoding: response.body, as: UTF8.self))
            for failure in predicate.evaluate(text, scope: scope) {
                findings.append(
                    Finding(
                        check: "expect.body",
                        expected: failure.expected,
                        actual: failure.actual,
                        message: "body: \(failure.message)",
                        suiteLocation: predicate.location
                    )
                )
            }
        }
        return findings
    }

    /// The values the step captures, and a finding for each one the response does not have.
    static func captures(
        for step: SuiteStep,
        response: ReceivedResponse
    ) -> (values: [(name: String, value: JSONValue, source: StepCapture.Source)], findings: [Finding]) {
        var values: [(name: String, value: JSONValue, source: StepCapture.Source)] = []
        var findings: [Finding] = []
        for capture in step.captures {
            let value: JSONValue?
            let place: String
            switch capture.source {
            case .json(let pointer):
                value = response.json?.value(at: pointer)
                place = pointer.description.isEmpty ? "the body" : pointer.description
            case .header(let name):
                value = response.headers.combinedValue(for: name).map(JSONValue.string)
                place = "header \(name)"
            case .status:
                value = .number(JSONNumber(response.status))
                place = "the status"
            }
            if let value {
                values.append((capture.name, value, capture.source))
            } else {
                findings.append(
                    Finding(
                        check: "capture",
                        pointer: place,
                        expected: "a value to capture as '\(capture.name)'",
                        actual: ValuePredicate.absentText,
                        message: "cannot capture '\(capture.name)': \(place) is absent",
                        suiteLocation: capture.location
                    )
                )
            }
        }
        return (values, findings)
    }
}
