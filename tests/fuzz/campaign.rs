//! A fuzzing run: one thread per worker makes cases, has its worker run them, and counts what
//! happened; a crash not seen before is confirmed with the real binary, minimised and saved.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::crash::{self, CASE_LIMITS, Class, ROOMY_LIMITS};
use super::minimise::minimise;
use super::mutate::Mutator;
use super::replay::{self, ReplaySite};
use super::rng::Rng;
use super::supervise::{Crash, Outcome, Slot};
use super::target::{Format, TARGETS, Target};
use super::worker::Mode;

/// The knobs of a run, read from the environment by the test.
#[derive(Debug, Clone)]
pub struct Settings {
    pub duration: Duration,
    pub seed: u64,
    pub workers: usize,
    /// The targets cases are made for (all by default).
    pub targets: Vec<&'static Target>,
    /// Where new crashes are saved.
    pub crash_dir: PathBuf,
    /// Print a line for every case: its target, size, mutations, time and outcome.
    pub trace: bool,
}

/// How long a new crash may be minimised for, while its worker makes no new cases. A try costs
/// milliseconds for a stack overflow, seconds to run out of memory, ten to hang.
const MINIMISE_BUDGET: Duration = Duration::from_secs(30);

/// A saved crash must stay small enough to keep in git.
const MAX_SAVED: usize = 200 << 10;

/// One case in this many goes through `check` and `build`; the others only load and validate,
/// which costs a few milliseconds instead of a tenth of a second. Guides and pages go through
/// rendering more often: their Markdown and shortcodes are only rendered there.
fn full_one_in(format: Format) -> usize {
    match format {
        Format::Markdown => 3,
        Format::Yaml | Format::Toml => 9,
    }
}

#[derive(Debug, Default, Clone)]
struct Counts {
    /// Cases run through `check` (and `build`).
    full: u64,
    /// Cases only loaded and validated.
    load: u64,
    /// Cases that passed: full ones were built too.
    valid: u64,
    crashes: u64,
}

/// A crash class met in this run, and what became of it.
#[derive(Debug, Clone)]
pub struct Found {
    /// As the worker saw it: `guide-stack-overflow-build`.
    pub key: String,
    pub hits: u64,
    /// The file it was saved as, or why it was not.
    pub saved: String,
}

pub struct Summary {
    pub elapsed: Duration,
    pub cases: u64,
    pub found: Vec<Found>,
}

struct Shared<'a> {
    settings: &'a Settings,
    seeds: Vec<Vec<Vec<u8>>>,
    donors: Vec<Vec<u8>>,
    end: Instant,
    counts: Mutex<Vec<Counts>>,
    found: Mutex<Vec<Found>>,
    /// Keys of the classes saved, as the binary saw them: from the crash folder's file names,
    /// and those saved in this run.
    saved: Mutex<BTreeSet<String>>,
}

pub fn run(settings: &Settings) -> Summary {
    let seeds: Vec<Vec<Vec<u8>>> = TARGETS.iter().map(Target::seeds).collect();
    let shared = Shared {
        donors: seeds.iter().flatten().cloned().collect(),
        seeds,
        end: Instant::now() + settings.duration,
        counts: Mutex::new(vec![Counts::default(); TARGETS.len()]),
        found: Mutex::default(),
        saved: Mutex::new(saved_keys(&settings.crash_dir)),
        settings,
    };
    let started = Instant::now();
    std::thread::scope(|scope| {
        for worker in 0..settings.workers {
            let shared = &shared;
            scope.spawn(move || shared.fuzz(worker));
        }
        scope.spawn(|| shared.report_progress(started));
    });
    let counts = shared.counts.into_inner().unwrap();
    print_table(&counts, started.elapsed());
    Summary {
        elapsed: started.elapsed(),
        cases: counts.iter().map(|c| c.full + c.load).sum(),
        found: shared.found.into_inner().unwrap(),
    }
}

