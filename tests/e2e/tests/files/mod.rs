//! Portfolio files made by the core, for the tests that open them from the
//! desktop (the app started with a file, or handed one): a learner's own
//! portfolio, and one submitted and saved to send to an assessor.
// Each test file uses what it needs of these.
#![allow(dead_code)]

use partnership_portfolio::catalogue::cldal16;
use partnership_portfolio::portfolio::NewPortfolio;
use partnership_portfolio::profile::LearnerProfile;
use partnership_portfolio::Portfolio;
use std::path::Path;

/// A learner's new portfolio at `path`, titled `title`.
pub fn own_portfolio(path: &Path, learner: &str, title: &str) -> Portfolio {
    Portfolio::create(
        path,
        NewPortfolio {
            standard: cldal16(),
            profile: LearnerProfile {
                full_name: learner.into(),
                ..Default::default()
            },
            title: Some(title.into()),
        },
    )
    .expect("a learner's portfolio")
}

/// A learner's portfolio, submitted (version 1) and saved for the assessor
/// at `dest`; the learner's own file is made beside it in `work`.
pub fn submission(work: &Path, dest: &Path, learner: &str, title: &str) {
    let mut p = own_portfolio(&work.join("own.portfolio"), learner, title);
    p.submit(learner, "2026-11-30").expect("submit");
    p.save_exchange_file(dest, None)
        .expect("save the file to send");
    p.close().expect("close");
}
