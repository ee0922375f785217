//! Shrinking a crash before it is saved: chunks of lines, then chunks of the longest line, are
//! removed as long as what is left still crashes the same way. A nesting written on one line
//! (`- - - … x`) shrinks in the second step, to about the depth that still overflows.

use std::ops::Range;
use std::time::{Duration, Instant};

use super::text;

/// The longest line is cut into at most this many pieces, so that a long line costs no more tries
/// than a short file.
const PIECES: usize = 256;

/// Removes what `still_crashes` does not need, within `budget`; returns the smallest input that
/// still crashed, and how many tries it took.
pub fn minimise(
    input: Vec<u8>,
    budget: Duration,
    still_crashes: impl FnMut(&[u8]) -> bool,
) -> (Vec<u8>, usize) {
    let mut shrink = Shrink {
        deadline: Instant::now() + budget,
        tries: 0,
        still_crashes,
    };
    let mut best = shrink.remove_chunks(input, line_cuts);
    // Cutting a line can leave another one the longest; a few rounds reach the next.
    for _ in 0..4 {
        let before = best.len();
        best = shrink.remove_chunks(best, longest_line_cuts);
        if best.len() == before {
            break;
        }
    }
    (best, shrink.tries)
}

struct Shrink<F> {
    deadline: Instant,
    tries: usize,
    still_crashes: F,
}

impl<F: FnMut(&[u8]) -> bool> Shrink<F> {
    /// Delta debugging over the points `cuts` gives for the current data: the spans between
    /// every other point removed, then between neighbours one step closer, each span kept out if
    /// the rest still crashes.
    fn remove_chunks(&mut self, mut data: Vec<u8>, cuts: fn(&[u8]) -> Vec<usize>) -> Vec<u8> {
        let mut chunk = cuts(&data).len() / 2;
        while chunk >= 1 {
            let mut i = 0;
            loop {
                if Instant::now() >= self.deadline {
                    return data;
                }
                let points = cuts(&data);
                if i + chunk >= points.len() {
                    break;
                }
                let mut candidate = data[..points[i]].to_vec();
                candidate.extend_from_slice(&data[points[i + chunk]..]);
                self.tries += 1;
                if (self.still_crashes)(&candidate) {
                    data = candidate;
                } else {
                    i += chunk;
                }
            }
            chunk /= 2;
        }
        data
    }
}

/// Every line start, and the end.
fn line_cuts(data: &[u8]) -> Vec<usize> {
    text::line_starts(data, &(0..data.len()))
}

/// Points spread evenly over the longest line, its line end left alone.
fn longest_line_cuts(data: &[u8]) -> Vec<usize> {
    let Some(line) = longest_line(data) else {
        return Vec::new();
    };
    let end = if data[..line.end].ends_with(b"\n") {
        line.end - 1
    } else {
        line.end
    };
    let step = ((end - line.start) / PIECES).max(1);
    let mut points: Vec<usize> = (line.start..end).step_by(step).collect();
    points.push(end);
    points
}

fn longest_line(data: &[u8]) -> Option<Range<usize>> {
    text::lines(data, &(0..data.len()))
        .into_iter()
        .max_by_key(|l| l.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_what_the_crash_needs() {
        // "Crashes" when 40 or more `- ` are left on a line.
        let mut input = b"code: x\nname: y\nzz:\n ".to_vec();
        input.extend_from_slice(&b"- ".repeat(500));
        input.extend_from_slice(b"x\nmore: z\n");
        let deep = |data: &[u8]| data.windows(2).filter(|w| w == b"- ").count() >= 40;
        let (small, _) = minimise(input, Duration::from_secs(10), deep);
        assert!(deep(&small));
        assert!(small.len() < 100, "{}", String::from_utf8_lossy(&small));
    }
}
