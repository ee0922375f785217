//! What a procedure's channels come to at a glance: per method, the time and the fee, and whether
//! they depend on the case; and what submitting online saves. Computed once per procedure, for
//! its page's key facts, its cards and its leaflet's cover, which never print a channel's whole
//! text (real records carry up to 12 channels, and durations of thousands of characters).

use serde::Serialize;

use crate::model::{Channel, Method, OnlineLevel, Procedure};

use super::format::id_of;
use crate::render::theme::shorten;

/// Characters of a channel's own text a summary keeps; longer text is cut at a word. The page's
/// channel tables keep the whole text.
const TEXT_CHARS: usize = 60;

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// One entry per method the procedure offers, online first for procedures offered online.
    pub methods: Vec<MethodFacts>,
    /// The time every method shares, when there are several: said once, not per method.
    pub time: Option<Fact>,
    /// The fee every method shares, when there are several.
    pub fee: Option<Fact>,
    /// How much less the fee is online than at the counter, in VND, where it is less and
    /// nowhere more.
    pub saving: Option<Fact>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MethodFacts {
    /// `truc-tuyen`, `truc-tiep`, `buu-chinh`: a key of the theme's `method` strings.
    pub method: String,
    pub time: Fact,
    pub fee: Fact,
}

/// A time or a fee as a summary shows it: a number (or a range of them), else the editor's
/// text, and whether it depends on the case.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Fact {
    /// Working days or VND, when every channel of the method gives one.
    pub amount: Option<Span>,
    /// The text every channel of the method shares, cut at a word, when no amount says it.
    pub text: Option<String>,
    /// The channels of the method differ by case.
    pub varies: bool,
}

/// The lowest and, when it differs, the highest of some numbers.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Span {
    pub low: f64,
    pub high: Option<f64>,
}

impl Span {
    fn of(values: impl IntoIterator<Item = f64>) -> Option<Span> {
        let mut values = values.into_iter();
        let first = values.next()?;
        let (low, high) = values.fold((first, first), |(l, h), v| (l.min(v), h.max(v)));
        Some(Span {
            low,
            high: (high > low).then_some(high),
        })
    }
}

impl Summary {
    pub fn of(d: &Procedure) -> Summary {
        let sets = channel_sets(d);
        let methods = method_order(d.online)
            .into_iter()
            .filter_map(|m| {
                let of_method: Vec<&Channel> = sets
                    .iter()
                    .flat_map(|set| set.iter())
                    .filter(|c| c.method == m)
                    .collect();
                (!of_method.is_empty()).then(|| MethodFacts {
                    method: id_of(&m),
                    time: fact(&of_method, |c| c.days, |c| &c.duration),
                    fee: fact(&of_method, |c| c.fee_vnd.map(|v| v as f64), |c| &c.fee),
                })
            })
            .collect::<Vec<_>>();
        Summary {
            time: shared(&methods, |m| &m.time),
            fee: shared(&methods, |m| &m.fee),
            methods,
            saving: saving(&sets),
        }
    }
}

/// Characters a leaflet cover prints for a fact's number and unit at most ("1.250.000–2.000.000
/// đồng", "10–15 ngày làm việc"), and for ", tùy trường hợp": the theme's words, measured on the
/// default theme's strings.
const AMOUNT_CHARS: usize = 26;
const VARIES_CHARS: usize = 16;

impl Fact {
    /// About how many characters the fact prints (partials/fact.html), for leaflet estimates.
    pub fn printed_chars(&self) -> usize {
        let amount = self.amount.map_or(0, |_| AMOUNT_CHARS);
        let text = self.text.as_ref().map_or(0, |t| t.chars().count());
        amount + text + if self.varies { VARIES_CHARS } else { 0 }
    }
}

