//! Command-level tests of the desktop shell: the real commands, invoke
//! handler, capabilities (ACL) and state on Tauri's mock runtime, through the
//! IPC as the main window calls them, against a real library folder. They
//! cover the commands that guard the user's files: opening a portfolio of the
//! library, renaming, moving to the trash, opening a learner's submission
//! (dialogs answered by a script), attaching a file whose name is not
//! Unicode, saving the blank partnership health check form, changing a
//! partnership's note and removing its records, exporting to
//! and importing from an open ZIP; the internal quality assurer's round
//! (send, open into an IQA copy and update it, sample, decide, return,
//! receive); and the locks between them.

use partnership_portfolio::profile::LearnerProfile;
use partnership_portfolio_desktop::dialogs::Scripted;
use partnership_portfolio_desktop::state::AppState;
use partnership_portfolio_desktop::{builder, context, COMMANDS};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

/// The app on the mock runtime with its main window, a library in a
/// temporary folder and scripted dialogs.
struct Shell {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    state: Arc<AppState>,
    dir: tempfile::TempDir,
}

impl Shell {
    fn new() -> Shell {
        Shell::with_window("main")
    }

    fn with_window(label: &str) -> Shell {
        let dir = tempfile::tempdir().unwrap();
        let state = Arc::new(
            AppState::open(&dir.path().join("library"), &dir.path().join("logs")).unwrap(),
        );
        let app = builder(mock_builder())
            .manage(state.clone())
            .manage(Scripted::queue())
            .build(context())
            .expect("the app builds on the mock runtime");
        let window = WebviewWindowBuilder::new(&app, label, Default::default())
            .build()
            .unwrap();
        Shell {
            _app: app,
            window,
            state,
            dir,
        }
    }

    /// Calls `command` as the window does; the JSON it answers, or its error.
    fn call(&self, command: &str, args: Value) -> Result<Value, Value> {
        call(&self.window, command, args)
    }

    /// The error code of a call that must fail.
    fn fails(&self, command: &str, args: Value) -> String {
        let err = self.call(command, args).expect_err(command);
        err["code"]
            .as_str()
            .unwrap_or_else(|| panic!("{err}"))
            .to_string()
    }

    /// The answer to the next file dialog (`None`: cancelled).
    fn answer_dialog(&self, paths: Option<Vec<PathBuf>>) {
        self.window.state::<Scripted>().answer(paths);
    }

    /// A new portfolio in the library; its id.
    fn create(&self) -> String {
        let entry = self
            .call(
                "create_portfolio",
                json!({ "profile": LearnerProfile::named("Siân Llŷr-Ŵyn"), "title": null }),
            )
            .unwrap();
        entry["id"].as_str().unwrap().to_string()
    }

    /// Adds partner "Riverside Library" to portfolio `id`; the partner.
    fn add_partner(&self, id: &str) -> Value {
        let partner = json!({ "name": "Riverside Library", "kind": "partner_agency", "role": "",
            "interests": "", "services": "", "info_needs": "", "info_shared": "", "info_withheld": "",
            "interest": null, "influence": null, "contacts": [] });
        self.call("add_partner", json!({ "id": id, "input": partner }))
            .unwrap()
    }

    fn file(&self, id: &str) -> PathBuf {
        self.state.library.path(id).unwrap()
    }

    fn title(&self, id: &str) -> String {
        let entry = self.state.library.entry(id).unwrap();
        entry.title
    }
}

fn call(window: &WebviewWindow<MockRuntime>, command: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: command.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

/// The files this process has open at `path` (from /proc/self/fd).
fn open_handles(path: &Path) -> usize {
    std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .flatten()
        .filter(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target == path))
        .count()
}

/// Waits until `condition` holds; fails if it has not after a minute.
fn wait_until(what: &str, condition: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !condition() {
        assert!(
            std::time::Instant::now() < deadline,
            "waited a minute for {what}"
        );
        std::thread::yield_now();
    }
}

/// Whether the ACL or the invoke handler turned the call away.
fn turned_away(err: &Value) -> bool {
    let text = err.to_string();
    text.contains("not allowed") || text.contains(" not found\"")
}

#[test]
fn every_command_of_the_list_reaches_its_handler_from_the_main_window() {
    let shell = Shell::new();
    for command in COMMANDS {
        if let Err(err) = shell.call(command, json!({})) {
            assert!(!turned_away(&err), "{command}: {err}");
        }
    }
    // A command that is not in the list does not exist for the window.
    let err = shell.call("set_mappings", json!({})).unwrap_err();
    assert!(turned_away(&err), "{err}");
}

