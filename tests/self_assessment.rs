//! Self-assessment against real files: ratings, accounts (long, Unicode),
//! item statuses and progress, the profile, and the append-only history.

mod common;

use common::{new_portfolio, raw, temp_dir};
use partnership_portfolio::self_assessment::{ItemStatus, MAX_ACCOUNT_CHARS, RATING_SCALE};
use partnership_portfolio::{ErrorCode, Portfolio};

const WELSH: &str = "Cytunon ni ar nodau a rennir gyda’r bartneriaeth leol — ŵ ŷ Ŵ Ŷ.";
const GAELIC: &str = "Dh’obraich mi còmhla ri luchd-obrach a’ chomhairle; “fàilte” òrain.";
const POLISH: &str = "Zażółć gęślą jaźń — współpraca z Łódzkim Ośrodkiem, £12 i €15.";

#[test]
fn ratings_and_accounts_survive_closing_and_reopening() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "a.portfolio");
    let account = format!("{WELSH}\n\n{GAELIC}\n\t{POLISH}\n");
    {
        let mut p = Portfolio::open(&path).unwrap();
        p.set_rating("p4", Some(3)).unwrap();
        let saved = p.set_account("P4", &account).unwrap();
        assert_eq!(saved.account, account.trim_end());
        p.close().unwrap();
    }
    let p = Portfolio::open(&path).unwrap();
    let a = p.self_assessment("P4").unwrap();
    assert_eq!(a.rating, Some(3));
    assert_eq!(a.account, format!("{WELSH}\n\n{GAELIC}\n\t{POLISH}"));
    assert!(a.updated_at.is_some());
    assert_eq!(a.status(), ItemStatus::Rated);
}

#[test]
fn an_account_of_twenty_thousand_characters_and_more_is_kept_whole() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "long.portfolio");
    let long: String = POLISH.chars().cycle().take(25_000).collect();
    let long = long.trim_end().to_string();
    let mut p = Portfolio::open(&path).unwrap();
    p.set_account("K27", &long).unwrap();
    p.close().unwrap();
    let p = Portfolio::open(&path).unwrap();
    assert_eq!(p.self_assessment("K27").unwrap().account, long);

    let too_long = "a".repeat(MAX_ACCOUNT_CHARS + 1);
    let mut p = p;
    let err = p.set_account("K27", &too_long).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("100000"), "{}", err.message);
    assert_eq!(
        p.self_assessment("K27").unwrap().account,
        long,
        "a refused change leaves the old text"
    );
}

#[test]
fn bad_ratings_and_unknown_items_are_refused_with_nothing_written() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "a.portfolio");
    let mut p = Portfolio::open(&path).unwrap();
    let history_before = p.history(None).unwrap().len();
    for bad in [0, 5, 200] {
        let err = p.set_rating("P1", Some(bad)).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
    }
    let err = p.set_rating("P16", Some(2)).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("P16"));
    assert_eq!(p.history(None).unwrap().len(), history_before);
    assert_eq!(p.overview().unwrap().progress.rated, 0);
}

#[test]
fn statuses_and_progress_follow_what_the_learner_does() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "a.portfolio");
    let mut p = Portfolio::open(&path).unwrap();
    p.set_rating("P1", Some(4)).unwrap();
    p.set_account("P2", "Started writing.").unwrap();
    p.set_rating("K1", Some(1)).unwrap();
    let o = p.overview().unwrap();
    assert_eq!(o.progress.total, 42);
    assert_eq!(
        (
            o.progress.rated,
            o.progress.in_progress,
            o.progress.not_started
        ),
        (2, 1, 39)
    );
    assert_eq!(o.sections.len(), 2);
    assert_eq!(o.sections[0].title, "Performance criteria");
    assert_eq!(o.sections[1].title, "Knowledge and understanding");
    assert_eq!(
        (o.sections[0].items.len(), o.sections[1].items.len()),
        (15, 27)
    );
    assert_eq!(o.sections[0].items[1].status, ItemStatus::InProgress);
    assert_eq!(o.sections[0].items[2].status, ItemStatus::NotStarted);
    // Clearing the rating puts the item back.
    p.set_rating("P1", None).unwrap();
    assert_eq!(
        p.overview().unwrap().sections[0].items[0].status,
        ItemStatus::NotStarted
    );

    let d = p.item_detail("p15").unwrap();
    assert_eq!((d.id.as_str(), d.position, d.total), ("P15", 15, 42));
    assert_eq!(
        (d.previous.as_deref(), d.next.as_deref()),
        (Some("P14"), Some("K1"))
    );
    assert_eq!(d.lead_in, "You must be able to:");
}

