/// Reads a template's tokens into statements and expressions, with Jinja's grammar and
/// operator precedence (`~` binds tighter than `+`, `**` is left-associative, filters bind to
/// the unary operand).
struct Parser {
    private let tokens: [Token]
    private var index = 0
    private var depth = 0
    /// Whether the statements parsed are at the template's top level (or in an `if` there),
    /// where alone `extends` may be written.
    private var atTopLevel = true
    /// How deep blocks and expressions may nest.
    static let depthLimit = 100

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// The statements of the template `source`.
    static func parse(_ source: String) throws -> [Node] {
        var parser = Parser(tokens: try Lexer.tokens(of: source))
        let (nodes, end) = try parser.nodes(until: [])
        if let end { throw parser.error("unexpected '\(end)'", at: parser.tokens[parser.index - 1]) }
        return nodes
    }

    /// Parses one expression alone (a `when:` condition).
    static func parseExpression(_ source: String) throws -> Expression {
        var tokens = try Lexer.tokens(of: "{{" + source + "}}")
        tokens = tokens.map {
            Token(kind: $0.kind, position: Position(line: $0.position.line, column: max(1, $0.position.column - 2)))
        }
        var parser = Parser(tokens: Array(tokens.dropFirst()))
        let expression = try parser.expression()
        guard parser.current.kind == .variableEnd, parser.tokens.count == parser.index + 2 else {
            throw parser.error("unexpected \(parser.current.text)", at: parser.current)
        }
        return expression
    }

    // MARK: tokens

    private var current: Token { tokens[index] }

    private mutating func next() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func error(_ message: String, at token: Token) -> TemplateError {
        TemplateError(.syntax, message, line: token.position.line, column: token.position.column)
    }

    private mutating func expect(_ symbol: String) throws {
        guard current.isSymbol(symbol) else { throw error("expected '\(symbol)', found \(current.text)", at: current) }
        _ = next()
    }

    private mutating func expectName() throws -> String {
        guard case .name(let name) = current.kind else {
            throw error("expected a name, found \(current.text)", at: current)
        }
        _ = next()
        return name
    }

    private mutating func expectBlockEnd() throws {
        guard current.kind == .blockEnd else { throw error("expected '%}', found \(current.text)", at: current) }
        _ = next()
    }

    private mutating func skipName(_ word: String) -> Bool {
        guard current.isName(word) else { return false }
        _ = next()
        return true
    }

