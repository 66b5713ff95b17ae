//! Locked exchange files against real files: the round trip locked both
//! ways (submit, open, judge, return, receive), nothing of the content
//! readable in the locked file, a wrong passphrase and damaged locked files
//! refused with nothing left behind, and `--passphrase-file` on the five
//! commands of the command-line tool.

mod common;

use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, Mapping, NewEvidence};
use partnership_portfolio::exchange::{self, JudgementOutcome, Passphrase};
use partnership_portfolio::{ErrorCode, Portfolio};
use std::path::{Path, PathBuf};

/// Words only this portfolio holds: the learner's name, an account, a title.
const NAME: &str = "Siân Llŷr-Ŵyn";
const ACCOUNT: &str = "Cytunon ni ar nodau a rennir gyda Chyngor Tref Aberaeron";
const TITLE: &str = "Cofnodion y bartneriaeth leol";
const SECRET: &str = "afon lliw glas yn y bore";

struct Folders {
    _root: tempfile::TempDir,
    learner: PathBuf,
    assessor: PathBuf,
    mail: PathBuf,
}

fn folders() -> Folders {
    let root = common::temp_dir();
    for d in ["learner", "assessor", "mail"] {
        std::fs::create_dir(root.path().join(d)).unwrap();
    }
    Folders {
        learner: root.path().join("learner"),
        assessor: root.path().join("assessor"),
        mail: root.path().join("mail"),
        _root: root,
    }
}

/// A learner's portfolio with an account, a piece of evidence and a file.
fn learner_portfolio(dir: &Path) -> PathBuf {
    let path = common::new_portfolio(dir, "siân.portfolio");
    let file = dir.join("cofnodion.txt");
    std::fs::write(&file, "Cofnodion: ".repeat(5000)).unwrap();
    let mut p = Portfolio::open(&path).unwrap();
    p.set_rating("P4", Some(3)).unwrap();
    p.set_account("P4", ACCOUNT).unwrap();
    p.add_evidence(NewEvidence {
        input: EvidenceInput {
            title: TITLE.into(),
            method: EvidenceMethod::Product,
            activity_date: None,
            description: String::new(),
            witness: None,
            confidential: None,
        },
        attach: vec![file.clone()],
        mappings: vec![Mapping {
            item_id: "P4".into(),
            note: String::new(),
        }],
    })
    .unwrap();
    p.close().unwrap();
    std::fs::remove_file(file).unwrap();
    path
}

fn passphrase() -> Passphrase {
    Passphrase::for_locking(SECRET).unwrap()
}

/// Submits and writes the file to `out`, locked or plain.
fn submit(learner: &Path, out: &Path, lock: Option<&Passphrase>) {
    let mut p = Portfolio::open(learner).unwrap();
    p.submit(NAME, "2026-11-01").unwrap();
    p.save_exchange_file(out, lock).unwrap();
    p.close().unwrap();
}

fn readable(bytes: &[u8]) -> Vec<&'static str> {
    [NAME, "Llŷr", ACCOUNT, "Aberaeron", TITLE]
        .into_iter()
        .filter(|w| common::contains_bytes(bytes, w.as_bytes()))
        .collect()
}

