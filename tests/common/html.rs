//! Questions a test asks of a published page, answered by parsing it as a browser does
//! (html5ever through scraper), with scripting off: a `<noscript>` is read as markup, as a reader
//! without JavaScript gets it.

use html5ever::driver::{self, ParseOpts};
use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use scraper::{ElementRef, Html, HtmlTreeSink, Node, Selector};

/// Parses a whole page.
pub fn parse(html: &str) -> Html {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    driver::parse_document(HtmlTreeSink::new(Html::new_document()), opts).one(html)
}

/// A CSS selector written in a test.
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css:?}: {e}"))
}

/// The text a reader sees on a page: the body's text without scripts or styles, each element's
/// text apart from its neighbours', spaces collapsed.
pub fn visible_text(html: &str) -> String {
    let page = parse(html);
    let body = page.select(&selector("body")).next();
    let mut words = Vec::new();
    collect_text(body.unwrap_or_else(|| page.root_element()), &mut words);
    words.join(" ")
}

fn collect_text<'a>(element: ElementRef<'a>, words: &mut Vec<&'a str>) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => words.extend(text.split_whitespace()),
            Node::Element(e) if matches!(e.name(), "script" | "style") => {}
            Node::Element(_) => collect_text(ElementRef::wrap(child).unwrap(), words),
            _ => {}
        }
    }
}

/// The values of every `href` attribute, in the order of the page.
pub fn links(html: &str) -> Vec<String> {
    attribute_values(html, "href")
}

/// The values of every `name` attribute in the page, in its order.
pub fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let page = parse(html);
    let css = format!("[{name}]");
    page.select(&selector(&css))
        .filter_map(|e| e.value().attr(name).map(str::to_owned))
        .collect()
}

/// Where a redirect page sends the browser (its `<meta http-equiv=refresh>`).
pub fn redirect_target(html: &str) -> String {
    let refresh = attribute_values(html, "content")
        .into_iter()
        .find(|c| c.starts_with("0; url="));
    refresh.expect("a meta refresh")["0; url=".len()..].to_owned()
}

/// The addresses a sitemap lists (`<loc>`), in its order.
pub fn sitemap_locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap().to_owned())
        .collect()
}

/// The page's JSON-LD (its first `application/ld+json` script), parsed.
pub fn json_ld(html: &str) -> serde_json::Value {
    let page = parse(html);
    let script = page
        .select(&selector(r#"script[type="application/ld+json"]"#))
        .next()
        .expect("a JSON-LD script");
    let body: String = script.text().collect();
    serde_json::from_str(&body).expect("JSON-LD parses")
}

/// The outer HTML of every element `css` selects, as the page has them.
pub fn outer_html(html: &str, css: &str) -> Vec<String> {
    let page = parse(html);
    page.select(&selector(css)).map(|e| e.html()).collect()
}

/// Each of `parts` occurs in `text`, in this order.
#[track_caller]
pub fn assert_in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        match text[from..].find(part) {
            Some(i) => from += i + part.len(),
            None => {
                panic!("expected {part:?} after position {from}, in this order: {parts:?}\n{text}")
            }
        }
    }
}

/// The page has a link (`href`) to exactly `url`.
#[track_caller]
pub fn assert_links_to(html: &str, url: &str) {
    let all = links(html);
    assert!(
        all.iter().any(|l| l == url),
        "no link to {url} among {all:?}"
    );
}
