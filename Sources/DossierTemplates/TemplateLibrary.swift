import DossierModel

/// One template's text, handed in by the host (this module does no I/O).
public struct TemplateSource: Sendable {
    /// The name partials and parents use: "briefing", "partials/card".
    public var name: String
    public var text: String
    /// Shown in diagnostics: "templates/briefing.mustache".
    public var path: String

    public init(name: String, text: String, path: String) {
        self.name = name
        self.text = text
        self.path = path
    }
}

/// Where the engine is stricter than the Mustache spec. The spec's behaviour is one switch away
/// so the spec's own tests can run unchanged.
public struct CompileOptions: Sendable {
    /// A partial or parent naming no template is an error (the spec renders it as nothing).
    public var missingPartialIsError = true
    /// Text or tags other than `{{$block}}` directly inside `{{<parent}}` are an error (the spec
    /// ignores them).
    public var contentInsideParentIsError = true

    public init(missingPartialIsError: Bool = true, contentInsideParentIsError: Bool = true) {
        self.missingPartialIsError = missingPartialIsError
        self.contentInsideParentIsError = contentInsideParentIsError
    }

    public static let strict = CompileOptions()
    /// Exactly the behaviour the Mustache spec asks for.
    public static let spec = CompileOptions(missingPartialIsError: false, contentInsideParentIsError: false)
}

/// A set of templates compiled once into one program: flat instructions in which partials,
/// parents and blocks refer to each other by index, and every name is interned.
///
/// The language is Mustache as the official spec defines it: variables (`{{x}}` escapes,
/// `{{{x}}}` and `{{&x}}` do not), dotted names, `{{.}}`, sections, inverted sections, comments,
/// set delimiters, partials with standalone indentation, inheritance (`{{<parent}}`,
/// `{{$block}}`) and dynamic partials (`{{>*name}}`). Not supported: lambdas. Where it differs:
/// - empty text is falsy in sections (the spec does not say; a page never wants an empty `<p>`);
/// - in the default `.strict` mode a missing partial or parent is an error, and so is anything
///   but `{{$block}}` overrides directly inside a parent tag (`CompileOptions.spec` restores the
///   spec's behaviour: render nothing, ignore);
/// - a template that includes itself outside any section is an error (it would never finish);
/// - `{{@name}} … {{/name}}` hands its body to the host (see `ComponentCall`).
///
/// A library is immutable and `Sendable`: render from any number of threads at once.
public struct TemplateLibrary: Sendable {
    let program: Program

    /// Compiles every source and reports every problem of every template (syntax, missing
    /// partials, unknown components, unconditional recursion) in one run. The library is nil
    /// when there is an error; warnings come with a library.
    public static func compile(
        _ sources: [TemplateSource], components: Set<String> = [], options: CompileOptions = .strict
    ) -> (TemplateLibrary?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var index: [String: Int] = [:]
        var unique: [TemplateSource] = []
        for source in sources {
            if let first = index[source.name] {
                diagnostics.append(.error(source.path, "two templates are named '\(source.name)' (the other is \(unique[first].path))"))
                continue
            }
            index[source.name] = unique.count
            unique.append(source)
        }
        var trees: [[Node]?] = []
        for source in unique {
            var parser = Parser(text: source.text, path: source.path, options: options)
            trees.append(parser.parse())
            diagnostics += parser.diagnostics
        }
        var generator = CodeGenerator(sources: unique, index: index, components: components.sorted(), options: options)
        for (i, tree) in trees.enumerated() {
            generator.generate(template: i, tree ?? [])
        }
        diagnostics += generator.finish()
        let program = generator.program()
        diagnostics += program.unusedOverrideWarnings()
        diagnostics.sort()
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (TemplateLibrary(program: program), diagnostics)
    }

    public func has(_ name: String) -> Bool { program.templateIndex[name] != nil }

    /// Template names, sorted.
    public var names: [String] { program.templates.map(\.name).sorted() }

