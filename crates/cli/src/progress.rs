//! Progress bars on stderr, one per pipeline step, for runs long enough to need them.
//!
//! Bars stay hidden for the first two seconds of a run, so small folds print nothing but their
//! summary; they are never drawn when stderr is not a terminal or with `--quiet`.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsfold_engine::{Progress, Step};

/// How long a run goes before bars appear.
const DELAY: Duration = Duration::from_secs(2);

/// Draws a bar per step on stderr.
pub struct Bars {
    enabled: bool,
    started: Instant,
    bar: Mutex<Option<ProgressBar>>,
}

impl Bars {
    /// Bars for a run starting now; `quiet` or a non-terminal stderr turns them off.
    pub fn new(quiet: bool) -> Bars {
        Bars {
            enabled: !quiet && std::io::stderr().is_terminal(),
            started: Instant::now(),
            bar: Mutex::new(None),
        }
    }

    fn show_if_due(&self, bar: &ProgressBar) {
        if self.enabled && bar.is_hidden() && self.started.elapsed() >= DELAY {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

impl Progress for Bars {
    fn start(&self, step: Step, total: u64) {
        if !self.enabled {
            return;
        }
        // A total of 0 means the work is counted as it is found: a counter, not a bar.
        let (length, template) = if total == 0 {
            (None, "{prefix:>12} {spinner} {pos} {elapsed}")
        } else {
            (Some(total), "{prefix:>12} [{bar:30}] {pos}/{len} {elapsed}")
        };
        let bar = ProgressBar::with_draw_target(length, ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix(step.name());
        self.show_if_due(&bar);
        if let Ok(mut slot) = self.bar.lock() {
            *slot = Some(bar);
        }
    }

    fn advance(&self, n: u64) {
        if let Ok(slot) = self.bar.lock()
            && let Some(bar) = slot.as_ref()
        {
            bar.inc(n);
            self.show_if_due(bar);
        }
    }

    fn finish(&self, _: Step) {
        if let Ok(mut slot) = self.bar.lock()
            && let Some(bar) = slot.take()
        {
            if bar.is_hidden() {
                bar.finish_and_clear();
            } else {
                bar.finish();
            }
        }
    }
}
