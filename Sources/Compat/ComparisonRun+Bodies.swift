import JSON
import OpenAPI

extension ComparisonRun {
    /// How `content` entries pair up: by media type essence, case-insensitively (`application/json; charset=utf-8`
    /// is `application/json`).
    private static func mediaKey(_ mediaType: OpenAPIMediaType) -> String {
        mediaType.mediaType?.essence.lowercased() ?? mediaType.name.lowercased()
    }

    mutating func compareRequestBodies(_ was: OpenAPIOperation, _ now: OpenAPIOperation, id: Int) {
        switch (was.requestBody, now.requestBody) {
        case (nil, nil):
            return
        case (nil, let body?):
            if body.isRequired {
                record(
                    .requestBodyBecameRequired,
                    operation: id,
                    old: was.pointer,
                    new: body.pointer,
                    "\(now.name) now requires a request body: existing clients send none and are rejected."
                )
            } else {
                record(
                    .requestBodyAdded,
                    operation: id,
                    old: was.pointer,
                    new: body.pointer,
                    "\(now.name) takes an optional request body; existing clients send none and still succeed."
                )
            }
        case (let body?, nil):
            record(
                .requestBodyRemoved,
                operation: id,
                old: body.pointer,
                new: now.pointer,
                "\(now.name) no longer takes a request body: clients that still send one have it ignored."
            )
        case (let oldBody?, let newBody?):
            if !oldBody.isRequired && newBody.isRequired {
                record(
                    .requestBodyBecameRequired,
                    operation: id,
                    old: oldBody.pointer,
                    new: newBody.pointer.appending("required"),
                    "\(now.name) now requires its request body: clients that send none are rejected."
                )
            } else if oldBody.isRequired && !newBody.isRequired {
                record(
                    .requestBodyBecameOptional,
                    operation: id,
                    old: oldBody.pointer.appending("required"),
                    new: newBody.pointer,
                    "\(now.name) no longer requires its request body; clients that send one are unaffected."
                )
            }
            compareContent(
                oldBody.content,
                newBody.content,
                operation: id,
                direction: .request,
                place: "request body of \(now.name)",
                oldParent: oldBody.pointer,
                newParent: newBody.pointer
            )
        }
    }

    /// Pairs `content` entries: removed and added media types, and a schema pair for each kept one.
    private mutating func compareContent(
        _ oldContent: [OpenAPIMediaType],
        _ newContent: [OpenAPIMediaType],
        operation id: Int,
        direction: Direction,
        place: String,
        oldParent: JSONPointer,
        newParent: JSONPointer
    ) {
        var oldByKey: [String: OpenAPIMediaType] = [:]
        for entry in oldContent where oldByKey[Self.mediaKey(entry)] == nil { oldByKey[Self.mediaKey(entry)] = entry }
        var kept: Set<String> = []
        for entry in newContent {
            let key = Self.mediaKey(entry)
            guard let previous = oldByKey[key] else {
                if direction == .request {
                    record(
                        .requestMediaTypeAdded,
                        operation: id,
                        old: oldParent,
                        new: entry.pointer,
                        "The \(place) also accepts \(entry.name); existing clients keep sending what they used."
                    )
                } else {
                    record(
                        .responseMediaTypeAdded,
                        operation: id,
                        old: oldParent,
                        new: entry.pointer,
                        "The \(place) is also offered as \(entry.name); clients keep asking for the ones they know."
                    )
                }
                continue
            }
            guard kept.insert(key).inserted else { continue }
            let oldSchema = previous.pointer.appending("schema")
            let newSchema = entry.pointer.appending("schema")
            if old.root.value(at: oldSchema) != nil, new.root.value(at: newSchema) != nil {
                operationRoots[id].append(node(old: oldSchema, new: newSchema, direction))
            }
        }
        var removed: Set<String> = []
        for entry in oldContent {
            let key = Self.mediaKey(entry)
            guard !newContent.contains(where: { Self.mediaKey($0) == key }), removed.insert(key).inserted else {
                continue
            }
            if direction == .request {
                record(
                    .requestMediaTypeRemoved,
                    operation: id,
                    old: entry.pointer,
                    new: newParent,
                    "The \(place) no longer accepts \(entry.name): clients that send it get 415 Unsupported Media Type."
                )
            } else {
                record(
                    .responseMediaTypeRemoved,
                    operation: id,
                    old: entry.pointer,
                    new: newParent,
                    "The \(place) is no longer offered as \(entry.name): clients that ask for or parse it no longer "
                        + "get it."
                )
            }
        }
    }

    private static func isSuccess(_ status: OpenAPIResponseStatus) -> Bool {
        switch status {
        case .code(let code): (200..<300).contains(code)
        case .range(let digit): digit == 2
        case .default: false
        }
    }

    mutating func compareResponses(_ was: OpenAPIOperation, _ now: OpenAPIOperation, id: Int) {
        let responsesPointer = now.pointer.appending("responses")
        let oldSuccess = was.responses.filter { Self.isSuccess($0.status) }.map(\.status.description)
        for response in now.responses {
            guard let previous = was.responses.first(where: { $0.status == response.status }) else {
                if Self.isSuccess(response.status) {
                    let known = oldSuccess.isEmpty ? "the old statuses" : oldSuccess.joined(separator: " or ")
                    record(
                        .responseSuccessStatusAdded,
                        operation: id,
                        old: was.pointer.appending("responses"),
                        new: response.pointer,
                        "\(now.name) can now answer \(response.status): clients that accept only \(known) treat it "
                            + "as a failure."
                    )
                } else {
                    record(
                        .responseStatusAdded,
                        operation: id,
                        old: was.pointer.appending("responses"),
                        new: response.pointer,
                        "\(now.name) now documents a \(response.status) response; clients already handle unexpected "
                            + "errors generically."
                    )
                }
                continue
            }
            compareContent(
                previous.content,
                response.content,
                operation: id,
                direction: .response,
                place: "\(response.status) response of \(now.name)",
                oldParent: previous.pointer,
                newParent: response.pointer
            )
        }
        for response in was.responses where !now.responses.contains(where: { $0.status == response.status }) {
            if Self.isSuccess(response.status) {
                record(
                    .responseSuccessStatusRemoved,
                    operation: id,
                    old: response.pointer,
                    new: responsesPointer,
                    "\(now.name) no longer answers \(response.status): clients that expect it treat the new answer "
                        + "as a failure."
                )
            } else {
                record(
                    .responseErrorStatusRemoved,
                    operation: id,
                    old: response.pointer,
                    new: responsesPointer,
                    "\(now.name) no longer documents \(response.status): the condition may now come with another "
                        + "status, which clients that branch on \(response.status) do not recognise."
                )
            }
        }
    }
}