impl Shared<'_> {
    /// One worker's stream of cases. Its random numbers depend only on the seed and the worker's
    /// number, so a seed gives the same cases again (though not their timing).
    fn fuzz(&self, worker: usize) {
        let mut rng = Rng::new(self.settings.seed ^ (worker as u64 + 1).wrapping_mul(0x2545_f491));
        let mut slot = Slot::default();
        let weights: Vec<u32> = self.settings.targets.iter().map(|t| t.weight).collect();
        while Instant::now() < self.end {
            let target = self.settings.targets[rng.weighted(&weights)];
            let mode = match rng.one_in(full_one_in(target.format)) {
                true => Mode::Full,
                false => Mode::Load,
            };
            let index = target_index(target);
            let seed = rng.pick(&self.seeds[index]).clone();
            let (case, made_by) = Mutator::new(&mut rng, target.format, &self.donors).mutate(&seed);
            let started = Instant::now();
            let outcome = slot.run(mode, target, &case, &CASE_LIMITS);
            if self.settings.trace {
                eprintln!(
                    "fuzz: {} {} {} bytes by {} in {} ms: {}",
                    mode.name(),
                    target.name,
                    case.len(),
                    made_by.join(","),
                    started.elapsed().as_millis(),
                    outcome.name()
                );
            }
            self.count(index, mode, &outcome);
            if let Outcome::Crash(crash) = outcome {
                self.on_crash(mode, target, case, &made_by, crash);
            }
        }
    }

    fn count(&self, index: usize, mode: Mode, outcome: &Outcome) {
        let mut counts = self.counts.lock().unwrap();
        let c = &mut counts[index];
        match mode {
            Mode::Full => c.full += 1,
            Mode::Load => c.load += 1,
        }
        match outcome {
            Outcome::Valid => c.valid += 1,
            Outcome::Invalid => {}
            Outcome::Crash(_) => c.crashes += 1,
        }
    }

    /// Counts a crash under its class. The first of a class is confirmed by the binary and, unless
    /// the binary's class was saved before, minimised and saved.
    fn on_crash(&self, mode: Mode, target: &Target, case: Vec<u8>, made_by: &[&str], crash: Crash) {
        let key = crash.class.key(target);
        {
            let mut found = self.found.lock().unwrap();
            if let Some(f) = found.iter_mut().find(|f| f.key == key) {
                f.hits += 1;
                return;
            }
            found.push(Found {
                key: key.clone(),
                hits: 1,
                saved: "being confirmed".into(),
            });
        }
        eprintln!(
            "fuzz: crash {key} ({} bytes, made by {}):\n{}",
            case.len(),
            made_by.join(", "),
            indent(&crash.stderr)
        );
        let saved = self.confirm_and_save(mode, target, case, &crash.class);
        eprintln!("fuzz: {key}: {saved}");
        let mut found = self.found.lock().unwrap();
        if let Some(f) = found.iter_mut().find(|f| f.key == key) {
            f.saved = saved;
        }
    }

    /// Runs the case with the real binary; a crash of a class not saved yet is minimised and
    /// written to the crash folder. Says what became of it.
    fn confirm_and_save(&self, mode: Mode, target: &Target, case: Vec<u8>, seen: &Class) -> String {
        let site = ReplaySite::new();
        let binary = |input: &[u8]| replay::crash_of(&site.run(target, input, &CASE_LIMITS));
        let Some(class) = binary(&case) else {
            let path = keep_unsaved(&format!("{}-unconfirmed", target.name), target, &case);
            return format!("not reproduced by the binary; kept in {}", path.display());
        };
        let differs = match class == seen.in_binary() {
            true => String::new(),
            false => format!(" (the binary: {} in {})", class.kind.name(), class.stage),
        };
        let key = seen.key(target);
        if !self.saved.lock().unwrap().insert(key.clone()) {
            return format!("saved before{differs}");
        }
        let original = case.len();
        let (small, tries) = self.shrink(mode, target, case, seen, &class, &binary);
        let size = format!("{} bytes, from {original} in {tries} tries", small.len());
        if small.len() > MAX_SAVED {
            let path = keep_unsaved(&format!("{}-{}", target.name, seen.label()), target, &small);
            return format!(
                "too large for git; kept in {} ({size}){differs}",
                path.display()
            );
        }
        let hash = &blake3::hash(&small).to_hex()[..12];
        let name = format!(
            "{}-{}-{hash}.{}",
            target.name,
            seen.label(),
            target.extension()
        );
        let path = self.settings.crash_dir.join(name);
        std::fs::create_dir_all(&self.settings.crash_dir).expect("create the crash folder");
        std::fs::write(&path, &small).expect("save the crash");
        format!("saved as {} ({size}){differs}", path.display())
    }

    /// Minimises a crash the worker saw as `seen` and the binary as `class`. A roomy worker does
    /// it if it crashes on the case too: a try costs there what the case costs, where the binary
    /// adds a process and a copy of the site to each. What it leaves must still crash the binary.
    fn shrink(
        &self,
        mode: Mode,
        target: &Target,
        case: Vec<u8>,
        seen: &Class,
        class: &Class,
        binary: &dyn Fn(&[u8]) -> Option<Class>,
    ) -> (Vec<u8>, usize) {
        let mut roomy = Slot::roomy();
        let mut in_roomy =
            |candidate: &[u8]| match roomy.run(mode, target, candidate, &ROOMY_LIMITS) {
                Outcome::Crash(crash) => crash.class == *seen,
                _ => false,
            };
        let mut tries = 1;
        if in_roomy(&case) {
            let (small, roomy_tries) = minimise(case.clone(), MINIMISE_BUDGET, in_roomy);
            if binary(&small).as_ref() == Some(class) {
                return (small, tries + roomy_tries);
            }
            tries += roomy_tries;
        }
        // Too close to the limits to crash with more room: minimised with the binary's own.
        let (small, binary_tries) = minimise(case, MINIMISE_BUDGET, |candidate| {
            binary(candidate).as_ref() == Some(class)
        });
        (small, tries + binary_tries)
    }

    /// A line every half minute, so a long run shows it is alive.
    fn report_progress(&self, started: Instant) {
        while Instant::now() < self.end {
            std::thread::sleep(Duration::from_secs(1));
            let secs = started.elapsed().as_secs();
            if !secs.is_multiple_of(30) {
                continue;
            }
            let cases: u64 = self
                .counts
                .lock()
                .unwrap()
                .iter()
                .map(|c| c.full + c.load)
                .sum();
            let crashes = self.found.lock().unwrap().len();
            eprintln!(
                "fuzz: {secs} s, {cases} cases ({:.1}/s), {crashes} crash classes",
                cases as f64 / secs as f64
            );
        }
    }
}

