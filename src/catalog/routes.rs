//! Every address of the site: where each kind of page lives, and how an entry's address is
//! made from its name, code or id. The catalog derives each entry's address here, once; render,
//! check and the commands read them from the catalog. Addresses are printed on leaflets and
//! shared in messages, so these never change once published.

use crate::model::Level;
use crate::slug::{short_code, slugify};

pub const PROCEDURES: &str = "/thu-tuc/";
pub const GUIDES: &str = "/huong-dan/";
pub const FIELDS: &str = "/linh-vuc/";
pub const AGENCIES: &str = "/co-quan/";
pub const LEVELS: &str = "/cap/";
pub const LIFE_EVENTS: &str = "/su-kien/";
pub const SHORT: &str = "/p/";
pub const SEARCH: &str = "/tim-kiem/";
/// Leaflets (tờ gấp): `/to-gap/<code digits>/`, bundles under `/to-gap/linh-vuc/<id>/` and
/// `/to-gap/su-kien/<id>/` (codes have digits, so they never take those names).
pub const LEAFLETS: &str = "/to-gap/";

/// The printable version of a page, below its address: `/huong-dan/x/in/`.
pub const PRINT: &str = "in/";

/// A–Z pages, one per initial letter: `/thu-tuc/chu-dd/` for Đ.
pub const LETTERS: &str = "/thu-tuc/chu-";

/// Single addresses the site always generates.
pub const GENERATED: [&str; 17] = [
    "/",
    PROCEDURES,
    GUIDES,
    FIELDS,
    AGENCIES,
    LEVELS,
    LIFE_EVENTS,
    SEARCH,
    LEAFLETS,
    NOT_FOUND,
    SITEMAP,
    ROBOTS,
    FEED,
    CATALOG_JSON,
    CATALOG_CSV,
    "/index.html",
    "/favicon.ico",
];

/// Address prefixes that belong to generated pages (short addresses, A–Z letters, assets).
pub const GENERATED_PREFIXES: [&str; 4] = [SHORT, LETTERS, LEAFLETS, "/assets/"];

/// First path segments that free pages may not take.
pub const RESERVED: [&str; 10] = [
    "thu-tuc",
    "huong-dan",
    "linh-vuc",
    "co-quan",
    "cap",
    "su-kien",
    "p",
    "tim-kiem",
    "assets",
    "to-gap",
];

pub use crate::config::BaseUrl;

/// The 404 page, the feed and the open-data export.
pub const NOT_FOUND: &str = "/404.html";
pub const FEED: &str = "/feed.xml";
pub const SITEMAP: &str = "/sitemap.xml";

/// Part `n` (from 1) of a sitemap too long for one file; `SITEMAP` is then their index.
pub fn sitemap_part(n: usize) -> String {
    format!("/sitemap-{n}.xml")
}
pub const ROBOTS: &str = "/robots.txt";
pub const CATALOG_JSON: &str = "/catalog.json";
pub const CATALOG_CSV: &str = "/catalog.csv";

/// A procedure's page, from its slug: `/thu-tuc/dang-ky-khai-sinh/`.
pub fn procedure(slug: &str) -> String {
    format!("{PROCEDURES}{slug}/")
}

/// The permanent address derived from a code: `1.001193` → `/p/1001193/`.
pub fn short(code: &str) -> String {
    format!("{SHORT}{}/", short_code(code))
}

/// A procedure's leaflet: `/to-gap/1001193/`.
pub fn leaflet(code: &str) -> String {
    format!("{LEAFLETS}{}/", short_code(code))
}

/// The bundles of leaflets are made per field and per life event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    Field,
    LifeEvent,
}

impl Bundle {
    /// The folder of `/to-gap/` the bundles of this kind are under.
    pub fn segment(self) -> &'static str {
        match self {
            Bundle::Field => "linh-vuc",
            Bundle::LifeEvent => "su-kien",
        }
    }
}

/// The bundle of a field's or life event's leaflets: `/to-gap/linh-vuc/ho-tich/`.
pub fn bundle(kind: Bundle, id: &str) -> String {
    format!("{LEAFLETS}{}/{id}/", kind.segment())
}