#[test]
fn the_round_trip_locked_both_ways_hides_everything_and_keeps_both_sides_work() {
    let f = folders();
    let learner = learner_portfolio(&f.learner);
    let pass = passphrase();

    // The plain file carries every word; the locked one none of them.
    let plain = f.mail.join("plain.portfolio");
    submit(&learner, &plain, None);
    assert_eq!(readable(&std::fs::read(&plain).unwrap()).len(), 5);
    let locked = f
        .mail
        .join(exchange::locked_file_name("x", "CLDAL16", 2, false));
    submit(&learner, &locked, Some(&pass));
    let bytes = std::fs::read(&locked).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    assert_eq!(
        readable(&bytes),
        Vec::<&str>::new(),
        "readable in the locked file"
    );
    assert!(!common::contains_bytes(&bytes, b"SQLite format 3"));
    assert!(exchange::is_locked(&locked).unwrap());
    assert!(!exchange::is_locked(&plain).unwrap());
    // No plain copy stays anywhere: not beside the file, not beside the portfolio.
    assert_eq!(common::hidden_files(&f.mail), Vec::<String>::new());
    assert_eq!(common::hidden_files(&f.learner), Vec::<String>::new());

    // Opened without the passphrase, anywhere: asked for it, nothing written.
    let copy = f.assessor.join("siân.portfolio");
    let err = exchange::open_submission(&locked, &copy, "Màiri")
        .err()
        .unwrap();
    assert_eq!(err.code, ErrorCode::PassphraseNeeded, "{}", err.message);
    assert_eq!(
        Portfolio::open(&locked).err().unwrap().code,
        ErrorCode::PassphraseNeeded
    );
    assert_eq!(common::snapshot(&f.assessor), vec![]);

    // With it: the assessor's copy, judged, signed off, returned locked.
    let mut a = exchange::open_submission_with(&locked, Some(&pass), &copy, "Màiri").unwrap();
    assert_eq!(a.profile().unwrap().full_name, NAME);
    assert!(a.verify().unwrap().ok());
    for (_, item) in partnership_portfolio::catalogue::cldal16().items() {
        a.judge(&item.id, JudgementOutcome::Met, "Da iawn.", None)
            .unwrap();
    }
    a.sign_off("Màiri NicDhòmhnaill", "2026-11-20").unwrap();
    let back = f.mail.join("back.portfolio");
    a.return_to_learner_with(&back, None, Some(&pass)).unwrap();
    a.close().unwrap();
    assert_eq!(readable(&std::fs::read(&back).unwrap()), Vec::<&str>::new());
    assert!(!common::contains_bytes(
        &std::fs::read(&back).unwrap(),
        "Màiri".as_bytes()
    ));
    assert_eq!(common::hidden_files(&f.assessor), Vec::<String>::new());
    assert_eq!(common::hidden_files(&f.mail), Vec::<String>::new());

    // The learner receives it with the passphrase; the plain copy goes.
    let mut p = Portfolio::open(&learner).unwrap();
    assert_eq!(
        p.receive(&back).unwrap_err().code,
        ErrorCode::PassphraseNeeded
    );
    let r = p.receive_locked(&back, &pass).unwrap();
    assert_eq!((r.met, r.signed_off), (42, true));
    p.close().unwrap();
    assert_eq!(common::hidden_files(&f.learner), Vec::<String>::new());
}

#[test]
fn a_wrong_passphrase_or_a_damaged_locked_file_is_refused_and_leaves_nothing() {
    let f = folders();
    let learner = learner_portfolio(&f.learner);
    let pass = passphrase();
    let locked = f.mail.join("locked.portfolio");
    submit(&learner, &locked, Some(&pass));
    let bytes = std::fs::read(&locked).unwrap();
    let copy = f.assessor.join("copy.portfolio");

    let wrong = Passphrase::new("afon lliw glas yn y nos").unwrap();
    let err = exchange::open_submission_with(&locked, Some(&wrong), &copy, "")
        .err()
        .unwrap();
    assert_eq!(err.code, ErrorCode::WrongPassphrase, "{}", err.message);
    assert!(
        err.message.contains("passphrase does not unlock"),
        "{}",
        err.message
    );
    assert_eq!(common::snapshot(&f.assessor), vec![]);

    // Damage in the header, in the middle, at the end, and a cut.
    let header_end = common::find_bytes(&bytes, b"\n--- ").unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a changed header", {
            let mut b = bytes.clone();
            b[header_end - 3] ^= 0x01;
            b
        }),
        ("a header character that is not base64", {
            let mut b = bytes.clone();
            b[header_end - 3] = b'@';
            b
        }),
        ("a changed byte of content", {
            let mut b = bytes.clone();
            let at = bytes.len() / 2;
            b[at] ^= 0x40;
            b
        }),
        ("a changed last byte", {
            let mut b = bytes.clone();
            *b.last_mut().unwrap() ^= 0x01;
            b
        }),
        ("a cut", bytes[..bytes.len() * 2 / 3].to_vec()),
        ("only the header", bytes[..header_end + 60].to_vec()),
    ];
    for (what, damaged) in cases {
        let path = f.mail.join("damaged.portfolio");
        std::fs::write(&path, &damaged).unwrap();
        let err = exchange::open_submission_with(&path, Some(&pass), &copy, "")
            .err()
            .expect(what);
        assert!(
            matches!(err.code, ErrorCode::Damaged | ErrorCode::WrongPassphrase),
            "{what}: {err:?}"
        );
        assert!(!err.message.contains('\n'), "{what}: {}", err.message);
        assert_eq!(common::snapshot(&f.assessor), vec![], "{what} left files");
        let mut p = Portfolio::open(&learner).unwrap();
        let before = std::fs::read(&learner).unwrap();
        let err = p.receive_locked(&path, &pass).expect_err(what);
        assert_ne!(err.code, ErrorCode::Internal, "{what}: {}", err.message);
        p.close().unwrap();
        assert_eq!(std::fs::read(&learner).unwrap(), before, "{what}");
        assert_eq!(
            common::hidden_files(&f.learner),
            Vec::<String>::new(),
            "{what}"
        );
    }
    // A cut in the content says so.
    let cut = f.mail.join("cut.portfolio");
    std::fs::write(&cut, &bytes[..bytes.len() - 100]).unwrap();
    let err = exchange::open_submission_with(&cut, Some(&pass), &copy, "")
        .err()
        .unwrap();
    assert_eq!(err.code, ErrorCode::Damaged);
    assert!(
        err.message.contains("changed or cut short"),
        "{}",
        err.message
    );
}

