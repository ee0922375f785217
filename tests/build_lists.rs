//! Long lists on numbered pages: a level, a field and a letter with more procedures than one page
//! shows, each page at a stable address with rel="prev"/"next" and a pager of plain links, every
//! procedure on exactly one page; names filed without their leading "Thủ tục"; a 1,000-character
//! name cut at a word on cards and in the title, whole in the heading.

mod common;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use common::html::{parse, selector};
use common::{Site, redirect_target, sitemap_locs};

/// How many entries a list page shows (`routes::PER_PAGE`).
const PER_PAGE: usize = 50;

/// Procedures the fixture adds, all at provincial level in `cu-tru`: enough for three pages.
const ADDED: usize = 2 * PER_PAGE + 7;

/// The name of a thousand characters, at the same level.
fn long_name() -> String {
    let words = format!("Cấp {}", "giấy phép hoạt động dịch vụ, ".repeat(35));
    let mut name: String = words.chars().take(999).collect();
    name.push('.');
    name
}

fn procedure(code: &str, name: &str) -> String {
    format!(
        "code: \"{code}\"\nname: \"{name}\"\nfield: cu-tru\nlevel: [tinh]\nagency: cong-an-xa-an-phu\n\
         online: khong\nchannels:\n  - method: truc-tiep\n    duration: 05 ngày làm việc\n    days: 5\n\
         \x20   fee: Miễn phí\n    fee_vnd: 0\nsteps:\n  - Nộp hồ sơ tại bộ phận một cửa.\n\
         documents: []\nresult: Giấy xác nhận\nupdated: 2026-01-05\n"
    )
}

/// The minimal fixture with the generated procedures, built once.
static BUILT: LazyLock<Site> = LazyLock::new(|| {
    let site = Site::shared("minimal", "build_lists-many");
    for i in 0..ADDED {
        // Half the names begin with "Thủ tục", as half the national database's do.
        let name = if i % 2 == 0 {
            format!("Thủ tục cấp giấy xác nhận số {i:03}")
        } else {
            format!("Cấp giấy phép số {i:03}")
        };
        let file = format!("content/procedures/cu-tru/p{i:03}.yaml");
        site.write(&file, procedure(&format!("9.{i:06}"), &name));
    }
    site.write(
        "content/procedures/cu-tru/dai.yaml",
        procedure("9.999999", &long_name()),
    );
    let run = site.build();
    run.succeeds();
    assert_eq!(run.counts(), (0, 0), "{}", run.dump());
    site
});

/// The procedures' addresses a list page's cards link to, in order.
fn cards(path: &str) -> Vec<String> {
    let page = parse(&BUILT.page(path));
    page.select(&selector(".cards .card-title"))
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect()
}

/// The `<link rel=…>` of a page's head, if it has one.
fn head_link(path: &str, rel: &str) -> Option<String> {
    let page = parse(&BUILT.page(path));
    let css = format!(r#"head link[rel="{rel}"]"#);
    let link = page.select(&selector(&css)).next();
    link.map(|l| l.value().attr("href").unwrap().to_owned())
}

/// Each page of a list by following its rel="next" links from the first, with its cards.
fn walk(first: &str) -> Vec<(String, Vec<String>)> {
    let mut pages = vec![];
    let mut at = Some(first.to_owned());
    while let Some(path) = at {
        assert!(pages.len() < 10, "the pages of {first} never end");
        at = head_link(&path, "next");
        pages.push((path.clone(), cards(&path)));
    }
    pages
}

#[test]
fn a_long_list_goes_on_over_numbered_pages_each_member_on_one() {
    let pages = walk("/cap/tinh/");
    let addresses: Vec<&str> = pages.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        addresses,
        ["/cap/tinh/", "/cap/tinh/trang-2/", "/cap/tinh/trang-3/"]
    );
    let sizes: Vec<usize> = pages.iter().map(|(_, c)| c.len()).collect();
    assert_eq!(sizes, [PER_PAGE, PER_PAGE, ADDED + 1 - 2 * PER_PAGE]);
    let all: Vec<&String> = pages.iter().flat_map(|(_, c)| c).collect();
    let distinct: BTreeSet<&String> = all.iter().copied().collect();
    assert_eq!(distinct.len(), ADDED + 1, "no procedure twice: {all:?}");
    // Every procedure at provincial level is on one of them.
    for i in 0..ADDED {
        let code = format!("/p/9{i:06}/");
        let target = redirect_target(&BUILT.page(&code));
        assert!(distinct.contains(&target), "{target} is on no page");
    }
    // The pages go back the way they came, and the first has no page before it.
    assert_eq!(head_link("/cap/tinh/", "prev"), None);
    assert_eq!(
        head_link("/cap/tinh/trang-2/", "prev").as_deref(),
        Some("/cap/tinh/")
    );
    assert_eq!(
        head_link("/cap/tinh/trang-3/", "prev").as_deref(),
        Some("/cap/tinh/trang-2/")
    );
    assert!(!BUILT.exists("public/cap/tinh/trang-4/index.html"));
    assert!(!BUILT.exists("public/cap/tinh/trang-1/index.html"));
}

