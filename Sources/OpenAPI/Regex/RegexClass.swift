/// A character class: `[a-z\d]`, `\w`, `\p{Letter}`, or its negation.
struct RegexClass: Sendable {
    var items: [RegexClassItem]
    var isNegated: Bool

    func contains(_ scalar: UInt32) -> Bool {
        var found = false
        for item in items where item.contains(scalar) {
            found = true
            break
        }
        return found != isNegated
    }
}

/// One member of a character class.
enum RegexClassItem: Sendable {
    case range(UInt32, UInt32)
    case digit(isNegated: Bool)
    case word(isNegated: Bool)
    case space(isNegated: Bool)
    case property(UnicodePropertySet, isNegated: Bool)

    func contains(_ scalar: UInt32) -> Bool {
        switch self {
        case .range(let low, let high): low <= scalar && scalar <= high
        case .digit(let isNegated): RegexCharacters.isDigit(scalar) != isNegated
        case .word(let isNegated): RegexCharacters.isWord(scalar) != isNegated
        case .space(let isNegated): RegexCharacters.isSpace(scalar) != isNegated
        case .property(let property, let isNegated): property.contains(scalar) != isNegated
        }
    }
}

/// ECMA-262's fixed character sets.
enum RegexCharacters {
    /// `\d`: ASCII digits only.
    static func isDigit(_ scalar: UInt32) -> Bool { scalar >= 0x30 && scalar <= 0x39 }

    /// `\w`: `[A-Za-z0-9_]` only.
    static func isWord(_ scalar: UInt32) -> Bool {
        (scalar >= 0x61 && scalar <= 0x7A) || (scalar >= 0x41 && scalar <= 0x5A) || isDigit(scalar) || scalar == 0x5F
    }

    /// `\s`: WhiteSpace and LineTerminator of ECMA-262, including U+FEFF.
    static func isSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// What `.` does not match: `\n`, `\r`, U+2028, U+2029.
    static func isLineTerminator(_ scalar: UInt32) -> Bool {
        scalar == 0x0A || scalar == 0x0D || scalar == 0x2028 || scalar == 0x2029
    }
}

/// The code points a `\p{…}` escape names: general categories (by bit) or a binary property.
struct UnicodePropertySet: Sendable {
    enum Binary: Sendable {
        case any, ascii, assigned, alphabetic, whiteSpace, uppercase, lowercase, hexDigit, asciiHexDigit
        case emoji, ideographic, math, dash, noncharacter
    }

    var categories: UInt64
    var binary: Binary?

    func contains(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else {
            // Lone surrogates cannot occur in a Swift string; only \p{Cs} would name them.
            return categories & Self.bit(.surrogate) != 0
        }
        if let binary {
            let properties = scalar.properties
            switch binary {
            case .any: return true
            case .ascii: return value < 0x80
            case .assigned: return properties.generalCategory != .unassigned
            case .alphabetic: return properties.isAlphabetic
            case .whiteSpace: return properties.isWhitespace
            case .uppercase: return properties.isUppercase
            case .lowercase: return properties.isLowercase
            case .hexDigit: return properties.isHexDigit
            case .asciiHexDigit: return properties.isASCIIHexDigit
            case .emoji: return properties.isEmoji
            case .ideographic: return properties.isIdeographic
            case .math: return properties.isMath
            case .dash: return properties.isDash
            case .noncharacter: return properties.isNoncharacterCodePoint
            }
        }
        return categories & Self.bit(scalar.properties.generalCategory) != 0
    }

    /// Reads a property name as `\p{…}` spells it: a general category (`L`, `Letter`, `gc=Lu`,
    /// `General_Category=Decimal_Number`), the alias `digit`, or a binary property (`Alphabetic`, `ASCII`, …).
    init?(name rawName: String) {
        var name = rawName
        if let equals = name.firstIndex(of: "=") {
            let key = Self.loose(String(name[..<equals]))
            guard key == "gc" || key == "generalcategory" else { return nil }  // Script= is unsupported
            name = String(name[name.index(after: equals)...])
        }
        let key = Self.loose(name)
        if let categories = Self.categoryNames[key] {
            self.categories = categories.reduce(0) { $0 | Self.bit($1) }
            self.binary = nil
            return
        }
        guard let binary = Self.binaryNames[key] else { return nil }
        self.categories = 0
        self.binary = binary
    }