fn target_index(target: &Target) -> usize {
    TARGETS
        .iter()
        .position(|t| t.name == target.name)
        .expect("a known target")
}

/// The keys of the crashes saved in `dir`, from their file names.
fn saved_keys(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| crash::key_of_file(&e.file_name().to_string_lossy()))
        .collect()
}

/// Writes a crash that is not to be kept in git (the binary did not reproduce it, or it is too
/// large) under target/, for a look by hand.
fn keep_unsaved(name: &str, target: &Target, case: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-unsaved");
    let hash = &blake3::hash(case).to_hex()[..12];
    let path = dir.join(format!("{name}-{hash}.{}", target.extension()));
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(&path, case);
    path
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

fn print_table(counts: &[Counts], elapsed: Duration) {
    let secs = elapsed.as_secs_f64();
    let row = |name: &str, c: &Counts| {
        let cases = c.full + c.load;
        eprintln!(
            "{name:<12} {:>8} {:>8} {:>8.1} {:>8} {:>8}",
            c.full,
            c.load,
            cases as f64 / secs,
            c.valid,
            c.crashes
        );
    };
    eprintln!("\ntarget           full     load  cases/s    valid  crashes");
    for (target, c) in TARGETS.iter().zip(counts) {
        row(target.name, c);
    }
    let total = counts.iter().fold(Counts::default(), |a, c| Counts {
        full: a.full + c.full,
        load: a.load + c.load,
        valid: a.valid + c.valid,
        crashes: a.crashes + c.crashes,
    });
    row("all", &total);
    eprintln!();
}