#[test]
fn the_command_line_locks_and_unlocks_with_a_passphrase_file() {
    let f = folders();
    let learner = learner_portfolio(&f.learner);
    let data = common::temp_dir();
    let secret = f.mail.join("../passphrase.txt");
    std::fs::write(&secret, format!("{SECRET}\n")).unwrap();
    let short = f.mail.join("../short.txt");
    std::fs::write(&short, "byr\n").unwrap();
    let wrong = f.mail.join("../wrong.txt");
    std::fs::write(&wrong, "nid hwn yw e\n").unwrap();
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let (l, m, a) = (s(&learner), s(&f.mail), s(&f.assessor));
    let sent = format!("{m}/CLDAL16-v1-locked.portfolio");
    let copy = format!("{a}/siân.portfolio");
    let back = format!("{m}/CLDAL16-v1-assessed-locked.portfolio");

    let err = common::cli_refused(&[
        "submit",
        &l,
        "--declare",
        NAME,
        "-o",
        &sent,
        "--passphrase-file",
        &s(&short),
    ]);
    assert!(err.contains("at least 8 characters"), "{err}");
    let said = common::cli_ok(&[
        "submit",
        &l,
        "--declare",
        NAME,
        "-o",
        &sent,
        "--passphrase-file",
        &s(&secret),
    ]);
    assert!(said.contains("locked"), "{said}");
    assert!(!said.contains("Note:"), "{said}");
    assert_eq!(readable(&std::fs::read(&sent).unwrap()), Vec::<&str>::new());

    let err = common::cli_refused(&["open-submission", &sent, "-o", &copy]);
    assert!(err.contains("--passphrase-file"), "{err}");
    let err = common::cli_refused(&[
        "open-submission",
        &sent,
        "-o",
        &copy,
        "--passphrase-file",
        &s(&wrong),
    ]);
    assert!(err.contains("passphrase does not unlock"), "{err}");
    assert_eq!(common::snapshot(&f.assessor), vec![]);
    common::cli_ok(&[
        "open-submission",
        &sent,
        "-o",
        &copy,
        "--passphrase-file",
        &s(&secret),
    ]);
    common::cli_ok(&["judge", &copy, "P4", "--met"]);

    // verify unlocks into a private folder in the app's data folder, and
    // removes it.
    let verify = common::cli_command()
        .args(["verify", &sent, "--passphrase-file", &s(&secret)])
        .env("XDG_DATA_HOME", data.path())
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
    let app_data = data.path().join("uk.org.partnership-portfolio");
    assert!(app_data.is_dir());
    assert_eq!(common::snapshot(&app_data), vec![]);
    assert_eq!(common::hidden_files(&app_data), Vec::<String>::new());
    let err = common::cli_refused(&["verify", &sent]);
    assert!(err.contains("locked with a passphrase"), "{err}");

    let said = common::cli_ok(&[
        "return",
        &copy,
        "-o",
        &back,
        "--passphrase-file",
        &s(&secret),
    ]);
    assert!(said.contains("locked"), "{said}");
    let err = common::cli_refused(&["receive", &l, &back]);
    assert!(err.contains("--passphrase-file"), "{err}");
    let said = common::cli_ok(&["receive", &l, &back, "--passphrase-file", &s(&secret)]);
    assert!(said.contains("1 met"), "{said}");
    assert_eq!(common::hidden_files(&f.learner), Vec::<String>::new());
    assert_eq!(common::hidden_files(&f.mail), Vec::<String>::new());

    // A name that gives the learner away is pointed out.
    let named = format!("{m}/Siân-Llŷr-CLDAL16-v2.portfolio");
    let said = common::cli_ok(&[
        "submit",
        &l,
        "--declare",
        NAME,
        "-o",
        &named,
        "--passphrase-file",
        &s(&secret),
    ]);
    assert!(
        said.contains("Note: the lock hides the content, not the file's name"),
        "{said}"
    );
}
