//! `newsfold-eval msrp`: the sentence similarity of fact alignment on the Microsoft Research
//! Paraphrase corpus (accuracy and F1 on `test.tsv`), beside the lexical baseline it replaced.
//!
//! The similarity (`newsfold_brief::similarity`) is a logistic model over eleven overlap
//! measures. `--fit` fits it on `train.tsv` (batch gradient descent on the log loss with a
//! little L2, deterministic) and prints the weights as Rust, to be pasted into
//! `crates/brief/src/similarity.rs`; without it, the shipped weights are scored. The baseline
//! is Jaccard of content stems (the alignment's earlier test) at the threshold that is most
//! accurate on `train.tsv`. Nothing is tuned on `test.tsv`.

use std::path::Path;

use anyhow::{Context, bail};

use newsfold_brief::similarity::{self, FEATURES, Sentence};

/// One labelled pair.
#[derive(Clone)]
struct Pair {
    same: bool,
    a: Sentence,
    b: Sentence,
}

/// The pairs of an MSRP file (label, id1, id2, s1, s2; a header line).
fn pairs(path: &Path) -> anyhow::Result<Vec<Pair>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 5 {
            bail!(
                "{} line {}: expected 5 tab-separated columns",
                path.display(),
                n + 1
            );
        }
        out.push(Pair {
            same: cols[0] == "1",
            a: Sentence::new(cols[3]),
            b: Sentence::new(cols[4]),
        });
    }
    Ok(out)
}

/// Accuracy and F1 (of the "same" class) of predictions.
fn score(pairs: &[Pair], predict: impl Fn(&Pair) -> bool) -> (f64, f64) {
    let (mut tp, mut fp, mut fn_, mut right) = (0.0, 0.0, 0.0, 0.0);
    for p in pairs {
        let said = predict(p);
        if said == p.same {
            right += 1.0;
        }
        match (said, p.same) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fn_ += 1.0,
            _ => {}
        }
    }
    let f1 = if tp > 0.0 {
        2.0 * tp / (2.0 * tp + fp + fn_)
    } else {
        0.0
    };
    (right / pairs.len().max(1) as f64, f1)
}

/// The fitted model's decision on a pair.
fn predict(w: &[f64; FEATURES], bias: f64, p: &Pair) -> bool {
    let z = bias
        + similarity::features(&p.a, &p.b)
            .iter()
            .zip(w)
            .map(|(a, b)| a * b)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp()) >= similarity::SAME
}

/// Logistic regression on the pairs' measures: weights and intercept.
fn fit(pairs: &[Pair]) -> ([f64; FEATURES], f64) {
    let xs: Vec<[f64; FEATURES]> = pairs
        .iter()
        .map(|p| similarity::features(&p.a, &p.b))
        .collect();
    let ys: Vec<f64> = pairs.iter().map(|p| f64::from(u8::from(p.same))).collect();
    let (mut w, mut bias) = ([0.0; FEATURES], 0.0);
    let n = xs.len() as f64;
    let (rate, l2) = (2.0, 1e-4);
    for _ in 0..20_000 {
        let mut grad = [0.0; FEATURES];
        let mut grad_bias = 0.0;
        for (x, y) in xs.iter().zip(&ys) {
            let z = bias + x.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>();
            let err = 1.0 / (1.0 + (-z).exp()) - y;
            grad.iter_mut().zip(x).for_each(|(g, xi)| *g += err * xi);
            grad_bias += err;
        }
        for (wi, g) in w.iter_mut().zip(grad) {
            *wi -= rate * (g / n + l2 * *wi);
        }
        bias -= rate * grad_bias / n;
    }
    (w, bias)
}

/// Score (or, with `fit_weights`, fit and print) the similarity on the corpus in `dir`; an error
/// when the model's test accuracy is below `min_accuracy`.
pub fn run(dir: &Path, fit_weights: bool, min_accuracy: Option<f64>) -> anyhow::Result<()> {
    let train = pairs(&dir.join("train.tsv"))?;
    let test = pairs(&dir.join("test.tsv"))?;
    if fit_weights {
        // Five-fold cross-validation on train, for choosing measures without looking at test.
        let mut right = 0.0;
        for fold in 0..5 {
            let in_fold = |k: usize| k % 5 == fold;
            let kept: Vec<Pair> = (0..train.len())
                .filter(|&k| !in_fold(k))
                .map(|k| train[k].clone())
                .collect();
            let (w, bias) = fit(&kept);
            right += (0..train.len())
                .filter(|&k| in_fold(k) && predict(&w, bias, &train[k]) == train[k].same)
                .count() as f64;
        }
        println!(
            "5-fold cross-validated accuracy on train: {:.4}",
            right / train.len() as f64
        );
        let (w, bias) = fit(&train);
        let (acc, f1) = score(&train, |p| predict(&w, bias, p));
        println!(
            "fitted on {} training pairs: accuracy {acc:.4}, F1 {f1:.4} (on train)",
            train.len()
        );
        println!("pub const WEIGHTS: [f64; FEATURES] = {w:?};\npub const BIAS: f64 = {bias:?};");
        return Ok(());
    }
    // The baseline's threshold: the most accurate on train.
    let jaccard = |p: &Pair| similarity::features(&p.a, &p.b)[0];
    let threshold = (1..100)
        .map(|k| f64::from(k) / 100.0)
        .max_by(|&x, &y| {
            let acc = |t: f64| score(&train, |p| jaccard(p) >= t).0;
            acc(x).total_cmp(&acc(y)).then(y.total_cmp(&x))
        })
        .unwrap_or(0.5);
    println!(
        "MSRP test, {} pairs ({} paraphrases)",
        test.len(),
        test.iter().filter(|p| p.same).count()
    );
    println!("{:<52} {:>9} {:>7}", "similarity", "accuracy", "F1");
    let (acc, f1) = score(&test, |p| similarity::same_fact(&p.a, &p.b));
    println!(
        "{:<52} {acc:>9.4} {f1:>7.4}",
        "newsfold fact alignment (model or containment)"
    );
    let (model_accuracy, f1) = score(&test, |p| similarity::same(&p.a, &p.b));
    println!(
        "{:<52} {model_accuracy:>9.4} {f1:>7.4}",
        "newsfold paraphrase model alone"
    );
    let (acc, f1) = score(&test, |p| jaccard(p) >= threshold);
    println!(
        "{:<52} {acc:>9.4} {f1:>7.4}",
        format!("content-stem Jaccard >= {threshold:.2} (tuned on train)")
    );
    let (acc, f1) = score(&test, |_| true);
    println!("{:<52} {acc:>9.4} {f1:>7.4}", "every pair a paraphrase");
    if let Some(min) = min_accuracy
        && model_accuracy < min
    {
        bail!("MSRP test accuracy {model_accuracy:.4} is below {min}");
    }
    Ok(())
}
