use unicode_normalization::UnicodeNormalization;

use super::full::accent;
use super::*;
use crate::vietnamese::TONES;

fn f(text: &str) -> Vec<String> {
    folded(text)
}

fn a(text: &str) -> Vec<String> {
    accented(text)
}

#[test]
fn folds_a_procedure_name() {
    assert_eq!(f("Đăng ký khai sinh"), ["dang", "ky", "khai", "sinh"]);
    assert_eq!(a("Đăng ký khai sinh"), ["đăng", "ký", "khai", "sinh"]);
}

#[test]
fn nfd_input_gives_the_same_terms_as_nfc() {
    let nfd: String = "Đăng ký kết hôn, hoà giải".nfd().collect();
    assert_ne!(nfd, "Đăng ký kết hôn, hoà giải");
    assert_eq!(f(&nfd), f("Đăng ký kết hôn, hoà giải"));
    assert_eq!(a(&nfd), a("Đăng ký kết hôn, hoà giải"));
    assert_eq!(a(&nfd), ["đăng", "ký", "kết", "hôn", "hoà", "giải"]);
}

#[test]
fn d_with_stroke_folds_to_d_in_both_cases() {
    assert_eq!(f("Đ đ ĐỒNG đất"), ["d", "d", "dong", "dat"]);
    assert_eq!(a("Đ ĐỒNG"), ["đ", "đồng"]);
}

#[test]
fn stacked_diacritics_fold_to_the_base_letter() {
    assert_eq!(f("ấ ầ ẩ ẫ ậ"), ["a"; 5]);
    assert_eq!(f("ắ ằ ẳ ẵ ặ"), ["a"; 5]);
    assert_eq!(f("ế ề ể ễ ệ"), ["e"; 5]);
    assert_eq!(f("ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ"), ["o"; 10]);
    assert_eq!(f("ứ ừ ử ữ ự"), ["u"; 5]);
    assert_eq!(f("Ấp Bắc Huế Phố Cứu"), ["ap", "bac", "hue", "pho", "cuu"]);
    // NFD with the marks in either order still folds and accents alike.
    let nfd = "a\u{323}\u{302}"; // a + dot below + circumflex = ậ
    assert_eq!(f(nfd), ["a"]);
    assert_eq!(a(nfd), ["ậ"]);
}

#[test]
fn tone_placement_is_canonical() {
    assert_eq!(a("hòa"), a("hoà"));
    assert_eq!(a("hòa"), ["hoà"]);
    assert_eq!(a("Hoà giải HÒA"), ["hoà", "giải", "hoà"]);
    assert_eq!(a("thủy"), a("thuỷ"));
    assert_eq!(a("thủy"), ["thuỷ"]);
    assert_eq!(a("khỏe"), a("khoẻ"));
    assert_eq!(a("hóa đơn"), a("hoá đơn"));
    assert_eq!(f("hòa"), f("hoà"));
}

#[test]
fn tone_stays_on_the_right_vowel_of_common_syllables() {
    for word in [
        "người", "được", "ngoài", "hoàng", "toán", "quý", "quốc", "giấy", "gì", "của", "mái",
        "khuỷu", "thuở", "nghiệp", "chuyển", "hộ", "tịch", "khoẻ", "cứu", "lưu",
    ] {
        let nfc: String = word.nfc().collect();
        assert_eq!(accent(&nfc), nfc, "{word} keeps its placement");
    }
}

#[test]
fn upper_case_is_lowered_before_folding() {
    assert_eq!(f("ĐĂNG KÝ KẾT HÔN"), ["dang", "ky", "ket", "hon"]);
    assert_eq!(a("ĐĂNG KÝ KẾT HÔN"), ["đăng", "ký", "kết", "hôn"]);
    assert_eq!(f("DANG KY KET HON"), f("đăng ký kết hôn"));
}

