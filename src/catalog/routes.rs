//! Where each kind of page lives. Addresses are printed on leaflets and shared in messages, so
//! these never change once published.

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
    "/404.html",
    "/sitemap.xml",
    "/robots.txt",
    "/feed.xml",
    "/catalog.json",
    "/catalog.csv",
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

/// The site's address, split into what links need.
#[derive(Debug, Clone)]
pub struct BaseUrl {
    /// Scheme and host, e.g. `https://thutuc.example.gov.vn`.
    origin: String,
    /// The path the site lives under, always with a trailing slash: `/` or `/thutuc/`.
    prefix: String,
}

impl BaseUrl {
    pub fn new(base_url: &str) -> BaseUrl {
        let trimmed = base_url.trim_end_matches('/');
        let after_scheme = trimmed.find("://").map_or(0, |i| i + 3);
        let (origin, path) = match trimmed[after_scheme..].find('/') {
            Some(i) => trimmed.split_at(after_scheme + i),
            None => (trimmed, ""),
        };
        BaseUrl {
            origin: origin.to_owned(),
            prefix: format!("{path}/"),
        }
    }

    /// A site path (`/thu-tuc/x/`) as a link on the site (`/thutuc/thu-tuc/x/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.prefix, path.trim_start_matches('/'))
    }

    /// A site path as a full address, for sitemaps, feeds and QR codes.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.origin, self.url(path))
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }
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
    fn base_urls_with_and_without_a_path() {
        let b = BaseUrl::new("https://a.gov.vn");
        assert_eq!(b.url("/thu-tuc/x/"), "/thu-tuc/x/");
        assert_eq!(b.absolute("/p/1/"), "https://a.gov.vn/p/1/");
        let b = BaseUrl::new("https://a.gov.vn/tthc/");
        assert_eq!(b.url("/thu-tuc/x/"), "/tthc/thu-tuc/x/");
        assert_eq!(b.absolute("/"), "https://a.gov.vn/tthc/");
    }

    #[test]
    fn paths_map_to_files() {
        assert_eq!(output_file("/"), "index.html");
        assert_eq!(output_file("/thu-tuc/x/"), "thu-tuc/x/index.html");
        assert_eq!(output_file("/sitemap.xml"), "sitemap.xml");
    }
}