    /// A stable hash (FNV-1a, 64 bits) of the template's source and of every template it can
    /// reach through partials and parents, for incremental builds. It changes when any of them
    /// changes and not when an unrelated template does. Empty for an unknown name.
    public func fingerprint(_ name: String) -> String {
        guard let start = program.templateIndex[name] else { return "" }
        var reached: Set<Int> = [start]
        var queue = [start]
        while let t = queue.popLast() {
            let template = program.templates[t]
            let next = template.dynamic ? Array(program.templates.indices) : template.calls.map(Int.init)
            for callee in next where reached.insert(callee).inserted { queue.append(callee) }
        }
        var hash = FNV1a()
        for t in reached.sorted(by: { program.templates[$0].name < program.templates[$1].name }) {
            hash.add(program.templates[t].name)
            hash.add([0])
            hash.add(program.templates[t].source)
            hash.add([0])
        }
        return hash.hex
    }
}

/// FNV-1a, 64 bits: stable across runs and machines, unlike Swift's seeded `Hasher`.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for b in bytes {
            value ^= UInt64(b)
            value &*= 0x0000_0100_0000_01B3
        }
    }

    mutating func add(_ string: String) { add(string.utf8) }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

// MARK: - Program

/// One instruction. Bodies follow their opening instruction; `end` is the index after them.
enum Op {
    /// Bytes `start ..< start + count` of the text pool.
    case text(Int32, Int32)
    /// A source line starts: write the current indentation (usually none).
    case lineStart
    case variable(name: Int32, escaped: Bool)
    case section(name: Int32, end: Int32)
    case inverted(name: Int32, end: Int32)
    /// `indent`: index into `indents`, or -1.
    case partial(template: Int32, indent: Int32)
    case dynamicPartial(name: Int32, indent: Int32)
    /// Override bodies follow; `overrides` indexes `Program.overrides`.
    case parent(template: Int32, overrides: Int32, indent: Int32, end: Int32)
    /// The default content follows.
    case block(id: Int32, indent: Int32, end: Int32)
    case component(id: Int32, end: Int32)
}

/// The compiled templates. The tables the renderer reads on every instruction are plain values
/// in buffers this object owns and never changes after init, so reading them costs no reference
/// counting; the rest (names as written, sites, sources) serves checks and diagnostics.
final class Program: @unchecked Sendable {
    struct Template {
        var name: String
        var path: String
        var source: String
        var start: Int
        var end: Int
        /// Templates this one names in partial and parent tags.
        var calls: [Int32]
        /// It has a `{{>*dynamic}}` partial, so it may reach any template.
        var dynamic: Bool
    }

    struct Name {
        /// Key id of the first segment; -1 for `.`.
        var first: Int32
        /// Key ids of the other segments, in `restKeys`.
        var restStart: Int32
        var restCount: Int32
    }

    struct Override {
        var block: Int32
        var start: Int32
        var end: Int32
        /// The `{{$block}}` tag, for warnings.
        var line: Int32
        var column: Int32
    }

    /// `start ..< start + count` of another table.
    struct Span {
        var start: Int32
        var count: Int32
    }

    /// Where an instruction's tag is: template, line, column, and the tag as written.
    struct Site {
        var template: Int32
        var line: Int32
        var column: Int32
        var source: String
        /// Components: the template line where the body starts.
        var bodyLine: Int32 = 0
    }

    let ops: UnsafeMutableBufferPointer<Op>
    /// Text of the templates, then the indentation strings.
    let bytes: UnsafeMutableBufferPointer<UInt8>
    let names: UnsafeMutableBufferPointer<Name>
    let restKeys: UnsafeMutableBufferPointer<Int32>
    /// Per override table, its entries in `overrideEntries`.
    let overrides: UnsafeMutableBufferPointer<Span>
    let overrideEntries: UnsafeMutableBufferPointer<Override>
    /// Per indentation, its bytes in `bytes`.
    let indents: UnsafeMutableBufferPointer<Span>

    let sites: [Site]
    let nameSpecs: [NameSpec]
    let blockNames: [String]
    let componentNames: [String]
    let templates: [Template]
    let templateIndex: [String: Int]

    init(
        ops: [Op], sites: [Site], pool: [UInt8], names: [Name], nameSpecs: [NameSpec], restKeys: [Int32],
        overrides: [[Override]], indents: [[UInt8]], blockNames: [String], componentNames: [String], templates: [Template]
    ) {
        self.ops = Self.buffer(ops)
        var text = pool
        var indentSpans: [Span] = []
        for indent in indents {
            indentSpans.append(Span(start: Int32(text.count), count: Int32(indent.count)))
            text += indent
        }
        self.bytes = Self.buffer(text)
        self.indents = Self.buffer(indentSpans)
        self.names = Self.buffer(names)
        self.restKeys = Self.buffer(restKeys)
        var spans: [Span] = []
        var entries: [Override] = []
        for table in overrides {
            spans.append(Span(start: Int32(entries.count), count: Int32(table.count)))
            entries += table
        }
        self.overrides = Self.buffer(spans)
        self.overrideEntries = Self.buffer(entries)
        self.sites = sites
        self.nameSpecs = nameSpecs
        self.blockNames = blockNames
        self.componentNames = componentNames
        self.templates = templates
        self.templateIndex = Dictionary(uniqueKeysWithValues: templates.enumerated().map { ($1.name, $0) })
    }