#[test]
fn codes_are_one_word() {
    let code = |text| -> Vec<String> { words(text).into_iter().map(|w| w.folded).collect() };
    assert_eq!(code("Mã 1.001193."), ["ma", "1.001193"]);
    assert_eq!(code("(1.001193)"), ["1.001193"]);
    assert_eq!(code("1.001193, 2.000815"), ["1.001193", "2.000815"]);
    // A dot between words or after a number ends the word.
    assert_eq!(f("sinh.Kết 2.a"), ["sinh", "ket", "2", "a"]);
    assert_eq!(f("ABC-12"), ["abc", "12"]);
}

#[test]
fn a_code_also_yields_its_digits_without_dots() {
    assert_eq!(f("Mã 1.001193."), ["ma", "1.001193", "1001193"]);
    assert_eq!(f("1.2.3"), ["1.2.3", "123"]);
    assert_eq!(a("1.001193"), ["1.001193"]);
    assert_eq!(pairs("mã 1.001193 cũ"), ["ma 1.001193", "1.001193 cu"]);
    // Not codes: no dot, a letter inside, a dot not between two digits.
    assert_eq!(f("1001193 1.2a 2.a"), ["1001193", "1.2a", "2", "a"]);
    let code = &words("1.001193")[0];
    assert_eq!(code.code_digits().as_deref(), Some("1001193"));
    assert!(!code.has_diacritics());
}

/// Inputs that take every branch of the fast path and the fall-backs around it.
const TRICKY: &[&str] = &[
    "Đăng ký khai sinh; ĐĂNG KÝ KẾT HÔN, đăng ký kết hôn",
    "D\u{300}a\u{306}\u{301}ng ky\u{301} ke\u{302}\u{301}t ho\u{302}n",
    "a\u{323}\u{302} a\u{302}\u{323} e\u{301}\u{302} o\u{31B}\u{300}",
    "Đ đ ĐỒNG đất Đ\u{303}",
    "ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự",
    "ẤP BẮC HUẾ PHỐ CỨU Ứ ƯỚC",
    "hòa hoà HÒA HOÀ thuý thúy THỦY thuỷ khỏe khoẻ hóa hoá quý qúy giấy gíây",
    "người ngừơi được đựơc ngoài ngòai hoàng hòang toán tóan của cuả mái maí khuỷu",
    "Mã 1.001193, (2.000815). 1.2.3 1..2 .5 5. 1.a a.1 ١.٢ 1.٢",
    "Москва 東京 서울 Ελλάδα ΑΣ σς Αθήνα naïve café résumé façade Ångström",
    "emoji 👍🏽 đăng✓ký 🇻🇳 ZWJ 👨‍👩‍👧 x\u{200D}y",
    "\u{301} \u{301}\u{300} a \u{323}b ̀ ǹ ḿ",
    "ṥ ṧ ǻ ḯ ṍ ṏ ǖ ǘ ǚ ǜ ḉ ḗ ḕ ṓ ṑ ẛ ǿ",
    "İstanbul ǅemal ǈ ǋ ß ẞ ﬁnal Ａｂｃ １２３ Ⅻ ½ ²",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx z",
    "đđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđ ờờờờờờờờờờờờờờờờờờờờờờờờờ",
    "",
    "  —, ; ",
    "tab\tnew\nline\r\nend",
];

fn fast(text: &str, stream: Stream) -> Vec<(usize, String)> {
    tokens(&words(text), stream)
        .into_iter()
        .map(|t| (t.position, t.text))
        .collect()
}

/// Checks the analyzer against the reference on one text, every stream.
pub(crate) fn assert_same_terms(text: &str) {
    for stream in Stream::ALL {
        assert_eq!(
            fast(text, stream),
            reference::terms(text, stream),
            "{stream:?} of {text:?}"
        );
    }
}

#[test]
fn the_fast_path_gives_the_reference_terms_on_tricky_text() {
    for text in TRICKY {
        assert_same_terms(text);
        let nfd: String = text.nfd().collect();
        assert_same_terms(&nfd);
        assert_same_terms(&text.to_uppercase());
    }
}

