//! The steps of a fold, named after the pipeline stages, and how progress is reported.
//!
//! The engine announces each step and its units of work through [`Progress`]; it does not know
//! whether anybody draws a bar (the CLI does, on a terminal), logs, or ignores it.

/// One step of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// Reading inputs into raw documents.
    Read,
    /// Cleaning raw documents into articles.
    Clean,
    /// Fingerprinting articles.
    Fingerprint,
    /// Verifying candidate pairs into reuse relations.
    Reuse,
    /// Grouping articles into origins.
    Origins,
    /// Tracing each sentence to its origin (sentence provenance).
    Provenance,
    /// Grouping articles into stories.
    Stories,
    /// Aligning facts and writing each story's brief.
    Brief,
}

impl Step {
    /// Every step, in pipeline order.
    pub const ALL: [Step; 8] = [
        Step::Read,
        Step::Clean,
        Step::Fingerprint,
        Step::Reuse,
        Step::Origins,
        Step::Provenance,
        Step::Stories,
        Step::Brief,
    ];

    /// The step's name, as shown to users and in `run.timings`.
    pub fn name(self) -> &'static str {
        match self {
            Step::Read => "read",
            Step::Clean => "clean",
            Step::Fingerprint => "fingerprint",
            Step::Reuse => "reuse",
            Step::Origins => "origins",
            Step::Provenance => "provenance",
            Step::Stories => "stories",
            Step::Brief => "brief",
        }
    }
}

/// Receives progress. Called from worker threads, so it must be `Sync`.
pub trait Progress: Sync {
    /// `step` starts, with `total` units of work (0: not known in advance).
    fn start(&self, step: Step, total: u64);
    /// `n` more units of the current step are done.
    fn advance(&self, n: u64);
    /// The current step is done.
    fn finish(&self, step: Step);
}

/// Progress that goes nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: Step, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish(&self, _: Step) {}
}
