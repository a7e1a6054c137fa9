import Diagnostics
import JSON

/// The composer: turns events into node trees and JSON values, resolving aliases, tags and the core schema.
///
/// It keeps an explicit stack of open collections, so no input can overflow the call stack.
struct Composer {
    private struct Frame {
        var isMapping: Bool
        var isFlow: Bool
        var start: Mark
        var location: FileLocation
        var anchor: String?
        var tag: String?
        var lastEnd: Mark
        var nodes: [YAMLNode] = []
        var values: [JSONValue] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var members: [JSONObject.Member] = []
        var keyIndex: [String: Int]? = nil
        var pendingKey: YAMLNode? = nil
        var pendingKeyText = ""
        var pendingKeyStart = Mark(index: 0, line: 0, lineStart: 0)
        var nodeCount = 1
    }

    private struct Anchored {
        var node: YAMLNode
        var value: JSONValue
        var nodeCount: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let path: String
    private let limits: YAMLLimits
    private var parser: Parser
    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var openAnchors: Set<String> = []
    private var aliasExpansion = 0
    private var warnings: [Diagnostic] = []
    private var warnedTags: Set<String> = []
    private var root: (node: YAMLNode, value: JSONValue)?
    // The last location computed, so columns on long lines are counted incrementally.
    private var cachedLineStart = -1
    private var cachedIndex = 0
    private var cachedColumn = 1

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, limits: YAMLLimits) {
        self.bytes = bytes
        self.path = path
        self.limits = limits
        self.parser = Parser(scanner: Scanner(bytes: bytes, maximumDepth: limits.maximumDepth))
    }

