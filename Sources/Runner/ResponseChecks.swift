import Diagnostics
import HTTP
import JSON
import OpenAPI
import Suites

/// The automatic checks on a response: each a function of the response, the operation and the step.
struct ResponseChecks {
    let document: OpenAPIDocument
    let operation: OpenAPIOperation?
    let enabled: Set<AutomaticCheck>
    /// The step's `expect.schema`, compiled.
    let schemaOverride: SchemaValidator?
    /// The statuses the step names explicitly, which `not-server-error` leaves alone.
    let expectedStatuses: [ResponseExpectation.StatusPattern]

    func findings(for response: ReceivedResponse) -> [Finding] {
        var findings: [Finding] = []
        let declared = operation?.response(for: response.status)
        if enabled.contains(.statusDeclared), let operation, declared == nil {
            findings.append(undeclaredStatus(response.status, operation))
        }
        var match: OpenAPIMediaTypeMatch?
        if let operation, let declared {
            match = OpenAPIMediaType.bestMatch(for: response.contentType, in: declared.content)
            if enabled.contains(.contentTypeDeclared),
                let finding = contentTypeFinding(response, operation: operation, declared: declared, match: match)
            {
                findings.append(finding)
            }
        }
        if enabled.contains(.jsonWellFormed), let finding = wellFormedFinding(response, declared: declared) {
            findings.append(finding)
        }
        if enabled.contains(.responseSchema) {
            findings += schemaFindings(response, declared: declared, match: match)
        }
        if case .object(let object)? = response.json {
            if enabled.contains(.meshErrorType), response.status == 400, let errorType = object["errorType"] {
                let isNonEmpty = if case .string(let text) = errorType { !text.isEmpty } else { false }
                if !isNonEmpty {
                    findings.append(
                        Finding(
                            check: AutomaticCheck.meshErrorType.rawValue,
                            pointer: "/errorType",
                            expected: "a non-empty string",
                            actual: ValuePredicate.show(errorType),
                            message: "a 400 response with an 'errorType' member must carry a non-empty one; got "
                                + ValuePredicate.show(errorType)
                        )
                    )
                }
            }
            if enabled.contains(.meshEnvelopeStatus), response.status >= 400, object["status"] == .string("ok") {
                findings.append(
                    Finding(
                        check: AutomaticCheck.meshEnvelopeStatus.rawValue,
                        pointer: "/status",
                        expected: "an error envelope status (not \"ok\") with HTTP \(response.status)",
                        actual: "\"ok\"",
                        message: "HTTP \(response.status) carries envelope status \"ok\"; an error status never does"
                    )
                )
            }
        }
        if enabled.contains(.notServerError), response.status >= 500,
            !expectedStatuses.contains(where: { $0.matches(response.status) })
        {
            findings.append(
                Finding(
                    check: AutomaticCheck.notServerError.rawValue,
                    expected: "a status below 500",
                    actual: "\(response.status)",
                    message: "the server failed: \(response.status) \(HTTPStatus.reasonPhrase(for: response.status))"
                )
            )
        }
        return findings
    }

    private func undeclaredStatus(_ status: Int, _ operation: OpenAPIOperation) -> Finding {
        let declared = operation.responses.map(\.status.description)
        return Finding(
            check: AutomaticCheck.statusDeclared.rawValue,
            expected: "one of " + declared.joined(separator: ", "),
            actual: "\(status)",
            message:
                "status \(status) is not declared for \(operation.name) (declared: \(declared.joined(separator: ", ")))",
            specLocation: document.location(of: operation.pointer.appending("responses")),
            schemaPath: operation.pointer.appending("responses").uriFragment
        )
    }