#[test]
fn the_fast_path_gives_the_reference_terms_for_every_letter() {
    // Every character of the table's ranges and of the combining marks, and a sample of the
    // rest, alone and inside Vietnamese-shaped syllables with each tone.
    let all = (0..0x370u32).chain(0x1E00..0x1F00);
    let sample = (0x370..0x3000u32).step_by(17);
    for c in all.chain(sample).filter_map(char::from_u32) {
        let mut text = format!("{c} h{c}a qu{c} g{c}a ho{c} {c}ươ x{c}");
        for tone in TONES {
            text += &format!(" {c}{tone}n ng{c}{tone}i t{tone}{c}");
        }
        assert_same_terms(&text);
    }
}

#[test]
fn the_feed_gives_tantivy_the_same_tokens() {
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    let tokens = tokens(&words("Mã 1.001193 cũ"), Stream::Folded);
    let feed = feed(&tokens);
    assert_eq!(feed, "ma\n1.001193\t1001193\ncu");
    let mut read = Vec::new();
    let mut tokenizer = FeedTokenizer;
    let mut stream = tokenizer.token_stream(&feed);
    while stream.advance() {
        read.push((stream.token().position, stream.token().text.clone()));
    }
    let written: Vec<(usize, String)> = tokens.into_iter().map(|t| (t.position, t.text)).collect();
    assert_eq!(read, written);
    assert_eq!(FeedTokenizer.token_stream("").next(), None);
}

#[test]
fn punctuation_separates_and_nothing_is_left_empty() {
    assert_eq!(f("  —, ; "), Vec::<String>::new());
    assert_eq!(f("khai sinh/khai tử"), ["khai", "sinh", "khai", "tu"]);
    assert_eq!(f("\u{301}"), Vec::<String>::new());
    assert_eq!(f(&"x".repeat(65)), Vec::<String>::new());
}

#[test]
fn words_without_a_vowel_or_with_two_tones_are_kept_as_written() {
    assert_eq!(a("kg"), ["kg"]);
    assert_eq!(a("né\u{300}"), ["né\u{300}".nfc().collect::<String>()]);
    assert_eq!(a("café"), ["café"]);
}

#[test]
fn pairs_join_neighbouring_folded_words() {
    assert_eq!(
        pairs("Đăng ký khai sinh"),
        ["dang ky", "ky khai", "khai sinh"]
    );
    assert_eq!(pairs("Hộ"), Vec::<String>::new());
}

#[test]
fn byte_ranges_point_into_the_normalised_text() {
    let text = "Đăng ký 1.001193";
    let norm = normalize(text);
    let ws = words(text);
    let spans: Vec<&str> = ws.iter().map(|w| &norm[w.start..w.end]).collect();
    assert_eq!(spans, ["đăng", "ký", "1.001193"]);
    assert!(ws[0].has_diacritics());
    assert!(!ws[2].has_diacritics());
}

#[test]
fn tantivy_tokenizer_gives_the_documented_streams() {
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    let collect = |stream| {
        let mut tok = VietnameseTokenizer(stream);
        let mut ts = tok.token_stream("Đăng ký khai sinh");
        let mut out = Vec::new();
        while ts.advance() {
            out.push((ts.token().position, ts.token().text.clone()));
        }
        out
    };
    let texts = |s| -> Vec<String> { collect(s).into_iter().map(|t| t.1).collect() };
    assert_eq!(texts(Stream::Folded), ["dang", "ky", "khai", "sinh"]);
    assert_eq!(texts(Stream::Accented), ["đăng", "ký", "khai", "sinh"]);
    assert_eq!(texts(Stream::Pairs), ["dang ky", "ky khai", "khai sinh"]);
    let positions: Vec<usize> = collect(Stream::Accented).iter().map(|t| t.0).collect();
    assert_eq!(positions, [0, 1, 2, 3]);
    for s in Stream::ALL {
        assert_eq!(texts(s), s.terms("Đăng ký khai sinh"));
    }
}