    private mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.depthLimit else {
            throw TemplateError(
                .limit, "nests more than \(Self.depthLimit) levels deep", line: current.position.line,
                column: current.position.column)
        }
        return try body(&self)
    }

    // MARK: statements

    /// The statements of a body that is its own scope (a loop's, a macro's, a block's), up to a
    /// block tag named in `ends`.
    private mutating func scopedNodes(until ends: Set<String>) throws -> ([Node], String?) {
        let saved = atTopLevel
        defer { atTopLevel = saved }
        atTopLevel = false
        return try nodes(until: ends)
    }

    /// Statements up to a block tag named in `ends` (whose name is consumed and returned).
    private mutating func nodes(until ends: Set<String>) throws -> ([Node], String?) {
        var nodes: [Node] = []
        while true {
            let token = next()
            switch token.kind {
            case .end:
                if !ends.isEmpty {
                    throw error(
                        "the template ends before '{% \(ends.sorted().joined(separator: "' or '{% ")) %}'", at: token)
                }
                return (nodes, nil)
            case .data(let text): nodes.append(.text(text))
            case .variableBegin:
                let expression = try self.expression()
                guard current.kind == .variableEnd else {
                    throw error("expected '}}', found \(current.text)", at: current)
                }
                _ = next()
                nodes.append(.output(expression, token.position))
            case .blockBegin:
                let nameToken = current
                let name = try expectName()
                if ends.contains(name) { return (nodes, name) }
                nodes.append(try nested { try $0.statement(name, at: nameToken) })
            default:
                throw error("unexpected \(token.text)", at: token)
            }
        }
    }

    private mutating func statement(_ name: String, at token: Token) throws -> Node {
        switch name {
        case "if": return try branches()
        case "for": return try loop(at: token)
        case "set": return try assignment(at: token)
        case "macro": return try macro(at: token)
        case "include": return try inclusion(at: token)
        case "import": return try importing(at: token)
        case "from": return try importingNames(at: token)
        case "extends":
            guard atTopLevel else { throw error("cannot use extends from a non top-level scope", at: token) }
            let template = try expression()
            try expectBlockEnd()
            return .extends(template, token.position)
        case "block": return try block(at: token)
        case "filter":
            let filters = try filterChain()
            try expectBlockEnd()
            let (body, _) = try scopedNodes(until: ["endfilter"])
            try expectBlockEnd()
            return .filterBlock(body, filters: filters)
        default:
            throw error("unknown tag '\(name)'", at: token)
        }
    }

    private mutating func branches() throws -> Node {
        var branches: [(Expression, [Node])] = []
        var condition = try expression()
        while true {
            try expectBlockEnd()
            let (body, end) = try nodes(until: ["elif", "else", "endif"])
            branches.append((condition, body))
            switch end {
            case "elif": condition = try expression()
            case "else":
                try expectBlockEnd()
                let (otherwise, _) = try nodes(until: ["endif"])
                try expectBlockEnd()
                return .branches(branches, otherwise: otherwise)
            default:
                try expectBlockEnd()
                return .branches(branches, otherwise: [])
            }
        }
    }

    private mutating func loop(at token: Token) throws -> Node {
        var targets: [String] = []
        let parenthesized = current.isSymbol("(")
        if parenthesized { _ = next() }
        repeat {
            targets.append(try expectName())
        } while current.isSymbol(",") && next().isSymbol(",") && !current.isName("in")
        if parenthesized { try expect(")") }
        guard skipName("in") else { throw error("expected 'in', found \(current.text)", at: current) }
        let iterable = try conditionless()
        let condition = skipName("if") ? try expression() : nil
        _ = skipName("recursive")
        try expectBlockEnd()
        let (body, end) = try scopedNodes(until: ["else", "endfor"])
        var otherwise: [Node] = []
        if end == "else" {
            try expectBlockEnd()
            otherwise = try scopedNodes(until: ["endfor"]).0
        }
        try expectBlockEnd()
        return .loop(
            Loop(
                targets: targets, iterable: iterable, condition: condition, body: body, otherwise: otherwise,
                position: token.position))
    }

    private mutating func assignment(at token: Token) throws -> Node {
        var names = [try expectName()]
        if current.isSymbol(".") {
            _ = next()
            names[0] += "." + (try expectName())
            try expect("=")
            let value = try expression()
            try expectBlockEnd()
            return .assign(names, value, token.position)
        }
        while current.isSymbol(",") {
            _ = next()
            names.append(try expectName())
        }
        if current.isSymbol("=") {
            _ = next()
            let value = try tupleOrExpression()
            try expectBlockEnd()
            return .assign(names, value, token.position)
        }
        guard names.count == 1 else { throw error("expected '=', found \(current.text)", at: current) }
        let filters = try filterChain()
        try expectBlockEnd()
        let (body, _) = try scopedNodes(until: ["endset"])
        try expectBlockEnd()
        return .capture(names[0], body, filters: filters)
    }

    /// `| name(args) | name …` (the first bar optional, as after `{% filter`).
    private mutating func filterChain() throws -> [(String, Arguments, Position)] {
        var filters: [(String, Arguments, Position)] = []
        while current.isSymbol("|") || (filters.isEmpty && current.kind != .blockEnd && !current.isSymbol("=")) {
            if current.isSymbol("|") { _ = next() }
            let at = current.position
            let name = try dottedName()
            filters.append((name, current.isSymbol("(") ? try arguments() : .none, at))
        }
        return filters
    }

    private mutating func macro(at token: Token) throws -> Node {
        let name = try expectName()
        try expect("(")
        var parameters: [(String, Expression?)] = []
        while !current.isSymbol(")") {
            let parameter = try expectName()
            var value: Expression?
            if current.isSymbol("=") {
                _ = next()
                value = try expression()
            }
            parameters.append((parameter, value))
            if !current.isSymbol(")") { try expect(",") }
        }
        _ = next()
        try expectBlockEnd()
        let (body, _) = try scopedNodes(until: ["endmacro"])
        if case .name = current.kind { _ = next() }
        try expectBlockEnd()
        return .macro(MacroDefinition(name: name, parameters: parameters, body: body, position: token.position))
    }

    // MARK: other templates

    private mutating func inclusion(at token: Token) throws -> Node {
        let template = try expression()
        var ignoreMissing = false
        if current.isName("ignore") && tokens[index + 1].isName("missing") {
            index += 2
            ignoreMissing = true
        }
        let withContext = context() ?? true
        try expectBlockEnd()
        return .include(
            Inclusion(
                template: template, ignoreMissing: ignoreMissing, withContext: withContext, position: token.position))
    }

    /// `with context` (true) or `without context` (false) if that comes next.
    private mutating func context() -> Bool? {
        guard current.isName("with") || current.isName("without"), tokens[index + 1].isName("context") else {
            return nil
        }
        let with = current.isName("with")
        index += 2
        return with
    }

    private mutating func importing(at token: Token) throws -> Node {
        let template = try expression()
        guard skipName("as") else { throw error("expected 'as', found \(current.text)", at: current) }
        let alias = try expectName()
        let withContext = context() ?? false
        try expectBlockEnd()
        return .importing(
            ImportStatement(
                template: template, alias: alias, names: [], withContext: withContext, position: token.position))
    }

    private mutating func importingNames(at token: Token) throws -> Node {
        let template = try expression()
        guard skipName("import") else { throw error("expected 'import', found \(current.text)", at: current) }
        var names: [(name: String, boundTo: String)] = [], withContext: Bool?
        while withContext == nil {
            if !names.isEmpty {
                guard current.isSymbol(",") else { break }
                _ = next()
            }
            withContext = context()
            guard withContext == nil else { break }
            let nameToken = current
            let name = try expectName()
            guard !name.hasPrefix("_") else {
                throw error("names starting with an underline can not be imported", at: nameToken)
            }
            names.append((name, skipName("as") ? try expectName() : name))
            withContext = context()
        }
        try expectBlockEnd()
        return .importing(
            ImportStatement(
                template: template, alias: nil, names: names, withContext: withContext ?? false,
                position: token.position))
    }

    private mutating func block(at token: Token) throws -> Node {
        let name = try expectName()
        let scoped = skipName("scoped"), required = skipName("required")
        if current.isSymbol("-") {
            throw error("block names may not contain hyphens, use an underscore instead", at: current)
        }
        try expectBlockEnd()
        let (body, _) = try scopedNodes(until: ["endblock"])
        if required,
            body.contains(where: { if case .text(let text) = $0 { !text.allSatisfy(\.isWhitespace) } else { true } })
        {
            throw error("required blocks can only contain comments or whitespace", at: token)
        }
        _ = skipName(name)
        try expectBlockEnd()
        return .block(
            BlockDefinition(name: name, body: body, scoped: scoped, required: required, position: token.position))
    }

    // MARK: expressions

    /// `a, b` as a tuple (as `set x = 1, 2` makes one), else one expression.
    private mutating func tupleOrExpression() throws -> Expression {
        let first = try expression()
        guard current.isSymbol(",") else { return first }
        var items = [first]
        while current.isSymbol(",") {
            _ = next()
            if current.kind == .blockEnd { break }
            items.append(try expression())
        }
        return .tuple(items)
    }

    /// An expression, with a trailing `if … else …`.
    mutating func expression() throws -> Expression {
        try nested { parser in
            let value = try parser.or()
            guard parser.current.isName("if") else { return value }
            let at = parser.next().position
            let condition = try parser.or()
            let otherwise = parser.skipName("else") ? try parser.expression() : nil
            return .conditional(value: value, condition: condition, otherwise: otherwise, at)
        }
    }

    /// An expression without a trailing `if` (a loop's iterable, whose `if` filters).
    private mutating func conditionless() throws -> Expression { try or() }

    private mutating func or() throws -> Expression {
        var left = try and()
        while current.isName("or") {
            let at = next().position
            left = .binary("or", left, try and(), at)
        }
        return left
    }

    private mutating func and() throws -> Expression {
        var left = try not()
        while current.isName("and") {
            let at = next().position
            left = .binary("and", left, try not(), at)
        }
        return left
    }

    private mutating func not() throws -> Expression {
        guard current.isName("not") else { return try compare() }
        let at = next().position
        return .unary("not", try nested { try $0.not() }, at)
    }

    private static let comparisons: Set<String> = ["==", "!=", "<", "<=", ">", ">="]

    private mutating func compare() throws -> Expression {
        let at = current.position
        let first = try math1()
        var rest: [(String, Expression)] = []
        while true {
            if case .symbol(let symbol) = current.kind, Self.comparisons.contains(symbol) {
                _ = next()
                rest.append((symbol, try math1()))
            } else if current.isName("in") {
                _ = next()
                rest.append(("in", try math1()))
            } else if current.isName("not") && tokens[index + 1].isName("in") {
                index += 2
                rest.append(("not in", try math1()))
            } else {
                break
            }
        }
        return rest.isEmpty ? first : .compare(first, rest, at)
    }

    private mutating func math1() throws -> Expression {
        var left = try concat()
        while current.isSymbol("+") || current.isSymbol("-") {
            let token = next()
            guard case .symbol(let symbol) = token.kind else { break }
            left = .binary(symbol, left, try concat(), token.position)
        }
        return left
    }

    private mutating func concat() throws -> Expression {
        let at = current.position
        var parts = [try math2()]
        while current.isSymbol("~") {
            _ = next()
            parts.append(try math2())
        }
        return parts.count == 1 ? parts[0] : .concat(parts, at)
    }

    private mutating func math2() throws -> Expression {
        var left = try power()
        while ["*", "/", "//", "%"].contains(where: current.isSymbol) {
            let token = next()
            guard case .symbol(let symbol) = token.kind else { break }
            left = .binary(symbol, left, try power(), token.position)
        }
        return left
    }

    private mutating func power() throws -> Expression {
        var left = try unary(filters: true)
        while current.isSymbol("**") {
            let at = next().position
            left = .binary("**", left, try unary(filters: true), at)
        }
        return left
    }

    private mutating func unary(filters: Bool) throws -> Expression {
        var node: Expression
        if current.isSymbol("-") || current.isSymbol("+") {
            let token = next()
            guard case .symbol(let symbol) = token.kind else { throw error("unexpected \(token.text)", at: token) }
            node = .unary(symbol, try nested { try $0.unary(filters: false) }, token.position)
        } else {
            node = try primary()
        }
        node = try postfix(node)
        return filters ? try filterTail(node) : node
    }

    private mutating func primary() throws -> Expression {
        let token = next()
        switch token.kind {
        case .name(let name):
            switch name {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None": return .literal(.none)
            default: return .name(name, token.position)
            }
        case .string(var text):
            while case .string(let more) = current.kind {
                text += more
                _ = next()
            }
            return .literal(.string(text))
        case .integer(let number): return .literal(.int(number))
        case .float(let number): return .literal(.double(number))
        case .symbol("("):
            if current.isSymbol(")") {
                _ = next()
                return .tuple([])
            }
            let inner = try expression()
            if current.isSymbol(",") {
                var items = [inner]
                while current.isSymbol(",") {
                    _ = next()
                    if current.isSymbol(")") { break }
                    items.append(try expression())
                }
                try expect(")")
                return .tuple(items)
            }
            try expect(")")
            return inner
        case .symbol("["):
            var items: [Expression] = []
            while !current.isSymbol("]") {
                items.append(try expression())
                if !current.isSymbol("]") { try expect(",") }
            }
            _ = next()
            return .list(items)
        case .symbol("{"):
            var pairs: [(Expression, Expression)] = []
            while !current.isSymbol("}") {
                let key = try expression()
                try expect(":")
                pairs.append((key, try expression()))
                if !current.isSymbol("}") { try expect(",") }
            }
            _ = next()
            return .dict(pairs)
        default:
            throw error("unexpected \(token.text)", at: token)
        }
    }

    private mutating func postfix(_ subject: Expression) throws -> Expression {
        var node = subject
        while true {
            if current.isSymbol(".") {
                let at = next().position
                switch next().kind {
                case .name(let name): node = .attribute(node, name, at)
                case .integer(let number): node = .item(node, .literal(.int(number)), at)
                default: throw error("expected an attribute name after '.'", at: tokens[index - 1])
                }
            } else if current.isSymbol("[") {
                node = try subscriptOrSlice(node)
            } else if current.isSymbol("(") {
                let at = current.position
                node = .call(node, try arguments(), at)
            } else {
                return node
            }
        }
    }

    private mutating func subscriptOrSlice(_ subject: Expression) throws -> Expression {
        let at = next().position
        var parts: [Expression?] = []
        var current: Expression?
        while !self.current.isSymbol("]") {
            if self.current.isSymbol(":") {
                _ = next()
                parts.append(current)
                current = nil
            } else {
                current = try expression()
            }
        }
        _ = next()
        guard !parts.isEmpty else {
            guard let key = current else { throw error("expected a subscript", at: tokens[index - 1]) }
            return .item(subject, key, at)
        }
        parts.append(current)
        while parts.count < 3 { parts.append(nil) }
        return .slice(subject, parts[0], parts[1], parts[2], at)
    }

    private mutating func arguments() throws -> Arguments {
        try expect("(")
        var arguments = Arguments()
        while !current.isSymbol(")") {
            if case .name(let name) = current.kind, tokens[index + 1].isSymbol("=") {
                index += 2
                arguments.named.append((name, try expression()))
            } else {
                arguments.positional.append(try expression())
            }
            if !current.isSymbol(")") { try expect(",") }
        }
        _ = next()
        return arguments
    }

    private mutating func dottedName() throws -> String {
        var name = try expectName()
        while current.isSymbol("."), case .name(let part) = tokens[index + 1].kind {
            index += 2
            name += "." + part
        }
        return name
    }

    private mutating func filterTail(_ subject: Expression) throws -> Expression {
        var node = subject
        while true {
            if current.isSymbol("|") {
                _ = next()
                let at = current.position
                let name = try dottedName()
                node = .filter(node, name, current.isSymbol("(") ? try arguments() : .none, at)
            } else if current.isName("is") {
                _ = next()
                let at = current.position
                let negated = skipName("not")
                let name = try dottedName()
                var arguments = Arguments.none
                if current.isSymbol("(") {
                    arguments = try self.arguments()
                } else if startsTestArgument {
                    arguments.positional = [try postfix(try primary())]
                }
                node = .test(node, name, arguments, negated: negated, at)
            } else if current.isSymbol("(") {
                let at = current.position
                node = .call(node, try arguments(), at)
            } else {
                return node
            }
        }
    }

    /// Whether a test's single argument follows without parentheses (`x is divisibleby 3`).
    private var startsTestArgument: Bool {
        switch current.kind {
        case .name(let name): return !["else", "or", "and", "if", "is", "in", "not"].contains(name)
        case .string, .integer, .float: return true
        case .symbol(let symbol): return symbol == "[" || symbol == "{"
        default: return false
        }
    }
}
