//! QR codes for the leaflets, as small SVG files of their own.
//!
//! A code is drawn as one `<path>`: each run of dark modules in a row is one stroke, a module
//! wide, so a version 3 code is a few hundred bytes of short commands instead of hundreds of
//! elements. The files
//! sit beside the leaflet and are referenced with `<img>` from the leaflet and from every bundle
//! that prints it, so each code is made once per build.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

/// Modules of white around the code: scanners need four to find it.
const QUIET_ZONE: usize = 4;

/// An SVG file of the QR code for `text`: error correction level M (about 15% of the code may be
/// smudged or torn), with its quiet zone, drawn with crisp edges so no printer blurs the modules.
/// The light modules are left transparent: the leaflet gives the image a white background.
/// Validation keeps addresses short enough (`limits::QR_TEXT`); `None` if one is not.
pub fn svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let side = width + 2 * QUIET_ZONE;
    let mut d = String::with_capacity(width * width);
    for (y, row) in colors.chunks(width).enumerate() {
        // Each run of dark modules is a stroke one module wide along the row's middle; after the
        // first, a run starts with a relative move over the light modules before it.
        let mut pen: Option<usize> = None;
        let mut x = 0;
        while x < width {
            if row[x] == Color::Light {
                x += 1;
                continue;
            }
            let run = row[x..].iter().take_while(|&&c| c == Color::Dark).count();
            let _ = match pen {
                None => write!(d, "M{} {}.5h{run}", x + QUIET_ZONE, y + QUIET_ZONE),
                Some(end) => write!(d, "m{} 0h{run}", x - end),
            };
            x += run;
            pen = Some(x);
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         width=\"{side}\" height=\"{side}\" shape-rendering=\"crispEdges\">\
         <path fill=\"none\" stroke=\"#000\" d=\"{d}\"/></svg>\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_one_path_with_its_quiet_zone() {
        let svg = svg("https://thutuc.example.gov.vn/p/1001193/").unwrap();
        // Version 3 (29 modules) at level M, plus 4 modules of quiet zone on each side.
        assert!(svg.contains("viewBox=\"0 0 37 37\""), "{svg}");
        assert_eq!(svg.matches("<path").count(), 1, "{svg}");
        // The top-left finder pattern starts at the quiet zone with a run of seven modules.
        assert!(svg.contains(" d=\"M4 4.5h7m"), "{svg}");
        assert!(svg.contains("crispEdges"));
    }

    #[test]
    fn the_strokes_cover_exactly_the_dark_modules() {
        let text = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193";
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
        let width = code.width();
        let svg = svg(text).unwrap();
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        // Replay the path: M x y.5 starts a row, m dx 0 skips light modules, h n draws n.
        let mut drawn = vec![Color::Light; width * width];
        let (mut x, mut y) = (0, 0);
        let commands = d.split(|c: char| c.is_ascii_alphabetic()).skip(1);
        for (letter, args) in d.matches(|c: char| c.is_ascii_alphabetic()).zip(commands) {
            let mut nums = args.split(' ').map(|n| n.parse::<f32>().unwrap() as usize);
            match letter {
                "M" => (x, y) = (nums.next().unwrap(), nums.next().unwrap()),
                "m" => x += nums.next().unwrap(),
                "h" => {
                    let n = nums.next().unwrap();
                    for i in x..x + n {
                        drawn[(y - QUIET_ZONE) * width + i - QUIET_ZONE] = Color::Dark;
                    }
                    x += n;
                }
                other => panic!("unexpected command {other}"),
            }
        }
        assert_eq!(drawn, code.to_colors());
    }

    #[test]
    fn the_longest_address_allowed_fits_and_a_far_longer_one_does_not_panic() {
        let longest = format!("https://{}", "a".repeat(crate::limits::QR_TEXT - 8));
        assert!(svg(&longest).is_some());
        assert_eq!(svg(&"a".repeat(5000)), None);
    }
}
