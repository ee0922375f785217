//! Procedures of every length for checking the leaflet estimate against Chromium: from a few
//! lines to several pages, with the parts the estimate counts (summary, applicants, documents
//! with notes and copies, steps with titles, channels, a long name, a portal QR code or none)
//! in varied amounts, so that cases fall on both sides of each page break. The same seed makes
//! the same procedures.

/// Syllables to make Vietnamese-looking text of a given length from.
const WORDS: [&str; 24] = [
    "hồ",
    "sơ",
    "giấy",
    "tờ",
    "khai",
    "đăng",
    "ký",
    "bản",
    "chính",
    "sao",
    "công",
    "dân",
    "xã",
    "phường",
    "nộp",
    "trực",
    "tuyến",
    "chứng",
    "thực",
    "ủy",
    "ban",
    "nhân",
    "cư",
    "trú",
];

/// A small linear congruential generator: enough variety, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1))
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        low + (self.0 >> 33) as usize % (high - low + 1)
    }

    /// Text of `low` to `high` characters (a word more at most), words apart, first letter
    /// capital.
    pub fn text(&mut self, low: usize, high: usize) -> String {
        let chars = self.between(low, high);
        let mut out = String::new();
        while out.chars().count() < chars {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(WORDS[self.between(0, WORDS.len() - 1)]);
        }
        let mut letters = out.chars();
        let first = letters.next().map(|c| c.to_uppercase().collect::<String>());
        first.unwrap_or_default() + letters.as_str()
    }
}

/// The YAML of the `n`-th generated procedure, code `1.9xxxxx`; `size` (0 to 1) sets how much
/// it holds, from a handful of items to about ninety.
pub fn procedure(n: usize, size: f32, rng: &mut Rng) -> String {
    let items = 3 + (size * 87.0) as usize + rng.between(0, 2);
    let documents = items / 2 + rng.between(0, 2);
    let steps = items.saturating_sub(documents).max(1);
    let name = if n.is_multiple_of(5) {
        // Longer than the cover's largest type holds (70 characters).
        rng.text(75, 110)
    } else {
        rng.text(20, 60)
    };
    let online = if n.is_multiple_of(2) {
        "toan-trinh"
    } else {
        "khong"
    };
    let mut yaml = format!(
        "code: \"1.{:06}\"\nname: \"Thủ tục {n} {name}\"\nsummary: \"{}\"\nfield: cu-tru\nlevel: [xa]\n\
         agency: {}\nonline: {online}\n",
        900_000 + n,
        rng.text(60, 200),
        if n.is_multiple_of(3) {
            "cong-an-xa-an-phu"
        } else {
            "ubnd-xa-an-phu"
        },
    );
    let applicants = rng.between(0, 4);
    if applicants > 0 {
        yaml.push_str("applicants:\n");
        for _ in 0..applicants {
            yaml.push_str(&format!("  - \"{}\"\n", rng.text(20, 70)));
        }
    }
    yaml.push_str("channels:\n");
    let methods = ["truc-tiep", "truc-tuyen", "buu-chinh"];
    let channels = if online == "khong" {
        1
    } else {
        rng.between(2, 3)
    };
    for method in &methods[..channels] {
        yaml.push_str(&format!(
            "  - method: {method}\n    duration: \"{}\"\n    fee: \"{}\"\n",
            rng.text(10, 90),
            rng.text(8, 50),
        ));
    }
    yaml.push_str("steps:\n");
    for _ in 0..steps {
        let text = rng.text(40, 200);
        if rng.between(0, 2) == 0 {
            let title = rng.text(15, 40);
            yaml.push_str(&format!("  - title: \"{title}\"\n    text: \"{text}\"\n"));
        } else {
            yaml.push_str(&format!("  - \"{text}\"\n"));
        }
    }
    yaml.push_str("documents:\n");
    for _ in 0..documents {
        yaml.push_str(&format!(
            "  - name: \"{}\"\n    originals: 1\n    copies: {}\n",
            rng.text(20, 110),
            rng.between(0, 2),
        ));
        if rng.between(0, 3) == 0 {
            yaml.push_str(&format!("    note: \"{}\"\n", rng.text(40, 120)));
        }
    }
    yaml.push_str(&format!(
        "result: \"{}\"\nupdated: 2026-01-01\n",
        rng.text(20, 90)
    ));
    yaml
}

