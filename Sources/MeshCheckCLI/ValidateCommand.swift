public import ArgumentParsing
import Diagnostics
import Foundation
import JSON
import OpenAPI

/// `meshcheck validate --operation "POST /path" --status 200 BODY.json`: checks one saved body against the spec.
public struct ValidateCommand: Command {
    /// Help for `validate`.
    public static let help = CommandHelp(
        name: "validate",
        overview: "Validate a saved response (or request) body against its operation's schema in the spec.",
        positionals: [PositionalDefinition("body", help: "The JSON body file, or '-' for standard input.")],
        options: [
            .value(
                "--spec",
                placeholder: "file",
                help: "The OpenAPI 3.0 spec.",
                defaultValue: OpenAPIDocument.defaultSpecPath
            ),
            .value(
                "--operation",
                placeholder: "op",
                help: "'METHOD /path' (a template or a concrete path) or an operationId."
            ),
            .value("--status", placeholder: "code", help: "The response status code (not with --request)."),
            .value(
                "--content-type",
                placeholder: "type",
                help: "The body's media type.",
                defaultValue: "application/json"
            ),
            .flag("--request", help: "Validate a request body instead of a response."),
        ],
        discussion: """
            Each violation is printed as 'BODY: /instance/pointer: message' with the schema keyword's place in the
            spec. EXIT CODES: 0 valid, 1 violations, 2 usage error, unreadable file, or unknown operation/status.
            """
    )

    /// Creates the command.
    public init() {}

    /// Validates the body.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console.
    /// - Returns: 0 valid, 1 violations, 2 usage or configuration errors.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        let console = context.console
        let isRequest = arguments.isSet("--request")
        guard let operationText = arguments.value(of: "--operation") else {
            return usageError("missing option '--operation'", console)
        }
        var status: Int?
        if !isRequest {
            guard let text = arguments.value(of: "--status"), let code = Int(text), (100...599).contains(code) else {
                return usageError(
                    arguments.value(of: "--status") == nil
                        ? "missing option '--status' (or give --request)" : "'--status' must be a code from 100 to 599",
                    console
                )
            }
            status = code
        } else if arguments.value(of: "--status") != nil {
            return usageError("'--status' and '--request' cannot be combined", console)
        }
        let specPath = arguments.value(of: "--spec") ?? OpenAPIDocument.defaultSpecPath
        guard let document = SpecFile.load(specPath, console: console) else { return .usageOrConfigurationError }
        guard let operation = Self.operation(operationText, in: document) else {
            console.printError(
                console.colored("error:", .red) + " no operation '\(operationText)' in \(specPath)"
                    + Self.suggestion(operationText, in: document)
            )
            return .usageOrConfigurationError
        }
        let bodyPath = arguments.positionals[0]
        let shownPath = bodyPath == "-" ? "<stdin>" : bodyPath
        let body: JSONValue
        do {
            let bytes = try InputFile.read(bodyPath)
            do {
                body = try JSONParser.parse(bytes, path: shownPath)
            } catch {
                console.printError(
                    error.diagnostic.rendered(withSnippetFrom: SourceText(path: shownPath, bytes: bytes))
                )
                return .usageOrConfigurationError
            }
        } catch {
            console.printError(console.colored("error:", .red) + " \(error.message)")
            return .usageOrConfigurationError
        }
        let contentType = arguments.value(of: "--content-type") ?? "application/json"
        let target: String
        let content: [OpenAPIMediaType]
        if let status {
            guard let response = operation.response(for: status) else {
                let declared = operation.responses.map(\.status.description).joined(separator: ", ")
                console.printError(
                    console.colored("error:", .red)
                        + " status \(status) is not declared for \(operation.name) (declared: \(declared))"
                )
                return .usageOrConfigurationError
            }
            target = "\(operation.name) \(response.status)"
            content = response.content
        } else {
            guard let requestBody = operation.requestBody else {
                console.printError(console.colored("error:", .red) + " \(operation.name) declares no request body")
                return .usageOrConfigurationError
            }
            target = "\(operation.name) request"
            content = requestBody.content
        }
        guard let match = OpenAPIMediaType.bestMatch(for: contentType, in: content) else {
            let declared = content.map(\.name).joined(separator: ", ")
            console.printError(
                console.colored("error:", .red) + " \(target) declares no body of type '\(contentType)'"
                    + (declared.isEmpty ? "" : " (declared: \(declared))")
            )
            return .usageOrConfigurationError
        }
        if match.kind == .jsonEquivalent {
            console.printError(
                "note: \(target) declares '\(match.mediaType.name)', not '\(contentType)'; checking against it"
            )
        }
        guard let schema = match.mediaType.schema else {
            console.print("\(shownPath): \(target) (\(match.mediaType.name)) has no schema; nothing to check")
            return .success
        }
        let violations = schema.validate(body, in: isRequest ? .request : .response)
        if violations.isEmpty {
            console.print("\(shownPath): valid against \(target) (\(match.mediaType.name))")
            return .success
        }
        for violation in violations {
            console.print("\(shownPath): \(violation)")
            var place = "  schema: \(violation.schemaPath.uriFragment)"
            if let location = violation.schemaLocation { place += " (\(location))" }
            console.print(place)
        }
        let count = violations.count
        console.print(
            console.colored(
                "\(shownPath): \(count) violation\(count == 1 ? "" : "s") of \(target) (\(match.mediaType.name))",
                .red
            )
        )
        return .testFailures
    }

    private func usageError(_ message: String, _ console: Console) -> ExitCode {
        MeshCheckTool.reportUsageError(UsageError(message), usage: Self.help, console: console)
        return .usageOrConfigurationError
    }

    /// `POST /api/v1/authenticate` (a template or a concrete path) or an operationId.
    static func operation(_ text: String, in document: OpenAPIDocument) -> OpenAPIOperation? {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true).map(String.init)
        if parts.count == 2 {
            let path = parts[1].trimmingCharacters(in: .whitespaces)
            return document.operation(method: parts[0], template: path)
                ?? document.operation(method: parts[0], path: path)?.operation
        }
        return document.operation(id: text)
    }

    private static func suggestion(_ text: String, in document: OpenAPIDocument) -> String {
        let names = document.operations.map(\.name) + document.operations.compactMap(\.operationID)
        guard let near = ArgumentParser.closestMatch(to: text, among: names) else {
            return "; see the spec's paths"
        }
        return "; did you mean '\(near)'?"
    }
}
