/// A parsed ECMA-262 pattern.
indirect enum RegexNode: Sendable {
    case empty
    case scalar(UInt32)
    case dot
    case set(RegexClass)
    case sequence([RegexNode])
    case alternation([RegexNode])
    case capture(RegexNode, index: Int)
    case group(RegexNode)
    case quantified(RegexNode, min: Int, max: Int?, isGreedy: Bool)
    case lineStart
    case lineEnd
    case wordBoundary(isNegated: Bool)
    case look(RegexNode, isBehind: Bool, isNegated: Bool)
    case backReference(Int)
}

/// Reads ECMA-262 pattern text (with the `u` flag's rules and Annex B's leniency) into a ``RegexNode`` tree.
struct RegexParser {
    let pattern: String
    let scalars: [UInt32]
    var position = 0
    private(set) var groupCount = 0
    private var groupNames: [String: Int] = [:]
    private var pendingNamedReferences: [(name: String, offset: Int)] = []
    private let totalGroups: Int

    init(pattern: String) {
        self.pattern = pattern
        self.scalars = pattern.unicodeScalars.map(\.value)
        self.totalGroups = Self.countGroups(scalars)
    }

    mutating func parse() throws(RegexSyntaxError) -> RegexNode {
        let node = try parseDisjunction()
        if position < scalars.count {
            throw error(scalars[position] == 0x29 ? "unmatched ')'" : "unexpected character")
        }
        return try resolveNamedReferences(node)
    }

    func error(_ reason: String, at offset: Int? = nil) -> RegexSyntaxError {
        RegexSyntaxError(pattern: pattern, reason: reason, offset: offset ?? position)
    }

    private var current: UInt32? { position < scalars.count ? scalars[position] : nil }