#[test]
fn the_pager_is_plain_links_to_every_page_with_this_one_marked() {
    let page = parse(&BUILT.page("/cap/tinh/trang-2/"));
    let pager = page.select(&selector("nav.pager")).next().expect("a pager");
    let numbers: Vec<(String, String)> = pager
        .select(&selector("a[aria-label]"))
        .map(|a| (a.text().collect(), a.value().attr("href").unwrap().into()))
        .collect();
    let expected = [
        ("1", "/cap/tinh/"),
        ("2", "/cap/tinh/trang-2/"),
        ("3", "/cap/tinh/trang-3/"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(n, u)| ((*n).into(), (*u).into()))
        .collect();
    assert_eq!(numbers, expected);
    let current: Vec<String> = pager
        .select(&selector(r#"a[aria-current="page"]"#))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(current, ["2"]);
    for (rel, href) in [("prev", "/cap/tinh/"), ("next", "/cap/tinh/trang-3/")] {
        let css = format!(r#"a[rel="{rel}"]"#);
        let link = pager.select(&selector(&css)).next().expect(rel);
        assert_eq!(link.value().attr("href"), Some(href));
    }
    let title: String = page
        .select(&selector("title"))
        .flat_map(|t| t.text())
        .collect();
    assert!(
        title.contains("Trang 2"),
        "page 2 says so in its title: {title}"
    );
    // A list of one page has no pager.
    assert!(!BUILT.page("/cap/xa/").contains("class=\"pager\""));
}

#[test]
fn fields_and_letters_are_numbered_too_and_every_page_is_in_the_sitemap() {
    let field = walk("/linh-vuc/cu-tru/");
    // The generated procedures, the long one and the fixture's own in this field.
    assert_eq!(field.len(), 3);
    assert_eq!(field.iter().map(|(_, c)| c.len()).sum::<usize>(), ADDED + 2);
    let letter = walk("/thu-tuc/chu-c/");
    let letter_cards: Vec<&String> = letter.iter().flat_map(|(_, c)| c).collect();
    // Chứng thực bản sao, the long name, and every generated name, "Thủ tục cấp…" included.
    assert_eq!(letter_cards.len(), ADDED + 2, "{letter_cards:?}");
    assert_eq!(letter[1].0, "/thu-tuc/chu-c/trang-2/");

    let sitemap = BUILT.read("public/sitemap.xml");
    let locs = sitemap_locs(&sitemap);
    for path in [
        "/cap/tinh/trang-2/",
        "/cap/tinh/trang-3/",
        "/linh-vuc/cu-tru/trang-3/",
        "/thu-tuc/chu-c/trang-3/",
    ] {
        let url = format!("https://thutuc.example.gov.vn{path}");
        assert!(locs.contains(&url), "{url} is not in the sitemap");
    }
    assert!(!locs.iter().any(|l| l.contains("trang-4")));
}

#[test]
fn names_beginning_thu_tuc_are_filed_under_the_next_word() {
    let az = BUILT.page("/thu-tuc/");
    let page = parse(&az);
    let letters: Vec<String> = page
        .select(&selector(".letters a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(letters, ["C", "Đ"], "no procedure is filed under T");
    // In order, as if the "Thủ tục" were not there: 000 (Thủ tục cấp giấy xác nhận) files
    // after 001 (Cấp giấy phép), because "giấy p" comes before "giấy x".
    let first = cards("/thu-tuc/chu-c/");
    let name_of = |url: &str| {
        let page = parse(&BUILT.page(url));
        page.select(&selector("h1"))
            .next()
            .unwrap()
            .text()
            .collect::<String>()
    };
    assert_eq!(name_of(&first[0]).trim(), long_name());
    assert_eq!(name_of(&first[1]), "Cấp giấy phép số 001");
    assert_eq!(name_of(&first[2]), "Cấp giấy phép số 003");
}

#[test]
fn a_thousand_character_name_is_cut_at_a_word_where_it_would_flood_the_page() {
    let name = long_name();
    assert_eq!(name.chars().count(), 1000);
    let list = parse(&BUILT.page("/cap/tinh/"));
    let card = list
        .select(&selector(".card-title"))
        .find(|a| a.value().attr("title") == Some(name.as_str()))
        .expect("the long name's card has the full name as its title");
    let shown: String = card.text().collect();
    assert!(shown.chars().count() <= 160, "{shown}");
    let kept = shown.strip_suffix('…').expect("an ellipsis says it is cut");
    assert!(name.starts_with(kept), "{shown}");
    assert!(
        name[kept.len()..].starts_with([' ', ',']),
        "cut between words: {shown}"
    );
    // Short names are shown as they are, without a title.
    let short = list
        .select(&selector(".card-title"))
        .find(|a| a.text().collect::<String>() == "Cấp giấy phép số 001")
        .expect("a short name's card");
    assert_eq!(short.value().attr("title"), None);

    let url = card.value().attr("href").unwrap();
    let page = parse(&BUILT.page(url));
    let title: String = page
        .select(&selector("title"))
        .flat_map(|t| t.text())
        .collect();
    assert!(title.chars().count() < 200, "{title}");
    assert!(title.contains('…'), "{title}");
    let h1: String = page
        .select(&selector("h1"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(h1.trim(), name, "the page's heading keeps the whole name");
}