impl Summary {
    /// About how many characters each line of values of a leaflet cover's key facts prints
    /// (partials/key_facts.html without its row of methods): each method's own time and fee,
    /// the shared time and fee, then the saving online.
    pub fn cover_chars(&self) -> Vec<usize> {
        let own = |m: &MethodFacts| {
            let time = self.time.is_none().then(|| m.time.printed_chars());
            let fee = self.fee.is_none().then(|| m.fee.printed_chars());
            time.unwrap_or(0) + fee.unwrap_or(0) + 3
        };
        let mut lines: Vec<usize> = match (&self.time, &self.fee) {
            (Some(_), Some(_)) => Vec::new(),
            _ => self.methods.iter().map(own).collect(),
        };
        lines.extend(self.time.as_ref().map(Fact::printed_chars));
        lines.extend(self.fee.as_ref().map(Fact::printed_chars));
        lines.extend(self.saving.as_ref().map(Fact::printed_chars));
        lines
    }
}

/// The fact all of several methods share.
fn shared(methods: &[MethodFacts], fact: impl Fn(&MethodFacts) -> &Fact) -> Option<Fact> {
    let (first, rest) = methods.split_first()?;
    (!rest.is_empty() && rest.iter().all(|m| fact(m) == fact(first))).then(|| fact(first).clone())
}

/// The lists of channels a citizen may meet: the procedure's, then each case's own.
fn channel_sets(d: &Procedure) -> Vec<&[Channel]> {
    std::iter::once(d.channels.as_slice())
        .chain(d.cases.iter().filter_map(|c| c.channels.as_deref()))
        .collect()
}

/// Online first when the procedure is offered online; the counter first otherwise.
fn method_order(online: OnlineLevel) -> [Method; 3] {
    match online {
        OnlineLevel::Khong => [Method::TrucTiep, Method::BuuChinh, Method::TrucTuyen],
        _ => [Method::TrucTuyen, Method::TrucTiep, Method::BuuChinh],
    }
}

/// Short shared text first (it is what the decision says), then the numbers, then the shared
/// text cut short; when neither is shared, only that it depends on the case.
fn fact(
    channels: &[&Channel],
    number: impl Fn(&Channel) -> Option<f64>,
    text: impl Fn(&Channel) -> &String,
) -> Fact {
    let first = text(channels[0]);
    let shared = channels.iter().all(|c| text(c) == first);
    let numbers: Option<Vec<f64>> = channels.iter().map(|c| number(c)).collect();
    let amount = numbers.and_then(Span::of);
    if shared && (first.chars().count() <= TEXT_CHARS || amount.is_none()) {
        return Fact {
            // The theme's word cut, which counts the "…" in its room.
            text: Some(shorten(first, TEXT_CHARS + 1).into_owned()),
            ..Fact::default()
        };
    }
    match amount {
        Some(span) => Fact {
            varies: span.high.is_some(),
            amount: Some(span),
            text: None,
        },
        None => Fact {
            varies: true,
            ..Fact::default()
        },
    }
}

/// Counter fee minus online fee, over the lists that give one amount for each: none when online
/// is nowhere cheaper, or somewhere dearer (no one-line claim would be true); "depends on the
/// case" when it is cheaper in some lists only.
fn saving(sets: &[&[Channel]]) -> Option<Fact> {
    let mut savings = Vec::new();
    let mut everywhere = true;
    for set in sets {
        let (Some(online), Some(counter)) = (
            one_fee(set, Method::TrucTuyen),
            one_fee(set, Method::TrucTiep),
        ) else {
            continue;
        };
        match counter.checked_sub(online) {
            Some(0) => everywhere = false,
            Some(saved) => savings.push(saved as f64),
            None => return None,
        }
    }
    let span = Span::of(savings)?;
    Some(Fact {
        amount: Some(span),
        text: None,
        varies: span.high.is_some() || !everywhere,
    })
}