    private func contentTypeFinding(
        _ response: ReceivedResponse,
        operation: OpenAPIOperation,
        declared: OpenAPIResponse,
        match: OpenAPIMediaTypeMatch?
    ) -> Finding? {
        let check = AutomaticCheck.contentTypeDeclared.rawValue
        let place = "\(operation.name) \(declared.status)"
        let specLocation = document.location(of: declared.pointer)
        let names = declared.content.map(\.name)
        let shown = response.contentType.map { "'\($0)'" } ?? "no Content-Type"
        if declared.content.isEmpty {
            guard !response.body.isEmpty else { return nil }
            return Finding(
                check: check,
                expected: "no body",
                actual: "\(response.body.count) bytes, \(shown)",
                message: "the spec declares no body for \(place); got \(response.body.count) bytes (\(shown))",
                specLocation: specLocation,
                schemaPath: declared.pointer.uriFragment
            )
        }
        let expected = names.joined(separator: ", ")
        if response.contentType == nil {
            return Finding(
                check: check,
                expected: expected,
                actual: "no Content-Type",
                message: response.body.isEmpty
                    ? "the response has no body and no Content-Type; the spec declares \(expected) for \(place)"
                    : "the response has no Content-Type; the spec declares \(expected) for \(place)",
                specLocation: specLocation,
                schemaPath: declared.pointer.appending("content").uriFragment
            )
        }
        guard let match else {
            return Finding(
                check: check,
                expected: expected,
                actual: response.contentType ?? "",
                message: "Content-Type \(shown) is not declared for \(place) (declared: \(expected))",
                specLocation: specLocation,
                schemaPath: declared.pointer.appending("content").uriFragment
            )
        }
        if match.kind == .jsonEquivalent {
            return Finding(
                check: check,
                expected: match.mediaType.name,
                actual: response.contentType ?? "",
                message:
                    "Content-Type \(shown) is not declared for \(place); the spec declares '\(match.mediaType.name)'",
                specLocation: document.location(of: match.mediaType.pointer),
                schemaPath: match.mediaType.pointer.uriFragment
            )
        }
        return nil
    }

    /// Says so when a body that is not JSON starts with gzip's magic bytes (RFC 1952): compressed without asking.
    private static func gzipHint(_ response: ReceivedResponse) -> String {
        guard response.body.count >= 2, response.body[0] == 0x1F, response.body[1] == 0x8B else { return "" }
        let encoding = response.headers["Content-Encoding"].map { "Content-Encoding: \($0)" } ?? "no Content-Encoding"
        return "; it starts with 1F 8B, a gzip header (\(encoding), and meshcheck does not ask for compression)"
    }

    private func wellFormedFinding(_ response: ReceivedResponse, declared: OpenAPIResponse?) -> Finding? {
        let check = AutomaticCheck.jsonWellFormed.rawValue
        let declaresJSON = declared?.content.contains { $0.mediaType?.isJSON ?? false } ?? false
        let isJSONBody = response.isJSONMediaType || (response.contentType == nil && declaresJSON)
        if let error = response.jsonError, isJSONBody {
            let place = "line \(error.location.line), column \(error.location.column) (byte \(error.offset))"
            return Finding(
                check: check,
                expected: "JSON (RFC 8259) without duplicate keys",
                actual: "\(error.reason)",
                message: "the body is not well-formed JSON: \(error.reason) at \(place)" + Self.gzipHint(response)
            )
        }
        if response.isJSONMediaType && response.body.isEmpty && response.status != 204 {
            return Finding(
                check: check,
                expected: "a JSON body",
                actual: "an empty body",
                message: "the response says Content-Type '\(response.contentType ?? "")' but its body is empty"
            )
        }
        return nil
    }

    private func schemaFindings(
        _ response: ReceivedResponse,
        declared: OpenAPIResponse?,
        match: OpenAPIMediaTypeMatch?
    ) -> [Finding] {
        let check = AutomaticCheck.responseSchema.rawValue
        let schema: SchemaValidator
        let label: String
        if let schemaOverride {
            schema = schemaOverride
            label = "expect.schema"
        } else if let declared, let match, let declaredSchema = match.mediaType.schema {
            schema = declaredSchema
            label = "\(operation?.name ?? "") \(declared.status) (\(match.mediaType.name))"
        } else {
            return []
        }
        guard let body = response.json else {
            if response.body.isEmpty && !schema.isValid(.null, in: .response) && !isEmptySchema(schema) {
                return [
                    Finding(
                        check: check,
                        expected: "a JSON body (\(schema.name ?? schema.schemaPath.uriFragment))",
                        actual: "an empty body",
                        message: "the body is empty; \(label) declares a JSON body",
                        specLocation: schema.location,
                        schemaPath: schema.schemaPath.uriFragment
                    )
                ]
            }
            return []
        }
        return schema.validate(body, in: .response).map { violation in
            Finding(
                check: check,
                pointer: violation.instancePath.description,
                expected: violation.expected,
                actual: violation.actual,
                message: violation.description,
                specLocation: violation.schemaLocation,
                schemaPath: violation.schemaPath.uriFragment
            )
        }
    }

    private func isEmptySchema(_ schema: SchemaValidator) -> Bool {
        document.source.value.value(at: schema.schemaPath)?.objectValue?.isEmpty ?? false
    }
}