    deinit {
        ops.deallocate()
        bytes.deallocate()
        names.deallocate()
        restKeys.deallocate()
        overrides.deallocate()
        overrideEntries.deallocate()
        indents.deallocate()
    }

    private static func buffer<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, array.count))
        _ = buffer.initialize(from: array)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
    }

    /// The overrides of one parent call.
    func overrideTable(_ table: Int32) -> UnsafeMutableBufferPointer<Override> {
        let span = overrides[Int(table)]
        return UnsafeMutableBufferPointer(rebasing: overrideEntries[Int(span.start)..<Int(span.start + span.count)])
    }

    func diagnostic(_ severity: Diagnostic.Severity, at op: Int, _ message: String) -> Diagnostic {
        let site = sites[op]
        return Diagnostic(severity, templates[Int(site.template)].path, line: Int(site.line), column: Int(site.column), message)
    }

    /// Block names each template can render, itself or through what it calls (nil: unknown,
    /// because a dynamic partial may reach anything).
    func reachableBlocks() -> [Set<Int32>?] {
        var own: [Set<Int32>] = Array(repeating: [], count: templates.count)
        for (t, template) in templates.enumerated() {
            for pc in template.start..<template.end {
                if case .block(let id, _, _) = ops[pc] { own[t].insert(id) }
            }
        }
        var result: [Set<Int32>?] = own.map { $0 }
        var changed = true
        while changed {
            changed = false
            for (t, template) in templates.enumerated() {
                guard var set = result[t] else { continue }
                if template.dynamic {
                    result[t] = nil
                    changed = true
                    continue
                }
                for callee in template.calls {
                    guard let other = result[Int(callee)] else {
                        result[t] = nil
                        changed = true
                        break
                    }
                    if !other.isSubset(of: set) {
                        set.formUnion(other)
                        result[t] = set
                        changed = true
                    }
                }
            }
        }
        return result
    }

    /// An override of a block the parent never renders is a typo or a leftover.
    func unusedOverrideWarnings() -> [Diagnostic] {
        let blocks = reachableBlocks()
        var warnings: [Diagnostic] = []
        for pc in ops.indices {
            guard case .parent(let target, let table, _, _) = ops[pc], let known = blocks[Int(target)] else { continue }
            for override in overrideTable(table) where !known.contains(override.block) {
                let name = blockNames[Int(override.block)]
                let parent = templates[Int(target)].name
                warnings.append(Diagnostic(
                    .warning, templates[Int(sites[pc].template)].path, line: Int(override.line), column: Int(override.column),
                    "block '\(name)' is not a block of '\(parent)' or of the templates it includes, so this override is never used"))
            }
        }
        return warnings
    }
}

// MARK: - Code generation

struct CodeGenerator {
    let sources: [TemplateSource]
    let index: [String: Int]
    let components: [String]
    let options: CompileOptions

    private var ops: [Op] = []
    private var sites: [Program.Site] = []
    private var pool: [UInt8] = []
    private var names: [Program.Name] = []
    private var nameSpecs: [NameSpec] = []
    private var nameIDs: [String: Int32] = [:]
    private var restKeys: [Int32] = []
    private var overrides: [[Program.Override]] = []
    private var indents: [[UInt8]] = []
    private var indentIDs: [[UInt8]: Int32] = [:]
    private var blockNames: [String] = []
    private var blockIDs: [String: Int32] = [:]
    private var templates: [Program.Template] = []
    private var diagnostics: [Diagnostic] = []

    /// The instruction a following text may extend (nil after anything else).
    private var openText: Int?
    private var current = 0
    /// Calls made outside any section or block: following only these can never end.
    private var unconditional: [[(callee: Int, op: Int)]] = []
    private var conditionDepth = 0