/// The fee of `method` in `set`, when its channels give the same amount.
fn one_fee(set: &[Channel], method: Method) -> Option<u64> {
    let mut fees = set.iter().filter(|c| c.method == method).map(|c| c.fee_vnd);
    let first = fees.next()??;
    fees.all(|f| f == Some(first)).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(method: &str, duration: &str, days: Option<f64>, fee_vnd: Option<u64>) -> Channel {
        serde_json::from_value(serde_json::json!({
            "method": method, "duration": duration, "days": days,
            "fee": fee_vnd.map_or("Theo quy định".to_owned(), |f| format!("{f} đồng")),
            "fee_vnd": fee_vnd,
        }))
        .unwrap()
    }

    fn facts(channels: &[Channel]) -> Vec<Fact> {
        let refs: Vec<&Channel> = channels.iter().collect();
        vec![
            fact(&refs, |c| c.days, |c| &c.duration),
            fact(&refs, |c| c.fee_vnd.map(|v| v as f64), |c| &c.fee),
        ]
    }

    #[test]
    fn one_channel_reads_as_written() {
        let f = facts(&[channel("truc-tiep", "5 ngày", Some(5.0), Some(8000))]);
        assert_eq!(f[0].text.as_deref(), Some("5 ngày"));
        assert_eq!(f[1].text.as_deref(), Some("8000 đồng"));
        assert!(!f[0].varies && !f[1].varies);
    }

    #[test]
    fn a_repeated_method_gives_a_range_and_says_it_depends() {
        let f = facts(&[
            channel("truc-tuyen", "30 ngày", Some(30.0), Some(0)),
            channel(
                "truc-tuyen",
                "40 ngày nếu kiểm tra thực tế",
                Some(40.0),
                Some(0),
            ),
        ]);
        let range = Span {
            low: 30.0,
            high: Some(40.0),
        };
        assert_eq!(f[0].amount, Some(range));
        assert!(f[0].varies);
        assert_eq!(f[1].text.as_deref(), Some("0 đồng"));
    }

    #[test]
    fn differing_text_without_numbers_only_says_it_depends() {
        let f = facts(&[
            channel("truc-tiep", "Theo giấy hẹn", None, None),
            channel("truc-tiep", "Khác", None, None),
        ]);
        assert_eq!(
            f[0],
            Fact {
                varies: true,
                ..Fact::default()
            }
        );
    }

    #[test]
    fn long_shared_text_is_cut_at_a_word() {
        let long = "07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, trường hợp phải xác minh thì kéo dài thêm";
        let f = facts(&[channel("truc-tiep", long, None, None)]);
        let text = f[0].text.clone().unwrap();
        assert!(text.chars().count() <= TEXT_CHARS + 1, "{text}");
        assert!(text.ends_with("…") && long.starts_with(text.trim_end_matches('…')));
        let with_days = facts(&[channel("truc-tiep", long, Some(7.0), None)]);
        assert_eq!(with_days[0].amount.map(|s| s.low), Some(7.0));
    }

    #[test]
    fn saving_needs_online_cheaper_in_every_case() {
        let top = [
            channel("truc-tuyen", "7", None, Some(10_000)),
            channel("truc-tiep", "7", None, Some(20_000)),
        ];
        let case = [
            channel("truc-tuyen", "3", None, Some(4_000)),
            channel("truc-tiep", "3", None, Some(8_000)),
        ];
        let both = saving(&[&top, &case]).unwrap().amount.unwrap();
        assert_eq!((both.low, both.high), (4_000.0, Some(10_000.0)));
        let same = [
            channel("truc-tuyen", "3", None, Some(0)),
            channel("truc-tiep", "3", None, Some(0)),
        ];
        let some_cases = saving(&[&same, &case]).unwrap();
        assert!(some_cases.varies && some_cases.amount.unwrap().low == 4_000.0);
        let dearer = [
            channel("truc-tuyen", "3", None, Some(9_000)),
            channel("truc-tiep", "3", None, Some(8_000)),
        ];
        assert_eq!(saving(&[&top, &dearer]), None);
        assert_eq!(saving(&[&top[..1]]), None);
    }
}
