import Diagnostics
import Foundation
import HTTP
import JSON
import OpenAPI
import Suites

/// Runs one step case: builds the request, sends it (with retries), checks the response, records the exchange.
struct StepExecutor: Sendable {
    let document: OpenAPIDocument
    let configuration: RunConfiguration
    let client: HTTPClient
    let control: RunControl
    let operations: OperationCache

    /// What a case produced: its result, and what it captured for later steps (raw, for templates).
    struct Outcome {
        var result: CaseResult
        var captured: [(name: String, value: JSONValue, source: StepCapture.Source)]
        /// Secret values met in the case (sent under a secret name, or captured from one), for later steps' records.
        var secrets: [String] = []
    }

    func execute(
        _ step: SuiteStep,
        name: String,
        matrix: JSONObject,
        scope: TemplateScope,
        suiteChecks: CheckSettings,
        redactor: SecretRedactor
    ) async -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        var result = CaseResult.skipped(step, name: name, matrix: matrix, reason: "")
        result.skipReason = nil
        result.startedAt = Date()
        let settings = suiteChecks.overridden(by: step.checks)
        var enabled = Set(AutomaticCheck.allCases).subtracting(settings.disabled.keys)
        var disabled = Dictionary(uniqueKeysWithValues: settings.disabled.map { ($0.key.rawValue, $0.value) })
        if step.isNegative {
            enabled.remove(.requestConforms)
            disabled[AutomaticCheck.requestConforms.rawValue] =
                disabled[AutomaticCheck.requestConforms.rawValue]
                ?? "the step is negative: its request breaks the spec on purpose"
        }
        result.disabledChecks = disabled

        var operation: OpenAPIOperation?
        if case .named(let reference) = step.operation {
            operation = OperationResolver.operation(named: reference, in: document)
        }
        let request: BuiltRequest
        do {
            request = try RequestBuilder.build(step, operation: operation, scope: scope, configuration: configuration)
        } catch {
            return finish(
                result,
                error: StepError(
                    kind: "template",
                    message: redactor.redact("cannot build the request: \(error.reason)")
                ),
                start: start
            )
        }
        if case .inferred = step.operation {
            operation = operations.operation(method: request.method, path: request.path)
            if operation == nil {
                result.exchange = record(request, exchange: nil, redactor: redactor)
                return finish(
                    result,
                    error: StepError(
                        kind: "operation",
                        message: redactor.redact(
                            "no operation in the spec for \(request.method) \(request.path) (after templates)"
                        )
                    ),
                    start: start
                )
            }
        }
        result.operation = operation?.name
        result.operationID = operation?.operationID
        let requestSecrets = Self.secretValues(sentIn: request, redactor: redactor)
        let redactor = redactor.registering(requestSecrets)

        var findings: [Finding] = []
        var phases = PhaseTimings()
        if let operation, enabled.contains(.requestConforms) {
            let checkStart = clock.now
            findings += RequestConformance.findings(for: request, operation: operation, document: document)
            phases.check += clock.now - checkStart
        }

        let sendStart = clock.now
        let (exchange, transportError, attempts) = await send(request, step: step)
        phases.send = clock.now - sendStart
        result.attempts = attempts
        guard let exchange else {
            let recordStart = clock.now
            result.exchange = record(request, exchange: nil, redactor: redactor)
            result.findings = redactFindings(findings, redactor: redactor)
            phases.record = clock.now - recordStart
            result.phases = phases
            var message = transportError.map { "\($0)" } ?? "no response"
            if case .clientShutDown? = transportError, control.stopReason == .interrupted {
                message =
                    "abandoned: the run was interrupted and the response did not arrive within "
                    + SuiteRunner.interruptionGraceText
            }
            var outcome = finish(
                result,
                error: StepError(kind: "transport", message: redactor.redactIncludingPrefixes(message)),
                start: start
            )
            outcome.secrets = requestSecrets
            return outcome
        }