    init(sources: [TemplateSource], index: [String: Int], components: [String], options: CompileOptions) {
        self.sources = sources
        self.index = index
        self.components = components
        self.options = options
    }

    mutating func generate(template t: Int, _ tree: [Node]) {
        current = t
        unconditional.append([])
        let start = ops.count
        openText = nil
        var calls: Set<Int32> = []
        var dynamic = false
        emit(tree, calls: &calls, dynamic: &dynamic)
        templates.append(Program.Template(
            name: sources[t].name, path: sources[t].path, source: sources[t].text,
            start: start, end: ops.count, calls: calls.sorted(), dynamic: dynamic))
    }

    /// Unconditional recursion (a template that always includes itself) is an error: it would
    /// never finish rendering.
    mutating func finish() -> [Diagnostic] {
        var reported: Set<Set<Int>> = []
        for start in templates.indices {
            var path: [(template: Int, op: Int)] = []
            var onPath: Set<Int> = [start]
            func visit(_ t: Int) -> [(template: Int, op: Int)]? {
                for call in unconditional[t] {
                    path.append((t, call.op))
                    if call.callee == start { return path }
                    if !onPath.contains(call.callee) {
                        onPath.insert(call.callee)
                        if let cycle = visit(call.callee) { return cycle }
                        onPath.remove(call.callee)
                    }
                    path.removeLast()
                }
                return nil
            }
            guard let cycle = visit(start) else { continue }
            let members = Set(cycle.map(\.template))
            guard reported.insert(members).inserted else { continue }
            let chain = (cycle.map { templates[$0.template].name } + [templates[start].name]).joined(separator: " → ")
            let last = cycle.last!
            let site = sites[last.op]
            diagnostics.append(.error(
                templates[last.template].path, line: Int(site.line), column: Int(site.column),
                "'\(templates[start].name)' includes itself outside any section (\(chain)), so it would never finish"))
        }
        return diagnostics
    }

    func program() -> Program {
        Program(
            ops: ops, sites: sites, pool: pool, names: names, nameSpecs: nameSpecs, restKeys: restKeys, overrides: overrides,
            indents: indents, blockNames: blockNames, componentNames: components, templates: templates)
    }

    private mutating func append(_ op: Op, _ site: TagSite?, bodyLine: Int = 0) {
        ops.append(op)
        sites.append(Program.Site(
            template: Int32(current), line: Int32(site?.line ?? 0), column: Int32(site?.column ?? 0),
            source: site?.source ?? "", bodyLine: Int32(bodyLine)))
        openText = nil
    }

    private mutating func name(_ spec: NameSpec) -> Int32 {
        if let id = nameIDs[spec.text] { return id }
        let id = Int32(names.count)
        let first = spec.segments.first.map { Key($0).id } ?? -1
        let restStart = Int32(restKeys.count)
        for segment in spec.segments.dropFirst() { restKeys.append(Key(segment).id) }
        names.append(Program.Name(first: first, restStart: restStart, restCount: Int32(max(0, spec.segments.count - 1))))
        nameSpecs.append(spec)
        nameIDs[spec.text] = id
        return id
    }

    private mutating func indent(_ bytes: [UInt8]?) -> Int32 {
        guard let bytes, !bytes.isEmpty else { return -1 }
        if let id = indentIDs[bytes] { return id }
        let id = Int32(indents.count)
        indents.append(bytes)
        indentIDs[bytes] = id
        return id
    }

    private mutating func block(_ name: String) -> Int32 {
        if let id = blockIDs[name] { return id }
        let id = Int32(blockNames.count)
        blockNames.append(name)
        blockIDs[name] = id
        return id
    }

    private mutating func error(_ site: TagSite, _ message: String) {
        diagnostics.append(.error(sources[current].path, line: site.line, column: site.column, message))
    }

    /// The template a partial or parent tag names; a missing one is an error in strict mode.
    private mutating func resolve(_ name: String, _ site: TagSite, what: String) -> Int? {
        if let t = index[name] { return t }
        if options.missingPartialIsError {
            var message = "\(what) '\(name)' does not exist"
            if let close = Suggestion.closest(to: name, in: Array(index.keys)) { message += " (did you mean '\(close)'?)" }
            error(site, message)
        }
        return nil
    }

