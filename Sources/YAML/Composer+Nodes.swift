import Diagnostics
import JSON

// Scalars, tags and aliases.
extension Composer {
    mutating func warn(_ message: String, at mark: Mark, once key: String) {
        guard !warnedTags.contains(key) else { return }
        warnedTags.insert(key)
        warnings.append(Diagnostic(.warning, message, at: location(mark)))
    }

    /// A tag as people write it: `!!int` for the core schema, `!local`, or `!<uri>`.
    static func shortTag(_ tag: String) -> String {
        if tag.hasPrefix("tag:yaml.org,2002:") { return "!!" + tag.dropFirst(18) }
        if tag.hasPrefix("!") { return tag }
        return "!<\(tag)>"
    }

    mutating func composeScalar(
        _ text: ScalarText,
        _ style: YAMLScalar.Style,
        _ event: Event
    ) throws(YAMLFailure) -> (YAMLNode, JSONValue) {
        var resolved = CoreSchema.Resolved.string
        let string: String
        switch text {
        case .slice(let start, let end):
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if let tag = event.tag {
                resolved = try resolveTagged(tag, slice, event)
            } else if style == .plain {
                resolved = CoreSchema.resolvePlain(slice)
            }
            string = String(decoding: slice, as: UTF8.self)
        case .decoded(let decoded):
            string = decoded
            if event.tag != nil || style == .plain {
                var copy = decoded
                let result: Result<CoreSchema.Resolved, YAMLFailure> = copy.withUTF8 { buffer in
                    do throws(YAMLFailure) {
                        if let tag = event.tag {
                            return .success(try resolveTagged(tag, buffer, event))
                        }
                        return .success(CoreSchema.resolvePlain(buffer))
                    } catch {
                        return .failure(error)
                    }
                }
                resolved = try result.get()
            }
        }
        let value: JSONValue
        var tag: StoredTag
        switch resolved {
        case .null:
            value = .null
            tag = .null
        case .bool(let bool):
            value = .bool(bool)
            tag = .bool
        case .integer(let text):
            value = .number(JSONNumber(unchecked: text))
            tag = .int
        case .float(let text):
            value = .number(JSONNumber(unchecked: text))
            tag = .float
        case .nonFinite:
            value = .string(string)
            tag = .float
            warnings.append(
                Diagnostic(
                    .warning,
                    "'\(string)' has no JSON number; it is kept as the string \"\(string)\"",
                    at: location(event.start)
                )
            )
        case .leadingZeroInteger:
            value = .string(string)
            tag = .string
            warnings.append(
                Diagnostic(
                    .warning,
                    "'\(string)' has a leading zero (octal in YAML 1.1, decimal in YAML 1.2); "
                        + "it is kept as the string \"\(string)\"",
                    at: location(event.start)
                )
            )
        case .string:
            value = .string(string)
            tag = .string
        }
        if let explicit = event.tag, explicit != "!" {
            tag = StoredTag(explicit)
        }
        let node = makeNode(
            .scalar(YAMLScalar(string, style: style)),
            tag: tag,
            anchor: event.anchor,
            start: event.start,
            end: event.end
        )
        if let anchor = event.anchor {
            anchors[anchor] = Anchored(node: node, value: value, nodeCount: 1)
        }
        return (node, value)
    }

    /// Resolves a scalar with an explicit tag: core-schema tags must match, other tags keep the text.
    mutating func resolveTagged(
        _ tag: String,
        _ text: UnsafeBufferPointer<UInt8>,
        _ event: Event
    ) throws(YAMLFailure) -> CoreSchema.Resolved {
        func invalid() -> YAMLFailure {
            YAMLFailure(
                .invalidTaggedValue(tag: Self.shortTag(tag), value: String(decoding: text, as: UTF8.self)),
                at: event.start.index
            )
        }
        switch tag {
        case "!", CoreSchema.stringTag:
            return .string
        case CoreSchema.nullTag:
            guard CoreSchema.isNull(text) else { throw invalid() }
            return .null
        case CoreSchema.boolTag:
            guard let bool = CoreSchema.boolValue(text) else { throw invalid() }
            return .bool(bool)
        case CoreSchema.intTag:
            guard !text.isEmpty, let integer = CoreSchema.integerText(text) else { throw invalid() }
            return .integer(integer)
        case CoreSchema.floatTag:
            guard !text.isEmpty else { throw invalid() }
            if let integer = CoreSchema.integerText(text) { return .float(integer) }
            guard let float = CoreSchema.floatValue(text) else { throw invalid() }
            return float
        case CoreSchema.sequenceTag, CoreSchema.mappingTag:
            throw YAMLFailure(.tagMismatch(tag: Self.shortTag(tag), kind: "scalar"), at: event.start.index)
        default:
            warn("unknown tag '\(Self.shortTag(tag))'; the value is kept as a string", at: event.start, once: tag)
            return .string
        }
    }

    mutating func composeAlias(_ name: String, _ event: Event) throws(YAMLFailure) {
        guard let anchored = anchors[name] else {
            if openAnchors.contains(name) {
                throw YAMLFailure(.recursiveAlias(name), at: event.start.index)
            }
            throw YAMLFailure(.undefinedAlias(name), at: event.start.index)
        }
        aliasExpansion += anchored.nodeCount
        if aliasExpansion > limits.maximumAliasExpansion {
            throw YAMLFailure(.aliasExpansionTooLarge(limit: limits.maximumAliasExpansion), at: event.start.index)
        }
        var node = anchored.node
        let (endLine, endColumn) = lineAndColumn(event.end)
        node.relocate(start: location(event.start), endLine: endLine, endColumn: endColumn)
        try attach(node, anchored.value, nodeCount: anchored.nodeCount, start: event.start, end: event.end)
    }
}
