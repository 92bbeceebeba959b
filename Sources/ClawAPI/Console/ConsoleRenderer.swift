import Mustache

/// Renders a console page: the page's template with its view, inside the layout.
struct ConsoleRenderer: Sendable {
    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all {
            // The templates are constants of this file's module; one that does not parse is a build mistake.
            guard let template = try? MustacheTemplate(string: text) else { preconditionFailure("console template \(name)") }
            library.register(template, named: name)
        }
        self.library = library
    }

    /// What the layout shows around every page.
    struct Layout {
        struct Item {
            var href: String
            var label: String
            var current: Bool
        }

        struct Nav {
            var items: [Item]
            var who: String
            var csrf: String
        }

        var title: String
        var nav: Nav?
        var flash: String?
        var error: String?
        /// The console's event stream for live updates, when the page has any.
        var events: String?
        var body = ""
    }

    func page(_ template: String, _ view: Any, _ layout: Layout) -> String {
        var layout = layout
        layout.body = library.render(view, withTemplate: template) ?? ""
        return library.render(layout, withTemplate: "layout") ?? ""
    }
}