    /// Loads every document of the stream.
    mutating func composeStream() throws(YAMLFailure) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        while true {
            let event = try parser.next()
            switch event.kind {
            case .streamStart:
                continue
            case .streamEnd:
                return documents
            case .documentStart:
                anchors.removeAll(keepingCapacity: true)
                root = nil
                warnings = []
                warnedTags = []
            case .documentEnd:
                collectParserWarnings()
                let composed =
                    root.take()
                    ?? (
                        makeNode(
                            .scalar(YAMLScalar("")),
                            tag: .null,
                            anchor: nil,
                            start: event.start,
                            end: event.start
                        ), .null
                    )
                documents.append(YAMLDocument(root: composed.node, value: composed.value, warnings: warnings))
            case .alias(let name):
                try composeAlias(name, event)
            case .scalar(let text, let style):
                let (node, value) = try composeScalar(text, style, event)
                try attach(node, value, nodeCount: 1, start: event.start, end: event.end)
            case .sequenceStart, .mappingStart:
                try open(event)
            case .sequenceEnd, .mappingEnd:
                try close(event)
            }
        }
    }

    private mutating func collectParserWarnings() {
        for (message, offset) in parser.scanner.warnings + parser.warnings {
            let mark = Self.mark(ofOffset: offset, in: bytes)
            warnings.append(Diagnostic(.warning, message, at: location(mark)))
        }
        parser.scanner.warnings = []
        parser.warnings = []
    }

    // MARK: - Locations

    /// The mark of a byte offset, counting lines from the start (for the rare warning that has only an offset).
    static func mark(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Mark {
        var mark = Mark(index: 0, line: 1, lineStart: 0)
        let stop = min(offset, bytes.count)
        while mark.index < stop {
            let byte = bytes[mark.index]
            mark.index += 1
            if byte == Byte.lineFeed
                || (byte == Byte.carriageReturn && (mark.index >= bytes.count || bytes[mark.index] != Byte.lineFeed))
            {
                mark.line += 1
                mark.lineStart = mark.index
            }
        }
        return mark
    }

    /// The line and column (in Unicode scalars) of a mark.
    mutating func lineAndColumn(_ mark: Mark) -> (line: Int, column: Int) {
        var column: Int
        var from: Int
        if mark.lineStart == cachedLineStart && mark.index >= cachedIndex {
            column = cachedColumn
            from = cachedIndex
        } else {
            column = 1
            from = mark.lineStart
        }
        let stop = min(mark.index, bytes.count)
        while from < stop {
            if bytes[from] & 0xC0 != 0x80 {
                column += 1
            }
            from += 1
        }
        cachedLineStart = mark.lineStart
        cachedIndex = stop
        cachedColumn = column
        return (mark.line, column)
    }

    /// The location of a mark, with the column in Unicode scalars.
    mutating func location(_ mark: Mark) -> FileLocation {
        let (line, column) = lineAndColumn(mark)
        return FileLocation(path: path, line: line, column: column)
    }

    /// A node at `start..<end`.
    private mutating func makeNode(
        _ kind: YAMLNode.Kind,
        tag: StoredTag,
        anchor: String?,
        start: Mark,
        end: Mark
    ) -> YAMLNode {
        let startLocation = location(start)
        let (endLine, endColumn) = lineAndColumn(end)
        return YAMLNode(
            kind,
            coreTag: tag,
            anchor: anchor,
            location: startLocation,
            endLine: endLine,
            endColumn: endColumn
        )
    }

    // MARK: - Nodes

    private mutating func warn(_ message: String, at mark: Mark, once key: String) {
        guard !warnedTags.contains(key) else { return }
        warnedTags.insert(key)
        warnings.append(Diagnostic(.warning, message, at: location(mark)))
    }

    /// A tag as people write it: `!!int` for the core schema, `!local`, or `!<uri>`.
    private static func shortTag(_ tag: String) -> String {
        if tag.hasPrefix("tag:yaml.org,2002:") { return "!!" + tag.dropFirst(18) }
        if tag.hasPrefix("!") { return tag }
        return "!<\(tag)>"
    }

    private mutating func composeScalar(
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
    private mutating func resolveTagged(
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

    private mutating func composeAlias(_ name: String, _ event: Event) throws(YAMLFailure) {
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

    // MARK: - Collections

    private mutating func open(_ event: Event) throws(YAMLFailure) {
        guard stack.count < limits.maximumDepth else {
            throw YAMLFailure(.tooDeep(limit: limits.maximumDepth), at: event.start.index)
        }
        let isMapping: Bool
        let isFlow: Bool
        switch event.kind {
        case .mappingStart(let flow):
            isMapping = true
            isFlow = flow
        case .sequenceStart(let flow):
            isMapping = false
            isFlow = flow
        default:
            return
        }
        if let tag = event.tag {
            let kind = isMapping ? "mapping" : "sequence"
            switch tag {
            case CoreSchema.mappingTag where isMapping, CoreSchema.sequenceTag where !isMapping, "!":
                break
            case _
            where tag.hasPrefix("tag:yaml.org,2002:")
                && ["str", "int", "float", "bool", "null", "seq", "map"]
                    .contains(String(tag.dropFirst(18))):
                throw YAMLFailure(.tagMismatch(tag: Self.shortTag(tag), kind: kind), at: event.start.index)
            default:
                warn("unknown tag '\(Self.shortTag(tag))'; the \(kind) is kept as it is", at: event.start, once: tag)
            }
        }
        if let anchor = event.anchor {
            openAnchors.insert(anchor)
            anchors[anchor] = nil
        }
        stack.append(
            Frame(
                isMapping: isMapping,
                isFlow: isFlow,
                start: event.start,
                location: location(event.start),
                anchor: event.anchor,
                tag: event.tag,
                lastEnd: event.end
            )
        )
    }

    private mutating func close(_ event: Event) throws(YAMLFailure) {
        guard let frame = stack.popLast() else { return }
        let end = frame.isFlow ? event.end : frame.lastEnd
        let node: YAMLNode
        let value: JSONValue
        let explicit = frame.tag == "!" ? nil : frame.tag
        let (endLine, endColumn) = lineAndColumn(end)
        if frame.isMapping {
            node = YAMLNode(
                .mapping(frame.pairs),
                coreTag: explicit.map { StoredTag($0) } ?? .mapping,
                anchor: frame.anchor,
                location: frame.location,
                endLine: endLine,
                endColumn: endColumn
            )
            value = .object(JSONObject(uniqueMembers: frame.members, index: frame.keyIndex))
        } else {
            node = YAMLNode(
                .sequence(frame.nodes),
                coreTag: explicit.map { StoredTag($0) } ?? .sequence,
                anchor: frame.anchor,
                location: frame.location,
                endLine: endLine,
                endColumn: endColumn
            )
            value = .array(frame.values)
        }
        if let anchor = frame.anchor {
            openAnchors.remove(anchor)
            anchors[anchor] = Anchored(node: node, value: value, nodeCount: frame.nodeCount)
        }
        try attach(node, value, nodeCount: frame.nodeCount, start: frame.start, end: end)
    }

    /// Adds a finished node to the collection being built, or makes it the document's root.
    private mutating func attach(
        _ node: consuming YAMLNode,
        _ value: consuming JSONValue,
        nodeCount: Int,
        start: Mark,
        end: Mark
    ) throws(YAMLFailure) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = (node, value)
            return
        }
        stack[top].nodeCount += nodeCount
        stack[top].lastEnd = end
        guard stack[top].isMapping else {
            stack[top].nodes.append(node)
            stack[top].values.append(value)
            return
        }
        guard let keyNode = stack[top].pendingKey.take() else {
            switch node.kind {
            case .scalar(let scalar):
                stack[top].pendingKeyText = scalar.value
                stack[top].pendingKeyStart = start
            case .sequence:
                throw YAMLFailure(.complexKey("sequence"), at: start.index)
            case .mapping:
                throw YAMLFailure(.complexKey("mapping"), at: start.index)
            }
            stack[top].pendingKey = consume node
            return
        }
        let keyText = stack[top].pendingKeyText
        var existing: Int?
        if let index = stack[top].keyIndex {
            existing = index[keyText]
        } else {
            for position in stack[top].members.indices where stack[top].members[position].key == keyText {
                existing = position
                break
            }
        }
        if let existing {
            let first = stack[top].pairs[existing].key.location
            throw YAMLFailure(.duplicateKey(keyText, firstAt: first), at: stack[top].pendingKeyStart.index)
        }
        stack[top].pairs.append((keyNode, node))
        stack[top].members.append((keyText, value))
        let count = stack[top].members.count
        if stack[top].keyIndex != nil {
            stack[top].keyIndex?[keyText] = count - 1
        } else if count > 12 {
            var index = [String: Int](minimumCapacity: count * 2)
            for (position, member) in stack[top].members.enumerated() {
                index[member.key] = position
            }
            stack[top].keyIndex = index
        }
    }
}