/// The YAML of the `n`-th procedure in the shapes of real records of the national database
/// (code `1.8xxxxx`): a name of up to 1,100 characters, up to 12 channels with long times and
/// fees, document names of up to a thousand characters with notes, up to 4 cases of about 11
/// items each (45 in all), with items shared by every case and explanations without counts,
/// up to 40 conditions and 38 steps. `size` (0 to 1) sets how much of that it holds.
pub fn real_procedure(n: usize, size: f32, rng: &mut Rng) -> String {
    let scaled = |max: usize| 1 + (size * max as f32) as usize;
    let name = if n.is_multiple_of(3) {
        rng.text(400, 1100)
    } else {
        rng.text(30, 150)
    };
    let online = if n.is_multiple_of(2) {
        "toan-trinh"
    } else {
        "mot-phan"
    };
    let mut yaml = format!(
        "code: \"1.{:06}\"\nname: \"Thủ tục {n} {name}\"\nfield: cu-tru\nlevel: [tinh]\n\
         agency: ubnd-xa-an-phu\nonline: {online}\n",
        800_000 + n,
    );
    yaml.push_str("applicants:\n");
    for _ in 0..scaled(14) {
        yaml.push_str(&format!("  - \"{}\"\n", rng.text(6, 40)));
    }
    let conditions = scaled(40) - 1;
    if conditions > 0 {
        yaml.push_str("conditions:\n");
        for _ in 0..conditions {
            yaml.push_str(&format!("  - \"{}\"\n", rng.text(25, 1200)));
        }
    }
    yaml.push_str("channels:\n");
    let methods = ["truc-tiep", "truc-tuyen", "buu-chinh"];
    for i in 0..scaled(12) {
        yaml.push_str(&format!(
            "  - method: {}\n    duration: \"{}\"\n    fee: \"{}\"\n",
            methods[i % 3],
            rng.text(10, 1500),
            rng.text(8, 300),
        ));
    }
    yaml.push_str("steps:\n");
    for _ in 0..scaled(38) {
        yaml.push_str(&format!(
            "  - title: \"{}\"\n    text: \"{}\"\n",
            rng.text(10, 80),
            rng.text(40, 1500)
        ));
    }
    let document = |rng: &mut Rng| {
        let (originals, copies) = match rng.between(0, 4) {
            0 => (0, 0),
            1 => (0, 1),
            _ => (1, rng.between(0, 1)),
        };
        let mut item = format!(
            "  - name: \"{}\"\n    originals: {originals}\n    copies: {copies}\n",
            rng.text(20, 1000)
        );
        if rng.between(0, 2) == 0 {
            item.push_str(&format!("    note: \"{}\"\n", rng.text(40, 400)));
        }
        item
    };
    let cases = scaled(4) - usize::from(size < 0.5);
    if cases == 0 {
        yaml.push_str("documents:\n");
        for _ in 0..scaled(20) {
            yaml.push_str(&document(rng));
        }
    } else {
        let shared: Vec<String> = (0..scaled(3)).map(|_| document(rng)).collect();
        yaml.push_str("cases:\n");
        for _ in 0..cases {
            yaml.push_str(&format!(
                "  - name: \"{}\"\n    documents:\n",
                rng.text(30, 400)
            ));
            let items = shared
                .iter()
                .cloned()
                .chain((0..scaled(9)).map(|_| document(rng)));
            for item in items {
                yaml.push_str(
                    &item
                        .replace("\n  ", "\n      ")
                        .replacen("  -", "      -", 1),
                );
            }
        }
    }
    yaml.push_str(&format!(
        "result: \"{}\"\nlegal_basis:\n  - \"{}\"\nupdated: 2026-01-01\n",
        rng.text(20, 400),
        rng.text(100, 900)
    ));
    yaml
}
