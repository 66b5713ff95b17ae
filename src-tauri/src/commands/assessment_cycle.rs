//! Assessment cycle commands (issue 12), for learner and assessor alike: the
//! assessment plan (read, draft lines, accept the plan as read), progress
//! reviews (list, add, countersign) and the feedback thread (read; the
//! learner replies). Each side works in its own file; the core refuses what
//! the file's party may not do.

use super::blocking;
use crate::state::AppState;
use partnership_portfolio::assessment_plan::AssessmentPlan;
use partnership_portfolio::evidence::EvidenceMethod;
use partnership_portfolio::feedback_thread::ThreadEntry;
use partnership_portfolio::reviews::{ProgressReview, ReviewInput};
use partnership_portfolio::Result;
use serde::Deserialize;
use std::sync::Arc;
use tauri::State;
use ts_rs::TS;

#[tauri::command]
pub async fn get_assessment_plan(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<AssessmentPlan> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.assessment_plan())
    })
    .await
}

/// Drafts the plan's line for `items` (replacing what it said for them), as
/// this file's party.
#[tauri::command]
pub async fn set_plan(
    state: State<'_, Arc<AppState>>,
    id: String,
    items: Vec<String>,
    methods: Vec<EvidenceMethod>,
    target_on: String,
    note: String,
) -> Result<AssessmentPlan> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.set_plan(&items, &methods, &target_on, &note))
    })
    .await
}

/// Accepts the plan whose fingerprint is `fingerprint` (the plan as shown);
/// refused if it has changed since.
#[tauri::command]
pub async fn accept_plan(
    state: State<'_, Arc<AppState>>,
    id: String,
    name: String,
    fingerprint: String,
) -> Result<AssessmentPlan> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.accept_plan(&name, &fingerprint))
    })
    .await
}

#[tauri::command]
pub async fn list_reviews(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<Vec<ProgressReview>> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.progress_reviews())
    })
    .await
}

/// A progress review as the form gives it (the core fills in what was
/// achieved since the last one).
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct NewReview {
    /// YYYY-MM-DD; today when empty.
    pub held_on: String,
    pub next_steps: String,
    pub next_target: String,
    pub notes: String,
    pub learner_name: String,
    pub assessor_name: String,
}

/// Adds a progress review, signed by this file's party.
#[tauri::command]
pub async fn add_review(
    state: State<'_, Arc<AppState>>,
    id: String,
    review: NewReview,
) -> Result<ProgressReview> {
    blocking(&state, move |s| {
        let input = ReviewInput {
            held_on: Some(review.held_on),
            next_steps: review.next_steps,
            next_target: review.next_target,
            notes: review.notes,
            learner_name: review.learner_name,
            assessor_name: review.assessor_name,
        };
        s.with_portfolio(&id, |p| p.add_review(&input))
    })
    .await
}

/// Countersigns review `reference` (R1, R2…) as this file's party.
#[tauri::command]
pub async fn sign_review(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
    name: String,
) -> Result<ProgressReview> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.sign_review(&reference, &name))
    })
    .await
}

/// The feedback thread of `item`, or of every item when `item` is absent.
#[tauri::command]
pub async fn get_feedback_thread(
    state: State<'_, Arc<AppState>>,
    id: String,
    item: Option<String>,
) -> Result<Vec<ThreadEntry>> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| match &item {
            Some(item) => p.feedback_thread(item),
            None => p.feedback_threads(),
        })
    })
    .await
}

/// Learner: replies on `item`'s thread (about its latest judged version).
#[tauri::command]
pub async fn reply_to_feedback(
    state: State<'_, Arc<AppState>>,
    id: String,
    item: String,
    text: String,
) -> Result<ThreadEntry> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.reply(&item, &text))
    })
    .await
}
