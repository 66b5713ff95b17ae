//! Portfolio commands: the frame every screen of a portfolio shares, the
//! overview, an item, its rating and account, the learner's profile and the
//! history.

use super::blocking;
use crate::state::AppState;
use partnership_portfolio::history::HistoryEntry;
use partnership_portfolio::overview::{ItemDetail, Overview, PortfolioFrame};
use partnership_portfolio::profile::LearnerProfile;
use partnership_portfolio::self_assessment::SelfAssessment;
use partnership_portfolio::Result;
use std::sync::Arc;
use tauri::State;

/// What every screen of a portfolio shows around its content: its info,
/// role, learner, standard and sections (cheap: no evidence is read).
#[tauri::command]
pub async fn get_portfolio_frame(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<PortfolioFrame> {
    blocking(&state, move |s| s.with_portfolio(&id, |p| p.frame())).await
}

#[tauri::command]
pub async fn get_overview(state: State<'_, Arc<AppState>>, id: String) -> Result<Overview> {
    blocking(&state, move |s| s.with_portfolio(&id, |p| p.overview())).await
}

#[tauri::command]
pub async fn get_item(
    state: State<'_, Arc<AppState>>,
    id: String,
    item: String,
) -> Result<ItemDetail> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.item_detail(&item))
    })
    .await
}

#[tauri::command]
pub async fn set_rating(
    state: State<'_, Arc<AppState>>,
    id: String,
    item: String,
    rating: Option<u8>,
) -> Result<SelfAssessment> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.set_rating(&item, rating))
    })
    .await
}

#[tauri::command]
pub async fn set_account(
    state: State<'_, Arc<AppState>>,
    id: String,
    item: String,
    account: String,
) -> Result<SelfAssessment> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.set_account(&item, &account))
    })
    .await
}

#[tauri::command]
pub async fn get_profile(state: State<'_, Arc<AppState>>, id: String) -> Result<LearnerProfile> {
    blocking(&state, move |s| s.with_portfolio(&id, |p| p.profile())).await
}

#[tauri::command]
pub async fn set_profile(
    state: State<'_, Arc<AppState>>,
    id: String,
    profile: LearnerProfile,
) -> Result<LearnerProfile> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.set_profile(&profile))
    })
    .await
}

#[tauri::command]
pub async fn get_history(
    state: State<'_, Arc<AppState>>,
    id: String,
    item: Option<String>,
) -> Result<Vec<HistoryEntry>> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.history(item.as_deref()))
    })
    .await
}