    private mutating func patchEnd(_ at: Int) {
        let end = Int32(ops.count)
        switch ops[at] {
        case .section(let n, _): ops[at] = .section(name: n, end: end)
        case .inverted(let n, _): ops[at] = .inverted(name: n, end: end)
        case .parent(let t, let o, let i, _): ops[at] = .parent(template: t, overrides: o, indent: i, end: end)
        case .block(let id, let i, _): ops[at] = .block(id: id, indent: i, end: end)
        case .component(let id, _): ops[at] = .component(id: id, end: end)
        default: break
        }
        openText = nil
    }

    private mutating func conditional(_ body: () -> Void) {
        conditionDepth += 1
        body()
        conditionDepth -= 1
    }

    private mutating func emit(_ nodes: [Node], calls: inout Set<Int32>, dynamic: inout Bool) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                if let open = openText, case .text(let start, let count) = ops[open], Int(start + count) == pool.count {
                    ops[open] = .text(start, count + Int32(bytes.count))
                    pool += bytes
                } else {
                    let start = Int32(pool.count)
                    pool += bytes
                    append(.text(start, Int32(bytes.count)), nil)
                    openText = ops.count - 1
                }
            case .lineStart:
                append(.lineStart, nil)
            case .variable(let spec, let escaped, let site):
                append(.variable(name: name(spec), escaped: escaped), site)
            case .section(let spec, let inverted, let body, let site):
                let at = ops.count
                let n = name(spec)
                append(inverted ? .inverted(name: n, end: 0) : .section(name: n, end: 0), site)
                conditionDepth += 1
                emit(body, calls: &calls, dynamic: &dynamic)
                conditionDepth -= 1
                patchEnd(at)
            case .partial(let partial, let indentation, let site):
                guard let t = resolve(partial, site, what: "partial") else { continue }
                calls.insert(Int32(t))
                if conditionDepth == 0 { unconditional[current].append((t, ops.count)) }
                append(.partial(template: Int32(t), indent: indent(indentation)), site)
            case .dynamicPartial(let spec, let indentation, let site):
                dynamic = true
                append(.dynamicPartial(name: name(spec), indent: indent(indentation)), site)
            case .parent(let parent, let indentation, let bodies, let site):
                guard let t = resolve(parent, site, what: "parent template") else { continue }
                calls.insert(Int32(t))
                if conditionDepth == 0 { unconditional[current].append((t, ops.count)) }
                let at = ops.count
                let table = Int32(overrides.count)
                overrides.append([])
                append(.parent(template: Int32(t), overrides: table, indent: indent(indentation), end: 0), site)
                var entries: [Program.Override] = []
                conditionDepth += 1
                for body in bodies {
                    openText = nil
                    let start = Int32(ops.count)
                    emit(body.body, calls: &calls, dynamic: &dynamic)
                    let id = block(body.name)
                    if !entries.contains(where: { $0.block == id }) {
                        entries.append(Program.Override(
                            block: id, start: start, end: Int32(ops.count),
                            line: Int32(body.site.line), column: Int32(body.site.column)))
                    }
                    openText = nil
                }
                conditionDepth -= 1
                overrides[Int(table)] = entries
                patchEnd(at)
            case .block(let blockName, let indentation, let body, let site):
                let at = ops.count
                append(.block(id: block(blockName), indent: indent(indentation), end: 0), site)
                conditionDepth += 1
                emit(body, calls: &calls, dynamic: &dynamic)
                conditionDepth -= 1
                patchEnd(at)
            case .component(let component, let body, let site, let bodyLine):
                guard let id = components.firstIndex(of: component) else {
                    let known = components.isEmpty ? "no components are registered" : "known: " + components.joined(separator: ", ")
                    error(site, "unknown component '\(component)' (\(known))")
                    continue
                }
                let at = ops.count
                append(.component(id: Int32(id), end: 0), site, bodyLine: bodyLine)
                conditionDepth += 1
                emit(body, calls: &calls, dynamic: &dynamic)
                conditionDepth -= 1
                patchEnd(at)
            }
        }
    }
}

/// "Did you mean …?": the closest candidate within a small edit distance.
enum Suggestion {
    static func closest(to name: String, in candidates: [String]) -> String? {
        let limit = max(1, min(3, name.count / 3))
        var best: (String, Int)?
        for candidate in candidates.sorted() where candidate != name {
            let d = distance(name, candidate)
            if d <= limit, d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`: "titel" is one from "title".
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