        let parseStart = clock.now
        let response = ReceivedResponse(
            status: exchange.response.status,
            headers: exchange.response.headers,
            body: exchange.response.body
        )
        phases.parse = clock.now - parseStart

        let checkStart = clock.now
        let checks = ResponseChecks(
            document: document,
            operation: operation,
            enabled: enabled,
            schemaOverride: schemaOverride(step),
            expectedStatuses: step.expectation.statuses
        )
        findings += checks.findings(for: response)
        findings += ExpectationChecker.findings(for: step, response: response, scope: scope)
        let captures = ExpectationChecker.captures(for: step, response: response)
        findings += captures.findings
        phases.check += clock.now - checkStart

        let recordStart = clock.now
        var recordRedactor = redactor
        var secrets = requestSecrets
        for capture in captures.values where Self.isSecretCapture(capture.source, capture.name, redactor) {
            if case .string(let text) = capture.value {
                recordRedactor.register(text)
                secrets.append(text)
            }
        }
        result.exchange = record(request, exchange: exchange, redactor: recordRedactor)
        result.findings = redactFindings(findings, redactor: recordRedactor)
        for capture in captures.values {
            result.captures[capture.name] =
                Self.isSecretCapture(capture.source, capture.name, recordRedactor)
                ? SecretRedactor.mask : recordRedactor.redact(ValuePredicate.show(capture.value))
        }
        phases.record = clock.now - recordStart
        result.phases = phases
        result.outcome = result.findings.isEmpty ? .passed : .failed
        result.duration = clock.now - start
        return Outcome(result: result, captured: captures.values, secrets: secrets)
    }

    /// The values a request sends under secret names: header fields (an `Authorization` credential without its
    /// scheme too), query parameters, and JSON members at any depth.
    static func secretValues(sentIn request: BuiltRequest, redactor: SecretRedactor) -> [String] {
        var values: [String] = []
        for (name, value) in request.headers where redactor.isSecretName(name) {
            values.append(value)
            if let space = value.firstIndex(of: " ") { values.append(String(value[value.index(after: space)...])) }
        }
        for field in request.query where redactor.isSecretName(field.name) {
            values.append(field.value)
        }
        if let body = request.jsonBody {
            collectSecretValues(in: body, isSecret: false, redactor: redactor, into: &values)
        }
        return values
    }

    private static func collectSecretValues(
        in value: JSONValue,
        isSecret: Bool,
        redactor: SecretRedactor,
        into values: inout [String]
    ) {
        switch value {
        case .object(let object):
            for (key, member) in object {
                collectSecretValues(
                    in: member,
                    isSecret: isSecret || redactor.isSecretName(key),
                    redactor: redactor,
                    into: &values
                )
            }
        case .array(let elements):
            for element in elements {
                collectSecretValues(in: element, isSecret: isSecret, redactor: redactor, into: &values)
            }
        case .string(let text):
            if isSecret { values.append(text) }
        case .number(let number):
            if isSecret { values.append(number.text) }
        default:
            break
        }
    }

    private func finish(_ result: CaseResult, error: StepError, start: ContinuousClock.Instant) -> Outcome {
        var result = result
        result.outcome = .error
        result.error = error
        result.duration = ContinuousClock().now - start
        return Outcome(result: result, captured: [])
    }

    /// Whether a captured value is a secret: its name, its pointer or its header names one.
    static func isSecretCapture(_ source: StepCapture.Source, _ name: String, _ redactor: SecretRedactor) -> Bool {
        if redactor.isSecretName(name) { return true }
        switch source {
        case .json(let pointer): return pointer.tokens.contains(where: redactor.isSecretName)
        case .header(let header): return redactor.isSecretName(header)
        case .status: return false
        }
    }

    // MARK: - Sending

    private func send(
        _ request: BuiltRequest,
        step: SuiteStep
    ) async -> (HTTPExchange?, HTTPClientError?, Int) {
        let timeout = step.request.timeout ?? configuration.defaultTimeout
        let clientRequest = HTTPClientRequest(
            method: request.method,
            url: request.url,
            headers: request.headers,
            body: request.body,
            timeouts: HTTPTimeouts(connect: min(timeout, .seconds(10)), read: timeout, total: timeout)
        )
        let retries = step.request.retries
        var attempts = 0
        var lastError: HTTPClientError?
        while true {
            attempts += 1
            do {
                let exchange = try await client.send(clientRequest)
                control.recordResponse()
                if attempts <= retries.count && retries.statuses.contains(exchange.response.status)
                    && control.stopReason == nil
                {
                    try? await Task.sleep(for: retries.delay)
                    continue
                }
                return (exchange, nil, attempts)
            } catch {
                lastError = error
                control.recordTransportFailure(error)
                if case .invalidRequest = error { break }
                if case .invalidURL = error { break }
                guard attempts <= retries.count, control.stopReason == nil else { break }
                try? await Task.sleep(for: retries.delay)
            }
        }
        return (nil, lastError, attempts)
    }

    private func schemaOverride(_ step: SuiteStep) -> SchemaValidator? {
        guard let (override, _) = step.expectation.schema else { return nil }
        switch override {
        case .reference(let reference):
            if reference.hasPrefix("#"), let pointer = try? JSONPointer(uriFragment: reference) {
                return document.schema(at: pointer)
            }
            return document.schema(named: reference)
        case .inline(let schema):
            return SchemaValidator.compile(schema, dialect: .openAPI30).validator
        }
    }

    // MARK: - Recording

    private func record(_ request: BuiltRequest, exchange: HTTPExchange?, redactor: SecretRedactor) -> ExchangeRecord {
        let recorder = ExchangeRecorder(redactor: redactor, bodyLimit: configuration.bodyExcerptLimit)
        let sentHeaders = exchange?.request.headers ?? request.headers
        var record = ExchangeRecord(
            method: request.method,
            url: redactor.redactURL(exchange?.url.description ?? request.url),
            request: recorder.message(headers: sentHeaders, body: request.body),
            response: nil,
            connectMilliseconds: nil,
            firstByteMilliseconds: nil,
            totalMilliseconds: nil
        )
        if let exchange {
            record.response = ExchangeRecord.Response(
                status: exchange.response.status,
                reason: redactor.redact(exchange.response.reason),
                message: recorder.message(headers: exchange.response.headers, body: exchange.response.body)
            )
            record.connectMilliseconds = exchange.timings.connect.map(Self.milliseconds)
            record.firstByteMilliseconds = exchange.timings.firstByte.map(Self.milliseconds)
            record.totalMilliseconds = Self.milliseconds(exchange.timings.total)
        }
        return record
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 1000).rounded() / 1000
    }

    /// Findings with secrets masked: registered values everywhere, and the values of a pointer through a secret name.
    private func redactFindings(_ findings: [Finding], redactor: SecretRedactor) -> [Finding] {
        findings.map { finding in
            var finding = finding
            let isSecretPlace =
                finding.pointer.map { pointer in
                    pointer.split(separator: "/").contains { redactor.isSecretName(String($0)) }
                        || redactor.isSecretName(pointer)
                } ?? false
            if isSecretPlace {
                for shown in [finding.actual, finding.expected]
                where shown.count >= 2 && shown != ValuePredicate.absentText && shown != SecretRedactor.mask {
                    finding.message = finding.message.replacingOccurrences(
                        of: shown,
                        with: SecretRedactor.mask,
                        options: .literal
                    )
                }
                if finding.actual != ValuePredicate.absentText { finding.actual = SecretRedactor.mask }
                if !finding.check.hasPrefix("mesh-") && finding.check != AutomaticCheck.responseSchema.rawValue {
                    finding.expected = SecretRedactor.mask
                }
            }
            finding.message = redactor.redact(finding.message)
            finding.expected = redactor.redact(finding.expected)
            finding.actual = redactor.redact(finding.actual)
            finding.pointer = finding.pointer.map(redactor.redact)
            return finding
        }
    }
}
