//! Partnerships: the learner's real working relationships, first-class in
//! the portfolio (work in progress: the health check's statements and its
//! arithmetic come first).

pub mod scoring;
pub mod template;
