//! Steps of the exchange between learner, assessor and internal quality
//! assurer (IQA), as a person takes them in the window, for the tests that
//! pass the portfolio file between apps (`exchange.rs`,
//! `assessment_cycle.rs`): submitting, opening a submission, judging every
//! item, signing off, returning, receiving, and the IQA's steps. Each waits
//! for the window to say it is done, and the file dialogs are answered
//! through the machine (`Machine::answer_next_dialog`).

use crate::{sel, App, Machine};
use std::path::Path;

impl App<'_> {
    /// Learner: submits the next version (`version`), confirming the
    /// declaration as `name`, and saves the file to `dest`; `shot` names the
    /// screenshots.
    pub async fn submit(
        &self,
        machine: &Machine,
        dest: &Path,
        version: u32,
        name: &str,
        shot: &str,
    ) {
        self.click("nav-assessment").await;
        self.el("assessment-status").await;
        self.click("submit-portfolio").await;
        self.el("submit-dialog").await;
        self.wait_text("learner-declaration", "the declaration", |t| {
            t.starts_with("I declare that the evidence in this portfolio is my own work")
        })
        .await;
        self.fill("declare-name", name).await;
        assert_eq!(self.value("declare-date").await.len(), 10, "today's date");
        self.screenshot(&format!("{shot}-declaration")).await;
        self.assert_labelled("submit dialog").await;
        machine.answer_next_dialog(&[dest]);
        self.click("submit-confirm").await;
        let result = self
            .wait_text("submit-result", "the version", |t| {
                t.contains(&format!("Version {version} is ready to send"))
            })
            .await;
        assert!(result.contains(&dest.display().to_string()), "{result}");
        assert!(dest.is_file(), "{} was not written", dest.display());
        self.screenshot(&format!("{shot}-submitted")).await;
    }

    /// Assessor: opens the learner's `file` from the home screen as
    /// `assessor`, and waits for the overview of their copy.
    pub async fn open_submission(&self, machine: &Machine, file: &Path, assessor: &str) {
        self.el("home").await;
        self.click("open-submission").await;
        self.el("open-submission-dialog").await;
        self.fill("assessor-name", assessor).await;
        machine.answer_next_dialog(&[file]);
        self.click("open-submission-choose").await;
        self.el("overview").await;
    }

    /// Assessor, on the Assessment screen: judges every item not judged yet
    /// "Met" with the quick buttons; returns the items.
    pub async fn judge_the_rest_met(&self) -> Vec<String> {
        self.click("nav-assessment").await;
        self.el("judgements").await;
        let mut items = Vec::new();
        for row in self.all("[data-testid=\"judge-row\"]").await {
            let item = row.attr("data-item").await.unwrap().unwrap();
            let judged = row.attr("data-outcome").await.unwrap();
            if judged.as_deref().unwrap_or("").is_empty() {
                self.click(&format!("quick-met-{item}")).await;
                self.wait_attr(&sel("judge-row", "item", &item), "data-outcome", "met")
                    .await;
            }
            items.push(item);
        }
        items
    }

    /// Assessor, on the Assessment screen: signs off as `assessor` on
    /// `date` and waits for the sign-off of `version`.
    pub async fn sign_off(&self, assessor: &str, date: &str, version: u32) {
        self.fill("sign-name", assessor).await;
        self.fill("sign-date", date).await;
        self.click("sign-off").await;
        self.wait_text("signed-off", "the sign-off", |t| {
            t.contains(assessor) && t.contains(&format!("version {version}"))
        })
        .await;
    }

    /// Assessor, on the Assessment screen: returns the file to the learner,
    /// saved to `dest`.
    pub async fn return_to_learner(&self, machine: &Machine, dest: &Path) {
        machine.answer_next_dialog(&[dest]);
        self.click("return-to-learner").await;
        let name = dest.file_name().unwrap().to_string_lossy().into_owned();
        self.wait_text("returned", "the file", |t| t.contains(&name))
            .await;
        assert!(dest.is_file(), "{} was not written", dest.display());
    }

    /// Learner: receives the assessor's `file` on the Assessment screen;
    /// returns what the window says came back.
    pub async fn receive_assessment(&self, machine: &Machine, file: &Path) -> String {
        self.click("nav-assessment").await;
        self.el("assessment-status").await;
        machine.answer_next_dialog(&[file]);
        self.click("receive-assessment").await;
        self.wait_text("receive-result", "what came back", |t| !t.is_empty())
            .await
    }

    /// On the overview: exports the PDF to `dest` and waits until it is saved.
    pub async fn export_pdf(&self, machine: &Machine, dest: &Path) {
        self.click("nav-overview").await;
        self.el("overview").await;
        machine.answer_next_dialog(&[dest]);
        self.click("export-pdf").await;
        self.wait_for("[data-testid=\"pdf-export-result\"]").await;
        assert!(dest.is_file(), "{} was not written", dest.display());
    }

    /// IQA: opens the assessor's `file` from the home screen as `iqa`, and
    /// waits for the IQA copy's Assessment screen.
    pub async fn open_for_iqa(&self, machine: &Machine, file: &Path, iqa: &str) {
        self.el("home").await;
        self.click("open-for-iqa").await;
        self.el("open-for-iqa-dialog").await;
        self.fill("assessor-name", iqa).await;
        machine.answer_next_dialog(&[file]);
        self.click("open-for-iqa-choose").await;
        self.wait_attr("[data-testid=\"assessment\"]", "data-role", "iqa")
            .await;
    }

    /// IQA, on the Assessment screen: samples `item` (ticked first if not
    /// shown yet), agreeing or not, with `feedback`, and waits until saved.
    pub async fn iqa_sample(&self, item: &str, agrees: bool, feedback: &str) {
        let row = sel("iqa-sample-row", "item", item);
        if self.all(&row).await.is_empty() {
            self.click_css(&sel("iqa-choose-item", "item", item)).await;
        }
        let verdict = if agrees { "iqa-agree" } else { "iqa-disagree" };
        self.click_css(&format!("{row} [data-testid=\"{verdict}\"]"))
            .await;
        let field = self
            .css(&format!("{row} [data-testid=\"iqa-feedback\"]"))
            .await;
        field.clear().await.expect("clear the feedback");
        if !feedback.is_empty() {
            field.send_keys(feedback).await.expect("type the feedback");
        }
        self.click_css(&format!("{row} [data-testid=\"iqa-save-sample\"]"))
            .await;
        self.wait_attr(&row, "data-saved", "true").await;
    }

    /// IQA, on the Assessment screen: signs the decision (`action`: `None`
    /// for "confirmed", or the action required) as `iqa` on `date`.
    pub async fn iqa_decide(&self, action: Option<&str>, iqa: &str, date: &str) {
        match action {
            None => self.click("iqa-confirmed").await,
            Some(text) => {
                self.click("iqa-action-required").await;
                self.fill("iqa-action-text", text).await;
            }
        }
        self.fill("iqa-sign-name", iqa).await;
        self.fill("iqa-sign-date", date).await;
        self.click("iqa-sign").await;
        self.wait_text("iqa-decided", "the decision", |t| t.contains(iqa))
            .await;
    }

    /// Saves a file with the button `button` and waits for the element
    /// `done` to name it (a file for the IQA, or for the assessor).
    pub async fn save_file_with(&self, machine: &Machine, button: &str, dest: &Path, done: &str) {
        machine.answer_next_dialog(&[dest]);
        self.click(button).await;
        let name = dest.file_name().unwrap().to_string_lossy().into_owned();
        self.wait_text(done, "the file", |t| t.contains(&name))
            .await;
        assert!(dest.is_file(), "{} was not written", dest.display());
    }
}