#[test]
fn no_other_window_may_call_the_commands() {
    let shell = Shell::with_window("other");
    let err = shell.call("list_portfolios", json!({})).unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

#[test]
fn app_info_says_where_the_library_and_the_logs_are() {
    let shell = Shell::new();
    let info = shell.call("app_info", json!({})).unwrap();
    let folder = |key: &str| PathBuf::from(info[key].as_str().unwrap());
    assert_eq!(folder("library_folder"), shell.dir.path().join("library"));
    assert_eq!(folder("log_folder"), shell.dir.path().join("logs"));
    assert_eq!(info["rating_scale"].as_array().unwrap().len(), 4);
}

#[test]
fn a_portfolio_of_the_library_opens_and_a_missing_or_damaged_one_says_why() {
    let shell = Shell::new();
    let id = shell.create();
    let overview = shell.call("get_overview", json!({ "id": id })).unwrap();
    assert!(overview["sections"]
        .as_array()
        .is_some_and(|s| !s.is_empty()));

    let gone = "0b7c1e8a-3c55-4f3e-9d0e-2a1f4e5b6c7d";
    assert_eq!(
        shell.fails("get_overview", json!({ "id": gone })),
        "not_found"
    );
    let outside = shell.fails("get_overview", json!({ "id": "../../etc/passwd" }));
    assert_eq!(outside, "invalid_input");

    let damaged = "1b7c1e8a-3c55-4f3e-9d0e-2a1f4e5b6c7d";
    let path = shell
        .file(&id)
        .with_file_name(format!("{damaged}.portfolio"));
    std::fs::write(&path, b"not a portfolio at all, just some bytes").unwrap();
    let code = shell.fails("get_overview", json!({ "id": damaged }));
    assert!(code == "not_a_portfolio" || code == "damaged", "{code}");
    // The good one is still served.
    shell
        .call("get_item", json!({ "id": id, "item": "P1" }))
        .unwrap();
}

#[test]
fn opening_one_portfolio_does_not_hold_up_another() {
    let shell = Shell::new();
    let (slow, other) = (shell.create(), shell.create());
    // Another program holds the slow one's file locked: opening it waits.
    let blocker = rusqlite::Connection::open(shell.file(&slow)).unwrap();
    blocker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let window = shell.window.clone();
    let slow_id = slow.clone();
    let opening =
        std::thread::spawn(move || call(&window, "get_overview", json!({ "id": slow_id })));
    wait_until(
        "the first portfolio to be opening with the others free",
        || shell.state.in_use(&slow),
    );

    shell.call("get_overview", json!({ "id": other })).unwrap();
    assert!(
        shell.state.in_use(&slow),
        "the other portfolio was served while the first was still opening"
    );
    blocker.execute_batch("COMMIT").unwrap();
    drop(blocker);
    opening.join().unwrap().unwrap();
}

#[test]
fn renaming_waits_for_work_on_the_portfolio_then_closes_it_for_real() {
    let shell = Shell::new();
    let id = shell.create();
    let before = shell.title(&id);
    shell.call("get_overview", json!({ "id": id })).unwrap();
    assert!(open_handles(&shell.file(&id)) > 0, "open after use");

    // Work on the portfolio is under way (it waits for a signal).
    let (started_tx, started) = mpsc::channel();
    let (release, release_rx) = mpsc::channel::<()>();
    let state = shell.state.clone();
    let work_id = id.clone();
    let work = std::thread::spawn(move || {
        state.with_portfolio(&work_id, |p| {
            started_tx.send(()).unwrap();
            release_rx.recv().unwrap();
            let title_then = p.info()?.title;
            p.set_rating("P1", Some(3))?;
            Ok(title_then)
        })
    });
    started.recv().unwrap();

    let (renamed_tx, renamed) = mpsc::channel();
    let window = shell.window.clone();
    let rename_id = id.clone();
    std::thread::spawn(move || {
        let result = call(
            &window,
            "rename_portfolio",
            json!({ "id": rename_id, "title": "Gwaith partneriaeth" }),
        );
        renamed_tx.send(result).unwrap();
    });
    assert!(
        renamed.recv_timeout(Duration::from_millis(300)).is_err(),
        "the rename did not wait for the work under way"
    );
    release.send(()).unwrap();
    let title_seen_by_the_work = work.join().unwrap().unwrap();
    assert_eq!(
        title_seen_by_the_work, before,
        "renamed in the middle of the work"
    );

    let entry = renamed.recv().unwrap().unwrap();
    assert_eq!(entry["title"], "Gwaith partneriaeth");
    assert_eq!(shell.title(&id), "Gwaith partneriaeth");
    assert_eq!(
        open_handles(&shell.file(&id)),
        0,
        "still open after the rename"
    );
    // The work before the rename was kept.
    let item = shell
        .call("get_item", json!({ "id": id, "item": "P1" }))
        .unwrap();
    assert_eq!(item["assessment"]["rating"], 3, "{item}");
}

#[test]
fn renaming_or_trashing_while_a_pdf_is_made_says_why_and_changes_nothing() {
    let shell = Shell::new();
    let id = shell.create();
    let before = shell.title(&id);
    let export = shell.state.export_lease(&id).unwrap();

    let err = shell
        .call("rename_portfolio", json!({ "id": id, "title": "New" }))
        .unwrap_err();
    assert_eq!(err["code"], "busy");
    assert!(err["message"].as_str().unwrap().contains("PDF"), "{err}");
    assert_eq!(shell.fails("trash_portfolio", json!({ "id": id })), "busy");
    assert_eq!(shell.title(&id), before);
    assert!(shell.file(&id).is_file());

    drop(export);
    shell
        .call("rename_portfolio", json!({ "id": id, "title": "New" }))
        .unwrap();
    assert_eq!(shell.title(&id), "New");
}

#[test]
fn trashing_an_open_portfolio_closes_it_and_moves_it() {
    let shell = Shell::new();
    let id = shell.create();
    let live = shell.file(&id);
    shell.call("get_overview", json!({ "id": id })).unwrap();
    assert!(open_handles(&live) > 0);

    shell.call("trash_portfolio", json!({ "id": id })).unwrap();
    assert!(!live.exists());
    let trash = shell.call("list_trash", json!({})).unwrap();
    assert_eq!(trash[0]["id"], id.as_str());
    let trashed = live
        .parent()
        .unwrap()
        .with_file_name("trash")
        .join(live.file_name().unwrap());
    assert!(trashed.is_file(), "{}", trashed.display());
    assert_eq!(open_handles(&live) + open_handles(&trashed), 0);
    assert_eq!(
        shell.fails("get_overview", json!({ "id": id })),
        "not_found"
    );

    shell
        .call("restore_portfolio", json!({ "id": id }))
        .unwrap();
    shell.call("get_overview", json!({ "id": id })).unwrap();
}

#[test]
fn a_learners_submission_opens_as_the_assessors_copy_and_a_resubmission_updates_it() {
    let learner = Shell::new();
    let assessor = Shell::new();
    let mail = tempfile::tempdir().unwrap();
    let id = learner.create();
    let submit = |n: u32| {
        let file = mail.path().join(format!("v{n}.portfolio"));
        learner.answer_dialog(Some(vec![file.clone()]));
        let submitted = learner
            .call(
                "submit_portfolio",
                json!({ "id": id, "declaredName": "Siân Llŷr-Ŵyn", "declaredOn": "2026-11-02" }),
            )
            .unwrap();
        assert_eq!(submitted["submission"]["version"], n);
        file
    };
    let open = |file: Option<PathBuf>| {
        assessor.answer_dialog(file.map(|f| vec![f]));
        assessor.call(
            "open_learner_submission",
            json!({ "assessorName": "Màiri NicDhòmhnaill" }),
        )
    };

    // Cancelled: nothing happens.
    assert_eq!(open(None).unwrap(), Value::Null);
    assert_eq!(
        assessor.call("list_portfolios", json!({})).unwrap(),
        json!([])
    );
    // Not a portfolio: said, and nothing is added.
    let junk = mail.path().join("junk.portfolio");
    std::fs::write(&junk, b"hello").unwrap();
    let err = open(Some(junk)).unwrap_err();
    assert_eq!(err["code"], "not_a_portfolio", "{err}");
    assert_eq!(
        assessor.call("list_portfolios", json!({})).unwrap(),
        json!([])
    );

    let copy = open(Some(submit(1))).unwrap();
    assert_eq!(copy["role"], "assessor");
    let copy_id = copy["id"].as_str().unwrap().to_string();
    // The assessor works on the copy; it is open when the resubmission comes.
    assessor
        .call(
            "judge_item",
            json!({ "id": copy_id, "item": "P1", "outcome": "met", "feedback": "Clear.",
                    "assessorName": "Màiri NicDhòmhnaill" }),
        )
        .unwrap();
    assert!(open_handles(&assessor.file(&copy_id)) > 0);

    let again = open(Some(submit(2))).unwrap();
    assert_eq!(again["id"], copy_id.as_str(), "the same copy is updated");
    assert_eq!(again["submitted_version"], 2);
    let view = assessor
        .call("get_assessment", json!({ "id": copy_id }))
        .unwrap();
    let p1 = view.to_string();
    assert!(p1.contains("Clear."), "the judgement was kept: {p1}");
    assert_eq!(
        assessor
            .call("list_portfolios", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_iqa_opens_samples_and_returns_and_a_later_sending_updates_the_same_iqa_copy() {
    let (learner, assessor, iqa) = (Shell::new(), Shell::new(), Shell::new());
    let mail = tempfile::tempdir().unwrap();
    let at = |name: &str| mail.path().join(name);
    let id = learner.create();
    learner.answer_dialog(Some(vec![at("v1.portfolio")]));
    learner
        .call(
            "submit_portfolio",
            json!({ "id": id, "declaredName": "Siân Llŷr-Ŵyn", "declaredOn": "2026-11-02" }),
        )
        .unwrap();
    assessor.answer_dialog(Some(vec![at("v1.portfolio")]));
    let copy = assessor
        .call(
            "open_learner_submission",
            json!({ "assessorName": "Màiri" }),
        )
        .unwrap();
    let copy = copy["id"].as_str().unwrap().to_string();
    let judge = |item: &str, outcome: &str| {
        assessor
            .call(
                "judge_item",
                json!({ "id": copy, "item": item, "outcome": outcome, "feedback": "Seen.", "assessorName": "Màiri" }),
            )
            .unwrap();
    };
    let overview = assessor
        .call("get_overview", json!({ "id": copy }))
        .unwrap();
    for section in overview["sections"].as_array().unwrap() {
        for item in section["items"].as_array().unwrap() {
            judge(item["id"].as_str().unwrap(), "met");
        }
    }
    let sign = || {
        assessor
            .call(
                "sign_off",
                json!({ "id": copy, "assessorName": "Màiri", "signedOn": "2026-11-20" }),
            )
            .unwrap();
    };
    let send = |name: &str| {
        assessor.answer_dialog(Some(vec![at(name)]));
        let sent = assessor.call("send_to_iqa", json!({ "id": copy })).unwrap();
        assert!(sent.as_str().unwrap().ends_with(name), "{sent}");
    };
    let with_iqa = || {
        assessor
            .call("get_with_iqa", json!({ "id": copy }))
            .unwrap()
    };
    sign();
    assert_eq!(with_iqa(), json!(false));
    send("for-iqa.portfolio");
    assert_eq!(with_iqa(), json!(true));

    let open = |name: Option<&str>| {
        iqa.answer_dialog(name.map(|n| vec![at(n)]));
        iqa.call("open_for_iqa", json!({ "iqaName": "Eilidh" }))
    };
    assert_eq!(open(None).unwrap(), Value::Null, "cancelled");
    let err = open(Some("v1.portfolio")).unwrap_err();
    assert_eq!(err["code"], "invalid_input", "a learner's file: {err}");
    let entry = open(Some("for-iqa.portfolio")).unwrap();
    assert_eq!(entry["role"], "iqa");
    let q = entry["id"].as_str().unwrap().to_string();
    // Nothing of the assessor's can be changed in the IQA copy.
    let err = iqa
        .call(
            "judge_item",
            json!({ "id": q, "item": "P4", "outcome": "not_yet_met", "feedback": "Forged.", "assessorName": "Eilidh" }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "read_only", "{err}");
    let sample = |agrees: bool, feedback: &str| {
        iqa.call(
            "iqa_sample",
            json!({ "id": q, "item": "P4", "agrees": agrees, "feedback": feedback }),
        )
    };
    assert_eq!(sample(false, "").unwrap_err()["code"], "invalid_input");
    assert_eq!(sample(false, "Not shown.").unwrap()["agrees"], false);
    let decided = iqa
        .call(
            "iqa_decide",
            json!({ "id": q, "decision": "action_required", "action": "Judge P4 again.",
                    "iqaName": "Eilidh", "signedOn": "2026-11-28" }),
        )
        .unwrap();
    assert_eq!(decided["decision"], "action_required");
    iqa.answer_dialog(Some(vec![at("from-iqa.portfolio")]));
    iqa.call("iqa_return", json!({ "id": q })).unwrap();

    assessor.answer_dialog(Some(vec![at("from-iqa.portfolio")]));
    let got = assessor.call("receive_iqa", json!({ "id": copy })).unwrap();
    assert_eq!(got["disagreed"], json!(["P4"]));
    assert_eq!(with_iqa(), json!(false));
    judge("P4", "not_yet_met");
    sign();
    send("for-iqa-again.portfolio");

    // The IQA's copy is open when the later sending comes: it is updated.
    assert!(open_handles(&iqa.file(&q)) > 0);
    let again = open(Some("for-iqa-again.portfolio")).unwrap();
    assert_eq!(again["id"], q.as_str(), "the same IQA copy");
    let listed = iqa.call("list_portfolios", json!({})).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let view = iqa.call("get_assessment", json!({ "id": q })).unwrap();
    assert_eq!(
        view["iqa"]["decisions"][0]["decision"], "action_required",
        "kept"
    );
    let p4 = view["judgements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["item_id"] == "P4")
        .unwrap()
        .clone();
    assert_eq!(p4["outcome"], "not_yet_met");
    // The older sending is refused, and the copy stays as it is.
    let err = open(Some("for-iqa.portfolio")).unwrap_err();
    assert!(
        err["message"].as_str().unwrap().contains("older sending"),
        "{err}"
    );
}

/// The hidden files in a library's folder of portfolios.
fn hidden_in(shell: &Shell) -> Vec<String> {
    std::fs::read_dir(shell.state.library.root().join("portfolios"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn a_locked_submission_is_chosen_then_opened_only_with_its_passphrase() {
    let learner = Shell::new();
    let assessor = Shell::new();
    let mail = tempfile::tempdir().unwrap();
    let id = learner.create();
    let sent = mail.path().join("sent.portfolio");
    let submit = |lock: &str| {
        learner.call(
            "submit_portfolio",
            json!({ "id": id, "declaredName": "Siân Llŷr-Ŵyn", "declaredOn": "2026-11-02", "lock": lock }),
        )
    };
    // Too short: refused before the save dialog is even shown.
    assert_eq!(submit("byr").unwrap_err()["code"], "invalid_input");
    learner.answer_dialog(Some(vec![sent.clone()]));
    let submitted = submit("afon lliw glas yn y bore").unwrap();
    assert_eq!(submitted["locked"], true);
    assert!(partnership_portfolio::exchange::is_locked(&sent).unwrap());

    assessor.answer_dialog(Some(vec![sent.clone()]));
    let chosen = assessor
        .call(
            "choose_exchange_file",
            json!({ "title": "Open a learner's portfolio" }),
        )
        .unwrap();
    assert_eq!(chosen["locked"], true);
    let open = |passphrase: Option<&str>| {
        assessor.call(
            "open_learner_submission",
            json!({ "assessorName": "Màiri", "file": chosen["file"], "passphrase": passphrase }),
        )
    };
    assert_eq!(open(None).unwrap_err()["code"], "passphrase_needed");
    assert_eq!(
        open(Some("afon lliw glas yn y nos")).unwrap_err()["code"],
        "wrong_passphrase"
    );
    assert!(
        hidden_in(&assessor).is_empty(),
        "{:?}",
        hidden_in(&assessor)
    );
    let copy = open(Some("afon lliw glas yn y bore")).unwrap();
    assert_eq!(copy["role"], "assessor");
    assert!(
        hidden_in(&assessor).is_empty(),
        "{:?}",
        hidden_in(&assessor)
    );
    // A file the window did not choose cannot be named.
    let err = assessor
        .call(
            "open_learner_submission",
            json!({ "assessorName": "Màiri", "file": "/etc/passwd", "passphrase": "x" }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
}

#[cfg(unix)]
#[test]
fn files_whose_names_are_not_unicode_can_be_chosen_and_attached() {
    use std::os::unix::ffi::OsStrExt;
    let shell = Shell::new();
    let id = shell.create();
    let dir = shell.dir.path().join("files");
    std::fs::create_dir(&dir).unwrap();
    // Two names that differ only in bytes that are not UTF-8.
    let names: [&[u8]; 2] = [b"cofnodion-\xff.txt", b"cofnodion-\xfe.txt"];
    let paths: Vec<PathBuf> = names
        .iter()
        .map(|n| dir.join(std::ffi::OsStr::from_bytes(n)))
        .collect();
    for (i, p) in paths.iter().enumerate() {
        std::fs::write(p, format!("minutes {i}")).unwrap();
    }

    shell.answer_dialog(Some(paths.clone()));
    let chosen = shell.call("choose_files", json!({})).unwrap();
    let texts: Vec<String> = serde_json::from_value(chosen).unwrap();
    assert_eq!(texts.len(), 2);
    assert_ne!(texts[0], texts[1], "each file has its own text");
    assert!(texts[0].ends_with("cofnodion-\u{FFFD}.txt"), "{texts:?}");

    let input = json!({ "title": "Cofnodion", "method": "product", "description": "" });
    let added = shell
        .call(
            "add_evidence",
            json!({ "id": id, "input": input, "mappings": [], "files": texts }),
        )
        .unwrap();
    let files = added["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let sizes: Vec<&Value> = files.iter().map(|f| &f["attachment"]["size"]).collect();
    assert_eq!(sizes, [9, 9]);
    assert_ne!(
        files[0]["attachment"]["sha256"], files[1]["attachment"]["sha256"],
        "two different files, not one twice"
    );

    // A text the window was never given is refused.
    let err = shell
        .call(
            "attach_files",
            json!({ "id": id, "reference": added["evidence"]["reference"],
                    "files": [dir.join("other.txt")] }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
}

#[test]
fn the_blank_health_check_form_is_saved_where_the_learner_says_and_nowhere_on_cancel() {
    let shell = Shell::new();
    let id = shell.create();
    assert_eq!(shell.add_partner(&id)["reference"], "PT1");
    let ask = |partner: &str| json!({ "id": id, "partner": partner, "date": "2026-03-01" });

    // A partner that is not there is said before any dialog is shown.
    assert_eq!(
        shell.fails("save_health_check_form", ask("PT9")),
        "not_found"
    );

    let dest = shell.dir.path().join("form.pdf");
    shell.answer_dialog(None);
    let cancelled = shell.call("save_health_check_form", ask("PT1")).unwrap();
    assert!(cancelled.is_null());
    assert!(!dest.exists());

    shell.answer_dialog(Some(vec![dest.clone()]));
    let saved = shell.call("save_health_check_form", ask("PT1")).unwrap();
    assert_eq!(PathBuf::from(saved["path"].as_str().unwrap()), dest);
    let bytes = std::fs::read(&dest).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(saved["bytes"], bytes.len() as u64);
}

#[test]
fn a_note_is_changed_and_records_removed_each_answering_the_partnership_as_it_is_after() {
    let shell = Shell::new();
    let id = shell.create();
    shell.add_partner(&id);
    let note = |text: &str| json!({ "kind": "meeting", "date": "2026-03-01", "text": text, "participants": ["Jo"] });
    shell
        .call(
            "add_partnership_note",
            json!({ "id": id, "partner": "PT1", "input": note("Planned the term.") }),
        )
        .unwrap();
    shell
        .call(
            "add_agreement",
            json!({ "id": id, "partner": "PT1", "input": { "aims": "Readers", "arrangements": "Monthly",
                    "measures": "Sign-ups", "monitoring": "Termly", "agreed_on": "2026-01-10", "review_by": "2026-12-31" } }),
        )
        .unwrap();
    shell
        .call(
            "record_health_check",
            json!({ "id": id, "partner": "PT1", "input": { "respondent": "Siân", "date": "2026-03-02",
                    "answers": [{ "statement_id": "goals.1", "score": 4, "comment": "" }] } }),
        )
        .unwrap();
    shell
        .call(
            "add_partnership_action",
            json!({ "id": id, "partner": "PT1", "input": { "action": "Book the room", "element": "goals",
                    "owner": "Siân", "due": "2026-12-01", "health_check": null } }),
        )
        .unwrap();
    shell
        .call(
            "make_partnership_evidence",
            json!({ "id": id, "source": "N1", "choices": {} }),
        )
        .unwrap();

    // The note changed: the same checks as adding one.
    let changed = shell
        .call(
            "update_partnership_note",
            json!({ "id": id, "reference": "N1", "input": note("Planned the term with the library.") }),
        )
        .unwrap();
    assert_eq!(changed["text"], "Planned the term with the library.");
    assert_eq!(changed["participants"], json!(["Jo"]));
    let code = shell.fails(
        "update_partnership_note",
        json!({ "id": id, "reference": "N1", "input": note("  ") }),
    );
    assert_eq!(code, "invalid_input");
    let code = shell.fails(
        "update_partnership_note",
        json!({ "id": id, "reference": "N7", "input": note("x") }),
    );
    assert_eq!(code, "not_found");

    // A respondent's answers put right: replaced whole, the name as recorded.
    let change = |respondent: &str, score: u8| {
        json!({ "id": id, "reference": "HC1", "respondent": respondent,
                "answers": [{ "statement_id": "goals.1", "score": score, "comment": "On reflection." }] })
    };
    let check = shell
        .call("change_health_check_answers", change("siân", 2))
        .unwrap();
    let siân = &check["respondents"][0];
    assert_eq!(siân["respondent"], "Siân");
    assert_eq!(siân["answers"][0]["score"], 2);
    assert_eq!(siân["answers"][0]["comment"], "On reflection.");
    assert_eq!(
        shell.fails("change_health_check_answers", change("Gwen", 3)),
        "not_found"
    );
    assert_eq!(
        shell.fails("change_health_check_answers", change("Siân", 7)),
        "invalid_input"
    );

    // What a removal would do is asked first, writing nothing.
    let effects = |reference: &str| {
        shell
            .call(
                "get_removal_effects",
                json!({ "id": id, "reference": reference }),
            )
            .unwrap()
    };
    let note_effects = effects("n1");
    assert_eq!(note_effects["kind"], "note");
    assert_eq!(note_effects["reference"], "N1");
    assert_eq!(note_effects["evidence"][0]["evidence"], "E1");
    assert_eq!(note_effects["evidence_after"], "removed");
    let check_effects = effects("HC1");
    assert_eq!(check_effects["respondents"], json!(["Siân"]));
    assert_eq!(check_effects["actions_kept"], json!(["AC1"]));
    assert_eq!(check_effects["evidence"], json!([]));
    for reference in ["PT1", "E1", "map"] {
        assert_eq!(
            shell.fails(
                "get_removal_effects",
                json!({ "id": id, "reference": reference })
            ),
            "invalid_input",
            "{reference}"
        );
    }
    assert_eq!(
        shell.fails(
            "get_removal_effects",
            json!({ "id": id, "reference": "AG9" })
        ),
        "not_found"
    );

    // Each removal answers the partnership without the record.
    let page = shell
        .call(
            "remove_health_check",
            json!({ "id": id, "reference": "HC1" }),
        )
        .unwrap();
    assert_eq!(page["health_checks"], json!([]));
    assert_eq!(
        page["actions"][0]["health_check"],
        Value::Null,
        "its action stays in the plan"
    );
    let page = shell
        .call(
            "remove_partnership_action",
            json!({ "id": id, "reference": "AC1" }),
        )
        .unwrap();
    assert_eq!(page["actions"], json!([]));
    let page = shell
        .call("remove_agreement", json!({ "id": id, "reference": "AG1" }))
        .unwrap();
    assert_eq!(page["agreements"], json!([]));
    let page = shell
        .call(
            "remove_partnership_note",
            json!({ "id": id, "reference": "N1" }),
        )
        .unwrap();
    assert_eq!(page["notes"], json!([]));
    assert_eq!(page["partner"]["reference"], "PT1");
    let evidence = shell
        .call("get_evidence", json!({ "id": id, "reference": "E1" }))
        .unwrap();
    assert_eq!(evidence["source"]["status"], "removed");
    // Gone, and a reference of another kind is not taken for one.
    for (command, reference, code) in [
        ("remove_partnership_note", "N1", "not_found"),
        ("remove_partnership_note", "AC1", "invalid_input"),
        ("remove_agreement", "AG1", "not_found"),
        ("remove_health_check", "HC1", "not_found"),
        ("remove_partnership_action", "N2", "invalid_input"),
    ] {
        assert_eq!(
            shell.fails(command, json!({ "id": id, "reference": reference })),
            code,
            "{command} {reference}"
        );
    }
}

#[test]
fn a_file_opened_from_the_desktop_is_granted_identified_and_copied_in_only_when_asked() {
    let shell = Shell::new();
    assert_eq!(
        shell.call("take_opened_file", json!({})).unwrap(),
        Value::Null
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let own = elsewhere.path().join("Siân's portfolio.portfolio");
    partnership_portfolio::Portfolio::create(
        &own,
        partnership_portfolio::portfolio::NewPortfolio {
            standard: partnership_portfolio::catalogue::cldal16(),
            profile: LearnerProfile::named("Siân Llŷr-Ŵyn"),
            title: None,
        },
    )
    .unwrap()
    .close()
    .unwrap();

    // Not granted until the app was started with it or handed it.
    let text = own.display().to_string();
    assert_eq!(
        shell.fails("identify_file", json!({ "file": text })),
        "invalid_input"
    );
    *shell.state.opened.lock().unwrap() = Some(own.clone());
    let chosen = shell.call("take_opened_file", json!({})).unwrap();
    assert_eq!(chosen["locked"], json!(false));
    let file = chosen["file"].as_str().unwrap().to_string();
    assert_eq!(
        shell.call("take_opened_file", json!({})).unwrap(),
        Value::Null,
        "taken once"
    );

    let opened = shell
        .call("identify_file", json!({ "file": file }))
        .unwrap();
    assert_eq!(opened["identity"]["kind"], json!("own_portfolio"));
    assert_eq!(opened["in_library"], Value::Null);
    assert!(
        shell.state.library.list().unwrap().is_empty(),
        "nothing taken in yet"
    );

    let entry = shell
        .call("import_portfolio_file", json!({ "file": file }))
        .unwrap();
    let opened = shell
        .call("identify_file", json!({ "file": file }))
        .unwrap();
    assert_eq!(
        opened["in_library"]["id"], entry["id"],
        "the library's copy is found"
    );
    assert!(own.is_file());

    // Or opened where it is: the commands work on that file itself.
    let in_place = shell
        .call("open_portfolio_in_place", json!({ "file": file }))
        .unwrap();
    assert_ne!(in_place["id"], entry["id"]);
    shell
        .call(
            "rename_portfolio",
            json!({ "id": in_place["id"], "title": "Worked on where it is" }),
        )
        .unwrap();
    let p = partnership_portfolio::Portfolio::open(&own).unwrap();
    assert_eq!(p.info().unwrap().title, "Worked on where it is");
    p.close().unwrap();
    assert_eq!(
        shell.call("list_portfolios", json!({})).unwrap()[0]["id"],
        entry["id"],
        "the library lists its own copy only"
    );
    assert_eq!(
        shell.fails("trash_portfolio", json!({ "id": in_place["id"] })),
        "invalid_input"
    );
    assert!(own.is_file());
}

#[test]
fn everything_exports_to_a_zip_where_the_user_says_and_nowhere_on_cancel() {
    let shell = Shell::new();
    let id = shell.create();
    let dest = shell.dir.path().join("everything.zip");

    shell.answer_dialog(None);
    let cancelled = shell.call("export_open_zip", json!({ "id": id })).unwrap();
    assert!(cancelled.is_null());
    assert!(!dest.exists());

    shell.answer_dialog(Some(vec![dest.clone()]));
    let exported = shell.call("export_open_zip", json!({ "id": id })).unwrap();
    assert_eq!(PathBuf::from(exported["path"].as_str().unwrap()), dest);
    assert_eq!(
        exported["bytes"],
        std::fs::metadata(&dest).unwrap().len(),
        "{exported}"
    );
    assert!(exported["pdf_pages"].as_u64().unwrap() > 0, "{exported}");
    // A ZIP whose entries' names (stored as they are) include the three parts.
    let bytes = std::fs::read(&dest).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    for name in ["portfolio.json", "manifest.json", "evidence-portfolio.pdf"] {
        assert!(
            bytes.windows(name.len()).any(|w| w == name.as_bytes()),
            "{name}"
        );
    }
    // The portfolio is free again: it can be renamed at once.
    shell
        .call("rename_portfolio", json!({ "id": id, "title": "After" }))
        .unwrap();
    // A portfolio that is not in the library is said, with no dialog shown.
    let gone = "00000000-0000-4000-8000-000000000000";
    assert_eq!(
        shell.fails("export_open_zip", json!({ "id": gone })),
        "not_found"
    );
}

#[test]
fn a_zip_imports_as_a_new_learners_portfolio_and_a_bad_one_adds_nothing() {
    let from = Shell::new();
    let id = from.create();
    from.call(
        "rename_portfolio",
        json!({ "id": id, "title": "Moving centres" }),
    )
    .unwrap();
    let zip = from.dir.path().join("moving.zip");
    from.answer_dialog(Some(vec![zip.clone()]));
    from.call("export_open_zip", json!({ "id": id })).unwrap();

    let shell = Shell::new();
    let listed = || shell.call("list_portfolios", json!({})).unwrap();
    shell.answer_dialog(None);
    assert!(shell.call("import_open_zip", json!({})).unwrap().is_null());
    assert_eq!(listed(), json!([]));

    // Not an export: the gate's reason, and nothing added or left behind.
    let junk = shell.dir.path().join("junk.zip");
    std::fs::write(&junk, b"PK not really").unwrap();
    shell.answer_dialog(Some(vec![junk]));
    let err = shell.call("import_open_zip", json!({})).unwrap_err();
    assert_eq!(err["code"], "damaged", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("cannot be imported"),
        "{err}"
    );
    assert_eq!(listed(), json!([]));
    assert_eq!(hidden_in(&shell), Vec::<String>::new());

    shell.answer_dialog(Some(vec![zip.clone()]));
    let entry = shell.call("import_open_zip", json!({})).unwrap();
    assert_eq!(entry["title"], "Moving centres");
    assert_eq!(entry["role"], "learner");
    assert!(entry["problem"].is_null(), "{entry}");
    let new_id = entry["id"].as_str().unwrap().to_string();
    assert_eq!(listed().as_array().unwrap().len(), 1);
    let overview = shell.call("get_overview", json!({ "id": new_id })).unwrap();
    assert_eq!(overview["profile"]["full_name"], "Siân Llŷr-Ŵyn");

    // The same ZIP again: another new portfolio, never over the first.
    shell.answer_dialog(Some(vec![zip]));
    let again = shell.call("import_open_zip", json!({})).unwrap();
    assert_ne!(again["id"], new_id.as_str());
    assert_eq!(listed().as_array().unwrap().len(), 2);
    assert_eq!(shell.title(&new_id), "Moving centres");
}

#[test]
fn plan_reviews_and_thread_work_on_both_sides_and_the_core_refusals_come_through() {
    let learner = Shell::new();
    let assessor = Shell::new();
    let mail = tempfile::tempdir().unwrap();
    let id = learner.create();

    let plan = learner
        .call(
            "set_plan",
            json!({ "id": id, "items": ["P1", "P2"], "methods": ["observation", "product"],
                    "targetOn": "2099-03-31", "note": "Observed at the forum." }),
        )
        .unwrap();
    assert_eq!(plan["entries"].as_array().unwrap().len(), 2);
    assert_eq!(plan["agreed"], false);
    // An unknown item and a missing method are refused in words.
    let code = learner.fails(
        "set_plan",
        json!({ "id": id, "items": ["P99"], "methods": ["observation"], "targetOn": "2099-03-31", "note": "" }),
    );
    assert_eq!(code, "not_found");
    let code = learner.fails(
        "set_plan",
        json!({ "id": id, "items": ["P1"], "methods": [], "targetOn": "2099-03-31", "note": "" }),
    );
    assert_eq!(code, "invalid_input");
    // Accepting other content than the plan as it is is refused.
    let code = learner.fails(
        "accept_plan",
        json!({ "id": id, "name": "Siân Llŷr-Ŵyn", "fingerprint": "0".repeat(64) }),
    );
    assert_eq!(code, "invalid_input");
    let accepted = learner
        .call(
            "accept_plan",
            json!({ "id": id, "name": "Siân Llŷr-Ŵyn", "fingerprint": plan["fingerprint"] }),
        )
        .unwrap();
    assert_eq!(accepted["acceptances"][0]["party"], "learner");
    assert_eq!(accepted["acceptances"][0]["current"], true);

    let review = learner
        .call(
            "add_review",
            json!({ "id": id, "review": { "held_on": "", "next_steps": "Observe P1.",
                    "next_target": "2099-01-31", "notes": "", "learner_name": "Siân Llŷr-Ŵyn",
                    "assessor_name": "Màiri NicDhòmhnaill" } }),
        )
        .unwrap();
    assert_eq!(review["reference"], "R1");
    assert_eq!(review["signatures"].as_array().unwrap().len(), 1);
    // No judgement yet: nothing to reply to.
    let code = learner.fails(
        "reply_to_feedback",
        json!({ "id": id, "item": "P1", "text": "I added the minutes." }),
    );
    assert_eq!(code, "invalid_input");

    // The assessor's copy: the plan, accepted there too, and the review countersigned.
    let file = mail.path().join("v1.portfolio");
    learner.answer_dialog(Some(vec![file.clone()]));
    learner
        .call(
            "submit_portfolio",
            json!({ "id": id, "declaredName": "Siân Llŷr-Ŵyn", "declaredOn": "2026-11-02" }),
        )
        .unwrap();
    assessor.answer_dialog(Some(vec![file]));
    let copy = assessor
        .call(
            "open_learner_submission",
            json!({ "assessorName": "Màiri NicDhòmhnaill" }),
        )
        .unwrap();
    let copy_id = copy["id"].as_str().unwrap().to_string();
    let shown = assessor
        .call("get_assessment_plan", json!({ "id": copy_id }))
        .unwrap();
    assert_eq!(shown["fingerprint"], plan["fingerprint"]);
    let agreed = assessor
        .call(
            "accept_plan",
            json!({ "id": copy_id, "name": "Màiri NicDhòmhnaill", "fingerprint": shown["fingerprint"] }),
        )
        .unwrap();
    assert_eq!(agreed["agreed"], true);
    // The assessor removes P2's line: a change, so no longer agreed; who
    // and when are kept. A line not in the plan is refused.
    let removed = assessor
        .call("remove_plan", json!({ "id": copy_id, "items": ["P2"] }))
        .unwrap();
    assert_eq!(removed["entries"].as_array().unwrap().len(), 1);
    assert_eq!(removed["entries"][0]["item_id"], "P1");
    assert_eq!(removed["agreed"], false);
    assert_ne!(removed["fingerprint"], agreed["fingerprint"]);
    assert_eq!(removed["removed"][0]["item_id"], "P2");
    assert_eq!(removed["removed"][0]["removed_by"], "assessor");
    let code = assessor.fails("remove_plan", json!({ "id": copy_id, "items": ["P2"] }));
    assert_eq!(code, "invalid_input");
    let signed = assessor
        .call(
            "sign_review",
            json!({ "id": copy_id, "reference": "R1", "name": "Màiri NicDhòmhnaill" }),
        )
        .unwrap();
    assert_eq!(signed["signatures"].as_array().unwrap().len(), 2);
    let listed = assessor
        .call("list_reviews", json!({ "id": copy_id }))
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    // The assessor may not reply as the learner.
    assessor
        .call(
            "judge_item",
            json!({ "id": copy_id, "item": "P1", "outcome": "not_yet_met",
                    "feedback": "Show the minutes.", "assessorName": "Màiri NicDhòmhnaill" }),
        )
        .unwrap();
    assessor.fails(
        "reply_to_feedback",
        json!({ "id": copy_id, "item": "P1", "text": "…" }),
    );
    let thread = assessor
        .call(
            "get_feedback_thread",
            json!({ "id": copy_id, "item": "P1" }),
        )
        .unwrap();
    assert_eq!(thread[0]["text"], "Show the minutes.");
    assert_eq!(thread[0]["author"], "assessor");
    let all = assessor
        .call("get_feedback_thread", json!({ "id": copy_id }))
        .unwrap();
    assert_eq!(all.as_array().unwrap().len(), 1);
}

/// Every file in `dir` with its bytes and modification time.
fn files_as_they_are(dir: &Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            let path = e.path();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(&path).unwrap(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_inbox_folder_is_remembered_listed_and_opened_from_without_touching_its_files() {
    let learner = Shell::new();
    let assessor = Shell::new();
    let inbox = tempfile::tempdir().unwrap();
    let id = learner.create();
    let sent = inbox.path().join("Siân v1.portfolio");
    learner.answer_dialog(Some(vec![sent.clone()]));
    learner
        .call(
            "submit_portfolio",
            json!({ "id": id, "declaredName": "Siân Llŷr-Ŵyn", "declaredOn": "2026-11-02" }),
        )
        .unwrap();
    std::fs::write(inbox.path().join("damaged.portfolio"), b"\0\0 not sqlite").unwrap();
    std::fs::write(inbox.path().join("letter.pdf"), b"%PDF-1.7").unwrap();
    let before = files_as_they_are(inbox.path());

    assert_eq!(assessor.call("get_inbox", json!({})).unwrap(), Value::Null);
    // Cancelled: still none.
    assessor.answer_dialog(None);
    assert_eq!(
        assessor.call("choose_inbox_folder", json!({})).unwrap(),
        Value::Null
    );
    assessor.answer_dialog(Some(vec![inbox.path().to_path_buf()]));
    let listed = assessor.call("choose_inbox_folder", json!({})).unwrap();
    assert_eq!(listed["others"], 1, "{listed}");
    let files = listed["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "{listed}");
    let submission = files
        .iter()
        .find(|f| f["name"] == "Siân v1.portfolio")
        .unwrap();
    assert_eq!(submission["identity"]["kind"], "submission");
    assert_eq!(submission["problem"], Value::Null);
    let damaged = files
        .iter()
        .find(|f| f["name"] == "damaged.portfolio")
        .unwrap();
    assert!(damaged["problem"]["message"].is_string(), "{damaged}");

    // Remembered in the library's settings: read again as it is now.
    let again = assessor.call("get_inbox", json!({})).unwrap();
    assert_eq!(again["files"].as_array().unwrap().len(), 2);
    assert!(assessor
        .state
        .library
        .root()
        .join("settings.json")
        .is_file());

    // One click opens it through the gate, as the assessor's copy.
    let copy = assessor
        .call(
            "open_learner_submission",
            json!({ "assessorName": "Màiri NicDhòmhnaill", "file": submission["file"] }),
        )
        .unwrap();
    assert_eq!(copy["role"], "assessor");
    let caseload = assessor.call("get_caseload", json!({})).unwrap();
    assert_eq!(caseload[0]["id"], copy["id"]);
    assert_eq!(caseload[0]["row"]["waiting"], "not_yet_judged");

    assert_eq!(
        files_as_they_are(inbox.path()),
        before,
        "the inbox's files are only read"
    );
}
