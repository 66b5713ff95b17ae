//! The command-line tool, run as a real process: the `new` / `assess` /
//! `show --json` round trip, and one-line refusals of bad input.

mod common;

use common::{cli, cli_ok as ok, cli_refused as refused};
use std::path::Path;

#[test]
fn new_assess_show_round_trip() {
    let dir = common::temp_dir();
    let file = dir.path().join("siân.portfolio");
    let f = file.to_str().unwrap();
    ok(&[
        "new",
        f,
        "--learner",
        "Siân Llŷr",
        "--centre",
        "Canolfan Łódź",
        "--registration",
        "R-77",
        "--start-date",
        "2026-09-01",
    ]);
    let account = "Cytunon ni ar nodau a rennir — “fàilte”, £5, €5.\n\nAil baragraff.";
    let said = ok(&["assess", f, "p4", "--rating", "4", "--account", account]);
    assert!(said.starts_with("P4: rated 4"), "{said}");
    ok(&["assess", f, "K2", "--account", "Dim ond dechrau."]);

    let json: serde_json::Value = serde_json::from_str(&ok(&["show", f, "--json"])).unwrap();
    assert_eq!(json["profile"]["full_name"], "Siân Llŷr");
    assert_eq!(json["profile"]["centre"], "Canolfan Łódź");
    assert_eq!(json["standard"]["urn"], "CLDAL16");
    assert_eq!(json["progress"]["rated"], 1);
    assert_eq!(json["progress"]["in_progress"], 1);
    assert_eq!(json["sections"][0]["items"][3]["status"], "rated");
    let p4 = json["self_assessments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["item_id"] == "P4")
        .unwrap();
    assert_eq!(p4["rating"], 4);
    assert_eq!(p4["account"], account);

    let text = ok(&["show", f]);
    assert!(
        text.contains("Siân Llŷr") && text.contains("P4  [4 Confident, and I can show evidence]"),
        "{text}"
    );
}

#[test]
fn the_standard_prints_all_items_and_as_json() {
    let text = ok(&["standard"]);
    assert!(text.contains(
        "  P1  establish working relationships with colleagues, partners and stakeholders"
    ));
    assert!(text.contains(" K27  the boundaries and limits of your own professional expertise"));
    let json: serde_json::Value = serde_json::from_str(&ok(&["standard", "--json"])).unwrap();
    assert_eq!(json["urn"], "CLDAL16");
    assert_eq!(json["sections"][1]["items"].as_array().unwrap().len(), 27);
}

#[test]
fn bad_input_is_refused_with_one_line_and_changes_nothing() {
    let dir = common::temp_dir();
    let file = dir.path().join("a.portfolio");
    let f = file.to_str().unwrap();
    ok(&["new", f, "--learner", "Aled"]);
    let before = common::snapshot(dir.path());
    assert!(refused(&["assess", f, "P16", "--rating", "2"]).contains("P16"));
    assert!(refused(&["assess", f, "P1", "--rating", "9"]).contains("1 to 4"));
    assert!(refused(&["assess", f, "P1"]).contains("Nothing to do"));
    refused(&["assess", f, "P1", "--rating", "two"]);
    refused(&["assess", f, "P1", "--frobnicate"]);
    refused(&["new", f, "--learner", "Aled"]);
    refused(&[
        "new",
        dir.path().join("b.portfolio").to_str().unwrap(),
        "--learner",
        "  ",
    ]);
    refused(&[
        "new",
        dir.path().join("c.portfolio").to_str().unwrap(),
        "--learner",
        "A",
        "--start-date",
        "tomorrow",
    ]);
    refused(&[
        "show",
        dir.path().join("absent.portfolio").to_str().unwrap(),
    ]);
    refused(&["frobnicate"]);
    assert_eq!(common::snapshot(dir.path()), before);

    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "just some notes").unwrap();
    assert!(
        refused(&["show", notes.to_str().unwrap()]).contains("not a Partnership Portfolio file")
    );
    let bad_standard = dir.path().join("std.json");
    std::fs::write(&bad_standard, "{}").unwrap();
    refused(&["standard", "--file", bad_standard.to_str().unwrap()]);
}