/// A guide's page, from its file's path under guides/ spelt as an address: `/huong-dan/x/`.
pub fn guide(path: &str) -> String {
    format!("{GUIDES}{path}/")
}

/// The printable version of a page, below its address: `/huong-dan/x/in/`.
pub fn printable(page: &str) -> String {
    format!("{page}{PRINT}")
}

/// A free page, from its file's path under pages/ spelt as an address: `/gioi-thieu/`.
pub fn page(path: &str) -> String {
    format!("/{path}/")
}

/// A field's, agency's or life event's page under its index (`FIELDS`…): `/linh-vuc/ho-tich/`.
pub fn group(index: &str, id: &str) -> String {
    format!("{index}{id}/")
}

/// The page of a level of government: `/cap/xa/`.
pub fn level(level: Level) -> String {
    group(LEVELS, level.id())
}

/// A file under content/ published as it is, from its path there: `/forms/to-khai.docx`.
pub fn content_file(rel: &str) -> String {
    format!("/{rel}")
}

/// The A–Z page of an initial letter, spelt the Telex way so Đ and D get different pages:
/// `/thu-tuc/chu-dd/` for Đ, `/thu-tuc/chu-aw/` for Ă.
pub fn letter(initial: &str) -> String {
    let spelt = match initial {
        "Đ" => "dd".into(),
        "Ă" => "aw".into(),
        "Â" => "aa".into(),
        "Ê" => "ee".into(),
        "Ô" => "oo".into(),
        "Ơ" => "ow".into(),
        "Ư" => "uw".into(),
        "#" => "khac".into(),
        other => slugify(other),
    };
    format!("{LETTERS}{spelt}/")
}

/// How many entries a list page shows. A page of 50 procedure cards with real-length names
/// stays far below 50 KB compressed, on any catalog size.
pub const PER_PAGE: usize = 50;

/// Lists longer than [`PER_PAGE`] go on over numbered pages below the list's own address, which
/// stays its first page: `/cap/tinh/`, `/cap/tinh/trang-2/`, `/cap/tinh/trang-3/`…
pub const NUMBERED: &str = "trang-";

/// How many pages a list of `len` entries takes; an empty list still has its first page.
pub fn page_count(len: usize) -> usize {
    len.div_ceil(PER_PAGE).max(1)
}

/// Page `n` (from 1) of the list at `list`: the list's own address for the first.
pub fn numbered(list: &str, n: usize) -> String {
    if n <= 1 {
        list.to_owned()
    } else {
        format!("{list}{NUMBERED}{n}/")
    }
}

/// Every page's address of a list of `len` entries at `list`, the first page first.
pub fn pages_of(list: &str, len: usize) -> impl Iterator<Item = String> + '_ {
    (1..=page_count(len)).map(move |n| numbered(list, n))
}

/// The file a site path is written to: `/thu-tuc/x/` → `thu-tuc/x/index.html`.
pub fn output_file(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_spelt_the_telex_way() {
        assert_eq!(letter("Đ"), "/thu-tuc/chu-dd/");
        assert_eq!(letter("D"), "/thu-tuc/chu-d/");
        assert_eq!(letter("#"), "/thu-tuc/chu-khac/");
    }

    #[test]
    fn long_lists_go_on_over_numbered_pages() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(PER_PAGE), 1);
        assert_eq!(page_count(PER_PAGE + 1), 2);
        assert_eq!(numbered("/cap/tinh/", 1), "/cap/tinh/");
        assert_eq!(numbered("/cap/tinh/", 2), "/cap/tinh/trang-2/");
        let pages: Vec<String> = pages_of("/thu-tuc/chu-c/", 2 * PER_PAGE + 1).collect();
        assert_eq!(
            pages,
            [
                "/thu-tuc/chu-c/",
                "/thu-tuc/chu-c/trang-2/",
                "/thu-tuc/chu-c/trang-3/"
            ]
        );
    }

    #[test]
    fn paths_map_to_files() {
        assert_eq!(output_file("/"), "index.html");
        assert_eq!(output_file("/thu-tuc/x/"), "thu-tuc/x/index.html");
        assert_eq!(output_file("/sitemap.xml"), "sitemap.xml");
    }
}