#[test]
fn the_rating_scale_runs_from_not_yet_to_confident_with_evidence() {
    assert_eq!(RATING_SCALE.len(), 4);
    assert_eq!(RATING_SCALE[0].label, "Not yet");
    assert_eq!(RATING_SCALE[3].label, "Confident, and I can show evidence");
    assert!(RATING_SCALE.iter().all(|l| !l.descriptor.is_empty()));
}

#[test]
fn every_change_is_appended_to_the_history_and_the_history_cannot_be_rewritten() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "a.portfolio");
    {
        let mut p = Portfolio::open(&path).unwrap();
        p.set_rating("P4", Some(2)).unwrap();
        p.set_rating("P4", Some(2)).unwrap(); // no change, no entry
        p.set_account("P4", WELSH).unwrap();
        p.set_rating("P4", Some(3)).unwrap();
        p.set_rating("P4", None).unwrap();
        let h = p.history(Some("P4")).unwrap();
        let fields: Vec<(&str, Option<&str>)> = h
            .iter()
            .map(|e| (e.field.as_str(), e.value.as_deref()))
            .collect();
        assert_eq!(
            fields,
            [
                ("rating", Some("2")),
                ("account", Some(WELSH)),
                ("rating", Some("3")),
                ("rating", None)
            ]
        );
        assert!(h
            .windows(2)
            .all(|w| w[0].seq < w[1].seq && w[0].at <= w[1].at));
        assert!(h.iter().all(|e| e.actor.key() == "learner"));
        p.close().unwrap();
    }
    let conn = raw(&path);
    let update = conn
        .execute("UPDATE history SET value = 'forged'", [])
        .unwrap_err();
    assert!(update.to_string().contains("append-only"), "{update}");
    let delete = conn.execute("DELETE FROM history", []).unwrap_err();
    assert!(delete.to_string().contains("append-only"), "{delete}");
}

#[test]
fn the_profile_keeps_names_in_every_language_and_checks_its_fields() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "a.portfolio");
    let mut p = Portfolio::open(&path).unwrap();
    assert_eq!(p.profile().unwrap(), common::welsh_profile());
    let mut profile = common::welsh_profile();
    profile.full_name = "Przemysław Żółkiewski".into();
    profile.assessor_name = "Eilidh Nic an t-Saoir".into();
    profile.start_date = Some("2026-10-05".into());
    p.set_profile(&profile).unwrap();
    p.close().unwrap();
    let mut p = Portfolio::open(&path).unwrap();
    assert_eq!(p.profile().unwrap(), profile);
    let changed: Vec<String> = p
        .history(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.subject == "profile")
        .map(|e| e.field)
        .collect();
    assert!(
        changed.ends_with(&[
            "full_name".into(),
            "assessor_name".into(),
            "start_date".into()
        ]),
        "{changed:?}"
    );

    let mut bad = profile.clone();
    bad.start_date = Some("05/10/2026".into());
    assert_eq!(
        p.set_profile(&bad).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    bad = profile.clone();
    bad.full_name = " ".into();
    assert!(p
        .set_profile(&bad)
        .unwrap_err()
        .message
        .contains("full name"));
    assert_eq!(p.profile().unwrap(), profile);
}

#[test]
fn the_frame_names_the_portfolio_its_role_and_the_standard_s_sections() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "frame.portfolio");
    let mut p = Portfolio::open(&path).unwrap();
    p.set_title("Siân – partneriaeth").unwrap();
    let f = p.frame().unwrap();
    assert_eq!(f.info.title, "Siân – partneriaeth");
    assert_eq!(f.role, partnership_portfolio::exchange::Role::Learner);
    assert_eq!(f.learner_name, "Siân Llŷr-Ŵyn");
    assert_eq!(f.standard.urn, "CLDAL16");
    let standard = partnership_portfolio::catalogue::cldal16();
    assert_eq!(f.item_count as usize, standard.items().count());
    let ids: Vec<&str> = f
        .sections
        .iter()
        .flat_map(|s| s.item_ids.iter().map(String::as_str))
        .collect();
    let expected: Vec<&str> = standard.items().map(|(_, i)| i.id.as_str()).collect();
    assert_eq!(ids, expected);
    assert_eq!(f.sections[0].title, standard.sections[0].title);
    assert_eq!(
        serde_json::to_value(f.sections[1].kind).unwrap(),
        "knowledge"
    );
}