    private static func loose(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    private static func bit(_ category: Unicode.GeneralCategory) -> UInt64 {
        let index: Int
        switch category {
        case .uppercaseLetter: index = 0
        case .lowercaseLetter: index = 1
        case .titlecaseLetter: index = 2
        case .modifierLetter: index = 3
        case .otherLetter: index = 4
        case .nonspacingMark: index = 5
        case .spacingMark: index = 6
        case .enclosingMark: index = 7
        case .decimalNumber: index = 8
        case .letterNumber: index = 9
        case .otherNumber: index = 10
        case .connectorPunctuation: index = 11
        case .dashPunctuation: index = 12
        case .openPunctuation: index = 13
        case .closePunctuation: index = 14
        case .initialPunctuation: index = 15
        case .finalPunctuation: index = 16
        case .otherPunctuation: index = 17
        case .mathSymbol: index = 18
        case .currencySymbol: index = 19
        case .modifierSymbol: index = 20
        case .otherSymbol: index = 21
        case .spaceSeparator: index = 22
        case .lineSeparator: index = 23
        case .paragraphSeparator: index = 24
        case .control: index = 25
        case .format: index = 26
        case .surrogate: index = 27
        case .privateUse: index = 28
        case .unassigned: index = 29
        @unknown default: index = 29
        }
        return 1 << UInt64(index)
    }

    private static let letters: [Unicode.GeneralCategory] = [
        .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
    ]
    private static let marks: [Unicode.GeneralCategory] = [.nonspacingMark, .spacingMark, .enclosingMark]
    private static let numbers: [Unicode.GeneralCategory] = [.decimalNumber, .letterNumber, .otherNumber]
    private static let punctuation: [Unicode.GeneralCategory] = [
        .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
        .finalPunctuation, .otherPunctuation,
    ]
    private static let symbols: [Unicode.GeneralCategory] = [
        .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
    ]
    private static let separators: [Unicode.GeneralCategory] = [
        .spaceSeparator, .lineSeparator, .paragraphSeparator,
    ]
    private static let others: [Unicode.GeneralCategory] = [
        .control, .format, .surrogate, .privateUse, .unassigned,
    ]

    /// General category names and aliases (UCD PropertyValueAliases.txt), in loose form.
    private static let categoryNames: [String: [Unicode.GeneralCategory]] = [
        "l": letters, "letter": letters, "lc": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter],
        "casedletter": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter],
        "lu": [.uppercaseLetter], "uppercaseletter": [.uppercaseLetter],
        "ll": [.lowercaseLetter], "lowercaseletter": [.lowercaseLetter],
        "lt": [.titlecaseLetter], "titlecaseletter": [.titlecaseLetter],
        "lm": [.modifierLetter], "modifierletter": [.modifierLetter],
        "lo": [.otherLetter], "otherletter": [.otherLetter],
        "m": marks, "mark": marks, "combiningmark": marks,
        "mn": [.nonspacingMark], "nonspacingmark": [.nonspacingMark],
        "mc": [.spacingMark], "spacingmark": [.spacingMark],
        "me": [.enclosingMark], "enclosingmark": [.enclosingMark],
        "n": numbers, "number": numbers,
        "nd": [.decimalNumber], "decimalnumber": [.decimalNumber], "digit": [.decimalNumber],
        "nl": [.letterNumber], "letternumber": [.letterNumber],
        "no": [.otherNumber], "othernumber": [.otherNumber],
        "p": punctuation, "punctuation": punctuation, "punct": punctuation,
        "pc": [.connectorPunctuation], "connectorpunctuation": [.connectorPunctuation],
        "pd": [.dashPunctuation], "dashpunctuation": [.dashPunctuation],
        "ps": [.openPunctuation], "openpunctuation": [.openPunctuation],
        "pe": [.closePunctuation], "closepunctuation": [.closePunctuation],
        "pi": [.initialPunctuation], "initialpunctuation": [.initialPunctuation],
        "pf": [.finalPunctuation], "finalpunctuation": [.finalPunctuation],
        "po": [.otherPunctuation], "otherpunctuation": [.otherPunctuation],
        "s": symbols, "symbol": symbols,
        "sm": [.mathSymbol], "mathsymbol": [.mathSymbol],
        "sc": [.currencySymbol], "currencysymbol": [.currencySymbol],
        "sk": [.modifierSymbol], "modifiersymbol": [.modifierSymbol],
        "so": [.otherSymbol], "othersymbol": [.otherSymbol],
        "z": separators, "separator": separators,
        "zs": [.spaceSeparator], "spaceseparator": [.spaceSeparator],
        "zl": [.lineSeparator], "lineseparator": [.lineSeparator],
        "zp": [.paragraphSeparator], "paragraphseparator": [.paragraphSeparator],
        "c": others, "other": others,
        "cc": [.control], "control": [.control], "cntrl": [.control],
        "cf": [.format], "format": [.format],
        "cs": [.surrogate], "surrogate": [.surrogate],
        "co": [.privateUse], "privateuse": [.privateUse],
        "cn": [.unassigned], "unassigned": [.unassigned],
    ]

    private static let binaryNames: [String: Binary] = [
        "any": .any, "ascii": .ascii, "assigned": .assigned, "alphabetic": .alphabetic, "alpha": .alphabetic,
        "whitespace": .whiteSpace, "space": .whiteSpace, "wspace": .whiteSpace, "uppercase": .uppercase,
        "upper": .uppercase, "lowercase": .lowercase, "lower": .lowercase, "hexdigit": .hexDigit,
        "hex": .hexDigit, "asciihexdigit": .asciiHexDigit, "ahex": .asciiHexDigit, "emoji": .emoji,
        "ideographic": .ideographic, "ideo": .ideographic, "math": .math, "dash": .dash,
        "noncharactercodepoint": .noncharacter, "nchar": .noncharacter,
    ]
}