    private func peek(_ offset: Int) -> UInt32? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func parseDisjunction() throws(RegexSyntaxError) -> RegexNode {
        var alternatives = [try parseAlternative()]
        while current == 0x7C {  // |
            position += 1
            alternatives.append(try parseAlternative())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func parseAlternative() throws(RegexSyntaxError) -> RegexNode {
        var terms: [RegexNode] = []
        while let scalar = current, scalar != 0x7C, scalar != 0x29 {
            terms.append(try parseTerm())
        }
        switch terms.count {
        case 0: return .empty
        case 1: return terms[0]
        default: return .sequence(terms)
        }
    }

    private mutating func parseTerm() throws(RegexSyntaxError) -> RegexNode {
        let start = position
        guard let scalar = current else { throw error("unexpected end of pattern") }
        let atom: RegexNode
        switch scalar {
        case 0x5E:  // ^
            position += 1
            return .lineStart
        case 0x24:  // $
            position += 1
            return .lineEnd
        case 0x5C where peek(1) == 0x62 || peek(1) == 0x42:  // \b \B
            position += 2
            return .wordBoundary(isNegated: scalars[position - 1] == 0x42)
        case 0x28:  // (
            atom = try parseGroup()
        case 0x2E:  // .
            position += 1
            atom = .dot
        case 0x5B:  // [
            atom = .set(try parseClass())
        case 0x5C:  // \
            atom = try parseAtomEscape()
        case 0x2A, 0x2B, 0x3F:  // * + ?
            throw error("nothing to repeat")
        case 0x7B:  // {
            if (try? scanQuantifierBraces()) != nil {
                throw error("nothing to repeat")
            }
            position += 1
            atom = .scalar(scalar)
        default:
            position += 1
            atom = .scalar(scalar)
        }
        return try parseQuantifier(for: atom, start: start)
    }

    private mutating func parseQuantifier(for atom: RegexNode, start: Int) throws(RegexSyntaxError) -> RegexNode {
        var minimum: Int
        var maximum: Int?
        switch current {
        case 0x2A:
            position += 1
            (minimum, maximum) = (0, nil)
        case 0x2B:
            position += 1
            (minimum, maximum) = (1, nil)
        case 0x3F:
            position += 1
            (minimum, maximum) = (0, 1)
        case 0x7B:
            guard let (low, high, end) = try scanQuantifierBraces() else { return atom }
            position = end
            (minimum, maximum) = (low, high)
        default:
            return atom
        }
        if let maximum, maximum < minimum {
            throw error("numbers out of order in {} quantifier", at: start)
        }
        var isGreedy = true
        if current == 0x3F {
            position += 1
            isGreedy = false
        }
        if case .lineStart = atom { throw error("nothing to repeat", at: start) }
        if case .lineEnd = atom { throw error("nothing to repeat", at: start) }
        if case .wordBoundary = atom { throw error("nothing to repeat", at: start) }
        if case .look(_, true, _) = atom { throw error("a lookbehind cannot be repeated", at: start) }
        minimum = min(minimum, 100_000)
        return .quantified(atom, min: minimum, max: maximum.map { min($0, 100_000) }, isGreedy: isGreedy)
    }

    /// Reads `{n}`, `{n,}` or `{n,m}` at the current position without consuming it; `nil` when the brace is
    /// a literal (Annex B).
    private func scanQuantifierBraces() throws(RegexSyntaxError) -> (Int, Int?, Int)? {
        var index = position + 1
        func number() -> Int? {
            var value = 0
            var digits = 0
            while index < scalars.count, scalars[index] >= 0x30, scalars[index] <= 0x39 {
                value = min(value * 10 + Int(scalars[index] - 0x30), 1_000_000_000)
                index += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if index < scalars.count, scalars[index] == 0x2C {
            index += 1
            high = number()
        }
        guard index < scalars.count, scalars[index] == 0x7D else { return nil }
        return (low, high, index + 1)
    }

    private mutating func parseGroup() throws(RegexSyntaxError) -> RegexNode {
        let start = position
        position += 1
        var kind: (capture: Bool, look: (behind: Bool, negated: Bool)?) = (true, nil)
        var name: String?
        if current == 0x3F {  // ?
            switch peek(1) {
            case 0x3A: kind = (false, nil)
            case 0x3D: kind = (false, (false, false))
            case 0x21: kind = (false, (false, true))
            case 0x3C where peek(2) == 0x3D: kind = (false, (true, false))
            case 0x3C where peek(2) == 0x21: kind = (false, (true, true))
            case 0x3C:
                position += 2
                name = try parseGroupName()
            default:
                throw error("invalid group")
            }
            if name == nil {
                position += kind.look?.behind == true ? 3 : 2
            }
        }
        var index = 0
        if kind.capture {
            groupCount += 1
            index = groupCount
            if let name {
                guard groupNames[name] == nil else { throw error("duplicate group name '\(name)'", at: start) }
                groupNames[name] = index
            }
        }
        let body = try parseDisjunction()
        guard current == 0x29 else { throw error("missing ')'", at: start) }
        position += 1
        if let look = kind.look {
            return .look(body, isBehind: look.behind, isNegated: look.negated)
        }
        return kind.capture ? .capture(body, index: index) : .group(body)
    }

    /// Reads `name>` after `(?<` or `\k<`.
    private mutating func parseGroupName() throws(RegexSyntaxError) -> String {
        var name = ""
        while let scalar = current, scalar != 0x3E {
            guard let unicode = Unicode.Scalar(scalar),
                unicode.properties.isAlphabetic || unicode == "_" || unicode == "$"
                    || (!name.isEmpty && unicode.properties.numericType != nil)
            else { throw error("invalid group name") }
            name.unicodeScalars.append(unicode)
            position += 1
        }
        guard current == 0x3E, !name.isEmpty else { throw error("invalid group name") }
        position += 1
        return name
    }

    private mutating func parseAtomEscape() throws(RegexSyntaxError) -> RegexNode {
        position += 1  // backslash
        guard let scalar = current else { throw error("\\ at end of pattern") }
        switch scalar {
        case 0x31...0x39:  // back reference
            let start = position
            var value = 0
            while let digit = current, digit >= 0x30, digit <= 0x39 {
                value = min(value * 10 + Int(digit - 0x30), 1_000_000)
                position += 1
            }
            guard value <= totalGroups else {
                throw error("back reference to group \(value), which does not exist", at: start)
            }
            return .backReference(value)
        case 0x6B where peek(1) == 0x3C:  // \k<name>
            let start = position
            position += 2
            let name = try parseGroupName()
            pendingNamedReferences.append((name, start))
            return .backReference(-pendingNamedReferences.count)
        default:
            switch try parseCharacterEscape(inClass: false) {
            case .single(let value): return .scalar(value)
            case .item(let item): return .set(RegexClass(items: [item], isNegated: false))
            }
        }
    }

    private enum Escape {
        case single(UInt32)
        case item(RegexClassItem)
    }

    /// Reads the escape after a backslash (the backslash already consumed).
    private mutating func parseCharacterEscape(inClass: Bool) throws(RegexSyntaxError) -> Escape {
        guard let scalar = current else { throw error("\\ at end of pattern") }
        position += 1
        switch scalar {
        case 0x64: return .item(.digit(isNegated: false))  // d
        case 0x44: return .item(.digit(isNegated: true))
        case 0x77: return .item(.word(isNegated: false))  // w
        case 0x57: return .item(.word(isNegated: true))
        case 0x73: return .item(.space(isNegated: false))  // s
        case 0x53: return .item(.space(isNegated: true))
        case 0x74: return .single(0x09)  // t
        case 0x6E: return .single(0x0A)  // n
        case 0x76: return .single(0x0B)  // v
        case 0x66: return .single(0x0C)  // f
        case 0x72: return .single(0x0D)  // r
        case 0x62 where inClass: return .single(0x08)  // \b in a class is backspace
        case 0x30 where !(current.map { $0 >= 0x30 && $0 <= 0x39 } ?? false): return .single(0)
        case 0x63:  // \cX
            if let letter = current, (0x41...0x5A).contains(letter) || (0x61...0x7A).contains(letter) {
                position += 1
                return .single(letter % 32)
            }
            position -= 1
            return .single(0x5C)  // Annex B: a lone backslash before 'c'
        case 0x78:  // \xHH
            if let value = hexDigits(count: 2) { return .single(value) }
            return .single(0x78)
        case 0x75:  // \uHHHH, \u{…}
            return .single(try parseUnicodeEscape())
        case 0x70, 0x50:  // \p{…} \P{…}
            let property = try parseProperty()
            return .item(.property(property, isNegated: scalar == 0x50))
        default:
            if let unicode = Unicode.Scalar(scalar), unicode.properties.isAlphabetic || (0x30...0x39).contains(scalar) {
                // Annex B identity escape of a letter or digit: the character itself.
                return .single(scalar)
            }
            return .single(scalar)
        }
    }

    private mutating func hexDigits(count: Int) -> UInt32? {
        guard position + count <= scalars.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<count {
            guard let digit = Self.hexValue(scalars[position + offset]) else { return nil }
            value = value * 16 + digit
        }
        position += count
        return value
    }

    private static func hexValue(_ scalar: UInt32) -> UInt32? {
        switch scalar {
        case 0x30...0x39: scalar - 0x30
        case 0x41...0x46: scalar - 0x41 + 10
        case 0x61...0x66: scalar - 0x61 + 10
        default: nil
        }
    }

    private mutating func parseUnicodeEscape() throws(RegexSyntaxError) -> UInt32 {
        if current == 0x7B {  // {
            position += 1
            var value: UInt32 = 0
            var digits = 0
            while let scalar = current, let digit = Self.hexValue(scalar) {
                value = value &* 16 &+ digit
                digits += 1
                position += 1
                guard value <= 0x10FFFF else { throw error("\\u{…} beyond U+10FFFF") }
            }
            guard digits > 0, current == 0x7D else { throw error("invalid \\u{…} escape") }
            position += 1
            return value
        }
        guard let high = hexDigits(count: 4) else { return 0x75 }  // Annex B: 'u'
        if (0xD800...0xDBFF).contains(high), current == 0x5C, peek(1) == 0x75 {
            let saved = position
            position += 2
            if let low = hexDigits(count: 4), (0xDC00...0xDFFF).contains(low) {
                return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            }
            position = saved
        }
        return high
    }

    private mutating func parseProperty() throws(RegexSyntaxError) -> UnicodePropertySet {
        let start = position
        guard current == 0x7B else { throw error("\\p needs {…}") }
        position += 1
        var text = ""
        while let scalar = current, scalar != 0x7D, let unicode = Unicode.Scalar(scalar) {
            text.unicodeScalars.append(unicode)
            position += 1
        }
        guard current == 0x7D else { throw error("unterminated \\p{…}", at: start) }
        position += 1
        guard let property = UnicodePropertySet(name: text) else {
            throw error("unsupported Unicode property '\(text)'", at: start)
        }
        return property
    }

    private mutating func parseClass() throws(RegexSyntaxError) -> RegexClass {
        let start = position
        position += 1
        var isNegated = false
        if current == 0x5E {
            isNegated = true
            position += 1
        }
        var items: [RegexClassItem] = []
        while let scalar = current, scalar != 0x5D {
            let first = try parseClassAtom()
            if current == 0x2D, let next = peek(1), next != 0x5D {  // a range a-b
                position += 1
                let second = try parseClassAtom()
                switch (first, second) {
                case (.single(let low), .single(let high)):
                    guard low <= high else { throw error("range out of order in character class") }
                    items.append(.range(low, high))
                case (.single(let low), .item(let item)):
                    items += [.range(low, low), .range(0x2D, 0x2D), item]  // Annex B: '-' is literal
                case (.item(let item), .single(let high)):
                    items += [item, .range(0x2D, 0x2D), .range(high, high)]
                case (.item(let left), .item(let right)):
                    items += [left, .range(0x2D, 0x2D), right]
                }
                continue
            }
            switch first {
            case .single(let value): items.append(.range(value, value))
            case .item(let item): items.append(item)
            }
            _ = scalar
        }
        guard current == 0x5D else { throw error("missing ']'", at: start) }
        position += 1
        return RegexClass(items: items, isNegated: isNegated)
    }

    private mutating func parseClassAtom() throws(RegexSyntaxError) -> Escape {
        guard let scalar = current else { throw error("missing ']'") }
        if scalar == 0x5C {
            position += 1
            if current == 0x2D {
                position += 1
                return .single(0x2D)
            }
            return try parseCharacterEscape(inClass: true)
        }
        position += 1
        return .single(scalar)
    }

    /// Replaces `\k<name>` placeholders (negative indexes) with group numbers.
    private func resolveNamedReferences(_ node: RegexNode) throws(RegexSyntaxError) -> RegexNode {
        if pendingNamedReferences.isEmpty { return node }
        var failure: RegexSyntaxError?
        let resolved = node.rewritingBackReferences { placeholder in
            let reference = pendingNamedReferences[-placeholder - 1]
            guard let index = groupNames[reference.name] else {
                failure = error("no group named '\(reference.name)'", at: reference.offset)
                return 0
            }
            return index
        }
        if let failure { throw failure }
        return resolved
    }

    /// The number of capturing groups, so `\10` can be told from `\1` followed by `0`.
    private static func countGroups(_ scalars: [UInt32]) -> Int {
        var count = 0
        var index = 0
        var inClass = false
        while index < scalars.count {
            switch scalars[index] {
            case 0x5C: index += 1
            case 0x5B: inClass = true
            case 0x5D: inClass = false
            case 0x28 where !inClass:
                if index + 1 < scalars.count, scalars[index + 1] == 0x3F {
                    if index + 2 < scalars.count, scalars[index + 2] == 0x3C, index + 3 < scalars.count,
                        scalars[index + 3] != 0x3D, scalars[index + 3] != 0x21
                    {
                        count += 1
                    }
                } else {
                    count += 1
                }
            default: break
            }
            index += 1
        }
        return count
    }
}

extension RegexNode {
    /// The tree with every back reference index passed through `transform` where it is negative.
    func rewritingBackReferences(_ transform: (Int) -> Int) -> RegexNode {
        switch self {
        case .backReference(let index) where index < 0: .backReference(transform(index))
        case .sequence(let nodes): .sequence(nodes.map { $0.rewritingBackReferences(transform) })
        case .alternation(let nodes): .alternation(nodes.map { $0.rewritingBackReferences(transform) })
        case .capture(let node, let index): .capture(node.rewritingBackReferences(transform), index: index)
        case .group(let node): .group(node.rewritingBackReferences(transform))
        case .quantified(let node, let low, let high, let isGreedy):
            .quantified(node.rewritingBackReferences(transform), min: low, max: high, isGreedy: isGreedy)
        case .look(let node, let isBehind, let isNegated):
            .look(node.rewritingBackReferences(transform), isBehind: isBehind, isNegated: isNegated)
        default: self
        }
    }
}
