import DossierModel
import DossierTemplates
import XCTest

/// Compiles `(name, text)` pairs as `templates/<name>.mustache`.
func compile(
    _ templates: [(String, String)], components: Set<String> = [], options: CompileOptions = .strict,
    file: StaticString = #filePath, line: UInt = #line
) -> (TemplateLibrary?, [String]) {
    let sources = templates.map { TemplateSource(name: $0.0, text: $0.1, path: "templates/\($0.0).mustache") }
    let (library, diagnostics) = TemplateLibrary.compile(sources, components: components, options: options)
    return (library, diagnostics.map(\.description))
}

/// A library that must compile without any diagnostic.
func library(
    _ templates: [(String, String)], components: Set<String> = [], file: StaticString = #filePath, line: UInt = #line
) -> TemplateLibrary {
    let (library, diagnostics) = compile(templates, components: components)
    XCTAssertEqual(diagnostics, [], file: file, line: line)
    return library!
}