#[test]
fn an_account_can_come_from_a_file_or_standard_input() {
    let dir = common::temp_dir();
    let file = dir.path().join("a.portfolio");
    let f = file.to_str().unwrap();
    ok(&["new", f, "--learner", "Aled"]);
    let text_file = dir.path().join("account.txt");
    std::fs::write(&text_file, "O ffeil.\r\nAil linell.").unwrap();
    ok(&[
        "assess",
        f,
        "K1",
        "--account-file",
        text_file.to_str().unwrap(),
    ]);
    let mut child = common::cli_command()
        .args(["assess", f, "K2", "--account-file", "-", "--rating", "2"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("O’r mewnbwn safonol.".as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let json: serde_json::Value = serde_json::from_str(&ok(&["show", f, "--json"])).unwrap();
    let accounts = json["self_assessments"].as_array().unwrap();
    assert_eq!(accounts[15]["account"], "O ffeil.\nAil linell.");
    assert_eq!(accounts[16]["account"], "O’r mewnbwn safonol.");
    assert!(Path::new(f).exists());
}

#[test]
fn evidence_add_list_coverage_export_remove() {
    let dir = common::temp_dir();
    let file = dir.path().join("e.portfolio");
    let f = file.to_str().unwrap();
    ok(&["new", f, "--learner", "Siân Llŷr"]);
    let notes = dir.path().join("cofnodion.txt");
    std::fs::write(&notes, "Cofnodion y bartneriaeth").unwrap();
    let said = ok(&[
        "evidence",
        "add",
        f,
        "--title",
        "Minutes",
        "--method",
        "product",
        "--date",
        "2026-10-01",
        "--attach",
        notes.to_str().unwrap(),
        "--maps",
        "P1,k4",
    ]);
    assert!(said.starts_with("Added E1"), "{said}");
    ok(&[
        "evidence",
        "add",
        f,
        "--title",
        "Testimony",
        "--method",
        "witness-testimony",
        "--witness-name",
        "Gwen Prys",
        "--witness-role",
        "Manager",
        "--maps",
        "P3",
    ]);
    let list: serde_json::Value =
        serde_json::from_str(&ok(&["evidence", "list", f, "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["item_ids"], serde_json::json!(["P1", "K4"]));
    let coverage: serde_json::Value =
        serde_json::from_str(&ok(&["coverage", f, "--json"])).unwrap();
    assert_eq!(
        (
            coverage["covered_items"].as_u64(),
            coverage["gaps"].as_u64()
        ),
        (Some(3), Some(39))
    );
    assert!(ok(&["witnesses", f]).starts_with("Gwen Prys: Manager; evidence E2"));

    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    ok(&["evidence", "export", f, "E1", out.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(out.join("cofnodion.txt")).unwrap(),
        "Cofnodion y bartneriaeth"
    );

    let said = ok(&[
        "evidence",
        "describe",
        f,
        "E1",
        "cofnodion.txt",
        "--text",
        "The minutes, page one",
    ]);
    assert_eq!(
        said,
        "cofnodion.txt is described as \"The minutes, page one\".\n"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&["evidence", "show", f, "E1", "--json"])).unwrap();
    assert_eq!(
        shown["attachments"][0]["description"],
        "The minutes, page one"
    );
    assert!(ok(&["evidence", "show", f, "E1"]).contains("Described as: The minutes, page one"));

    let before = common::snapshot(dir.path());
    refused(&["evidence", "describe", f, "E1", "other.txt", "--text", "x"]);
    assert!(refused(&[
        "evidence",
        "add",
        f,
        "--title",
        "x",
        "--method",
        "telepathy"
    ])
    .contains("witness-testimony"));
    assert!(refused(&[
        "evidence", "add", f, "--title", "x", "--method", "product", "--maps", "P99"
    ])
    .contains("P99"));
    let missing = dir.path().join("missing.jpg");
    refused(&[
        "evidence",
        "add",
        f,
        "--title",
        "x",
        "--method",
        "product",
        "--attach",
        missing.to_str().unwrap(),
    ]);
    refused(&["evidence", "remove", f, "E9"]);
    refused(&[
        "evidence",
        "export",
        f,
        "E1",
        dir.path().join("nowhere").to_str().unwrap(),
    ]);
    refused(&["evidence", "show", f, "banana"]);
    assert_eq!(
        common::snapshot(dir.path()),
        before,
        "refused commands changed nothing"
    );

    ok(&["evidence", "remove", f, "E1"]);
    let list: serde_json::Value =
        serde_json::from_str(&ok(&["evidence", "list", f, "--json"])).unwrap();
    assert_eq!(list[0]["reference"], "E2");
}

#[test]
fn submit_open_judge_signoff_return_receive_verify() {
    let dir = common::temp_dir();
    let d = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (learner, sent, copy, back) = (
        d("siân.portfolio"),
        d("sent.portfolio"),
        d("assessor.portfolio"),
        d("back.portfolio"),
    );
    ok(&[
        "new",
        &learner,
        "--learner",
        "Siân Llŷr",
        "--assessor",
        "Màiri NicDhòmhnaill",
    ]);
    let file = dir.path().join("cofnodion.txt");
    std::fs::write(&file, "Cofnodion y bartneriaeth. ".repeat(500)).unwrap();
    ok(&[
        "evidence",
        "add",
        &learner,
        "--title",
        "Minutes",
        "--method",
        "product",
        "--attach",
        file.to_str().unwrap(),
        "--maps",
        "P4",
    ]);
    assert!(
        ok(&["submit", &learner, "--declare", "Siân Llŷr", "-o", &sent])
            .starts_with("Submitted version 1")
    );
    assert!(ok(&["open-submission", &sent, "-o", &copy]).contains("version 1"));
    let standard: serde_json::Value = serde_json::from_str(&ok(&["standard", "--json"])).unwrap();
    assert!(refused(&["signoff", &copy, "--assessor", "Màiri"]).contains("not judged yet"));
    for section in standard["sections"].as_array().unwrap() {
        for item in section["items"].as_array().unwrap() {
            ok(&["judge", &copy, item["id"].as_str().unwrap(), "--met"]);
        }
    }
    ok(&[
        "judge",
        &copy,
        "P4",
        "--not-yet",
        "--feedback",
        "Dangoswch y mesurau.",
    ]);
    assert!(refused(&["judge", &copy, "P4"]).contains("--met"));
    assert!(refused(&["assess", &copy, "P1", "--rating", "4"]).contains("assessor's copy"));
    ok(&["feedback", &copy, "Dechrau da."]);
    ok(&[
        "signoff",
        &copy,
        "--assessor",
        "Màiri NicDhòmhnaill",
        "--date",
        "2026-11-20",
    ]);
    ok(&["return", &copy, "-o", &back]);
    assert!(refused(&["judge", &learner, "P1", "--met"]).contains("assessor's copy"));
    let said = ok(&["receive", &learner, &back]);
    assert!(said.contains("41 met, 1 not yet met, signed off"), "{said}");
    let assessment: serde_json::Value =
        serde_json::from_str(&ok(&["assessment", &learner, "--json"])).unwrap();
    assert_eq!(assessment["sign_offs"][0]["signed_on"], "2026-11-20");
    assert!(ok(&["audit", &learner]).contains("signed off version 1"));
    assert!(ok(&["verify", &learner]).contains("Checked 1 submission(s)"));

    // One byte of the attachment changed: verify names the file and fails.
    let conn = common::raw(std::path::Path::new(&back));
    let mut data: Vec<u8> = conn
        .query_row("SELECT data FROM content_chunk WHERE seq = 0", [], |r| {
            r.get(0)
        })
        .unwrap();
    data[1000] ^= 0x20;
    conn.execute("UPDATE content_chunk SET data = ?1 WHERE seq = 0", [data])
        .unwrap();
    drop(conn);
    let out = cli(&["verify", &back]);
    assert!(!out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("cofnodion.txt (E1) has changed"),
        "{stdout}"
    );
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}

#[test]
fn evidence_edit_changes_fields_and_mappings_in_one_save() {
    let dir = common::temp_dir();
    let file = dir.path().join("e.portfolio");
    let f = file.to_str().unwrap();
    ok(&["new", f, "--learner", "Siân Llŷr"]);
    ok(&[
        "evidence",
        "add",
        f,
        "--title",
        "Testimony",
        "--method",
        "witness-testimony",
        "--witness-name",
        "Gwen Prys",
        "--date",
        "2026-10-01",
        "--maps",
        "P1,K4",
    ]);
    ok(&[
        "evidence",
        "map",
        f,
        "E1",
        "K4",
        "--note",
        "How we shared aims",
    ]);
    let said = ok(&[
        "evidence",
        "edit",
        f,
        "E1",
        "--title",
        "Gwen's testimony",
        "--maps",
        "k4,P2",
    ]);
    assert!(said.starts_with("Saved E1 \"Gwen's testimony\""), "{said}");
    let e: serde_json::Value =
        serde_json::from_str(&ok(&["evidence", "show", f, "E1", "--json"])).unwrap();
    assert_eq!(e["title"], "Gwen's testimony");
    // What was not given is kept: method, date, witness, the kept item's note.
    assert_eq!(e["method"], "witness_testimony");
    assert_eq!(e["activity_date"], "2026-10-01");
    assert_eq!(e["witness"]["name"], "Gwen Prys");
    assert_eq!(
        e["mappings"],
        serde_json::json!([
            { "item_id": "P2", "note": "" },
            { "item_id": "K4", "note": "How we shared aims" },
        ])
    );
    // A bad item saves nothing, not even the new title.
    refused(&[
        "evidence", "edit", f, "E1", "--title", "Other", "--maps", "P99",
    ]);
    let e: serde_json::Value =
        serde_json::from_str(&ok(&["evidence", "show", f, "E1", "--json"])).unwrap();
    assert_eq!(e["title"], "Gwen's testimony");
    ok(&["evidence", "edit", f, "E1", "--maps", ""]);
    let e: serde_json::Value =
        serde_json::from_str(&ok(&["evidence", "show", f, "E1", "--json"])).unwrap();
    assert_eq!(e["mappings"], serde_json::json!([]));
}
