//! Names and titles that could display as something else: every place a
//! name or title is typed in (a portfolio's title, the learner's profile, an
//! evidence title and its witness, the declaration, the assessor's name) or
//! taken in (an attached file's name) keeps it without bidirectional
//! controls and other invisible format characters; and a file from someone
//! else that holds one in a name is refused (see also exchange_hostile.rs).

mod common;

use partnership_portfolio::catalogue;
use partnership_portfolio::evidence::{
    EvidenceInput, EvidenceMethod, NewEvidence, WitnessChoice, WitnessInput,
};
use partnership_portfolio::exchange::{self, JudgementOutcome};
use partnership_portfolio::portfolio::NewPortfolio;
use partnership_portfolio::profile::LearnerProfile;
use partnership_portfolio::{ErrorCode, Portfolio};

/// "Siân" with a right-to-left override (the rest would show backwards), a
/// zero-width space, an isolate and a left-to-right mark.
fn disguised(name: &str) -> String {
    format!("\u{200E}{name}\u{202E}\u{200B}txt.exe\u{2066}")
}

fn clear(what: &str, value: &str) {
    assert!(
        !value.chars().any(|c| matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
            && c != '\u{200C}'
            && c != '\u{200D}'),
        "{what} kept a disguising character: {value:?}"
    );
}

#[test]
fn every_name_and_title_typed_or_taken_in_loses_what_could_disguise_it() {
    let dir = common::temp_dir();
    let path = dir.path().join("p.portfolio");
    let mut p = Portfolio::create(
        &path,
        NewPortfolio {
            standard: catalogue::cldal16(),
            profile: LearnerProfile {
                full_name: disguised("Siân Llŷr"),
                centre: disguised("Canolfan"),
                assessor_name: disguised("Màiri"),
                ..Default::default()
            },
            title: Some(disguised("Fy mhortffolio")),
        },
    )
    .unwrap();
    clear("the title", &p.info().unwrap().title);
    assert_eq!(p.info().unwrap().title, "Fy mhortffoliotxt.exe");
    let profile = p.profile().unwrap();
    for v in [&profile.full_name, &profile.centre, &profile.assessor_name] {
        clear("the profile", v);
    }
    p.set_title(&disguised("Teitl newydd")).unwrap();
    clear("a new title", &p.info().unwrap().title);

    let file = dir.path().join("llun\u{202E}gpj.exe");
    std::fs::write(&file, b"not really a photo").unwrap();
    let (e, _) = p
        .add_evidence(NewEvidence {
            input: EvidenceInput {
                title: disguised("Cofnodion"),
                method: EvidenceMethod::WitnessTestimony,
                activity_date: None,
                description: String::new(),
                witness: Some(WitnessChoice::New(WitnessInput {
                    name: disguised("Dafydd"),
                    job_role: disguised("Llyfrgellydd"),
                    ..Default::default()
                })),
                confidential: None,
            },
            attach: vec![file],
            mappings: vec![],
        })
        .unwrap();
    clear("the evidence title", &e.heading.title);
    let w = e.witness.as_ref().unwrap();
    clear("the witness", &w.name);
    clear("the witness's role", &w.job_role);
    clear("the file name", &e.attachments[0].file_name);
    assert_eq!(e.attachments[0].file_name, "llungpj.exe");

    let s = p.submit(&disguised("Siân Llŷr"), "2026-11-01").unwrap();
    clear("the declaration", &s.declared_name);
    let sent = dir.path().join("sent.portfolio");
    p.save_copy(&sent).unwrap();
    p.close().unwrap();

    let mut a =
        exchange::open_submission(&sent, &dir.path().join("a.portfolio"), &disguised("Màiri"))
            .unwrap();
    let j = a
        .judge("P1", JudgementOutcome::Met, "", Some(&disguised("Màiri")))
        .unwrap();
    clear("the assessor's name", &j.assessor_name);
    let signed = a.sign_off(&disguised("Màiri N."), "2026-11-20");
    // (Not every item is judged: refused for that, not for the name.)
    assert_eq!(signed.err().unwrap().code, ErrorCode::InvalidInput);
    a.close().unwrap();
}

#[test]
fn a_file_from_someone_else_with_a_disguised_name_is_refused() {
    let dir = common::temp_dir();
    let learner = common::new_portfolio(dir.path(), "l.portfolio");
    let mut p = Portfolio::open(&learner).unwrap();
    p.submit("Siân", "2026-11-01").unwrap();
    let sent = dir.path().join("sent.portfolio");
    p.save_copy(&sent).unwrap();
    p.close().unwrap();
    // Written behind the app's back, declaration and all.
    common::raw(&sent)
        .execute_batch("UPDATE submission SET declared_name = 'Siân' || char(0x202E) || 'nwoR'")
        .unwrap();
    let err = exchange::open_submission(&sent, &dir.path().join("a.portfolio"), "Màiri")
        .err()
        .unwrap();
    assert_eq!(err.code, ErrorCode::Damaged, "{}", err.message);
    assert!(err.message.contains("U+202E"), "{}", err.message);
    assert!(
        err.message.contains("submission.declared_name"),
        "{}",
        err.message
    );
}
