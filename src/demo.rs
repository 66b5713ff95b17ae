//! The demo portfolio: a realistic, finished CLDAL16 portfolio made from a
//! seed, so a new user can see what a complete one looks like, and so tests
//! and benchmarks have portfolios of any size. Every item is rated and
//! written up (about 300 words of reflective writing about partnership
//! working in adult and community learning), with evidence of every method,
//! witnesses, a confidential record, small text/CSV/PDF files and photos
//! drawn procedurally (12 megapixels by default), and a partnership register
//! (five partners on the stakeholder map, notes, three agreements of which
//! one revised and one past its review date, two health checks of the same
//! partnership by two respondents who differ on one element, and an action
//! plan with an overdue action). Then it goes through the
//! exchange twice, as a real one would: submitted, judged (a few items not
//! yet met) and returned; improved, resubmitted, judged again, signed off
//! and returned. Nothing is shipped: the same seed and date give the same
//! content (the exchange's own timestamps are the real time).

use crate::catalogue;
use crate::error::{Error, Result};
use crate::evidence::{
    ConfidentialDescriptor, EvidenceInput, EvidenceMethod, Mapping, NewEvidence, WitnessChoice,
    WitnessInput,
};
use crate::exchange::{self, JudgementOutcome};
use crate::portfolio::NewPortfolio;
use crate::profile::LearnerProfile;
use crate::reviews::ReviewInput;
use crate::storage::Portfolio;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// What to put in a demo portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// Evidence records.
    pub evidence: usize,
    /// Photos, spread over the records.
    pub photos: usize,
    /// Pixel size of each photo (landscape; every third photo is turned to portrait).
    pub photo_size: (u32, u32),
    /// The same seed gives the same content.
    pub seed: u64,
    /// The day the demo is made: activities lie in the eight months before
    /// it, submissions and the sign-off on it. `None`: today.
    pub today: Option<Date>,
    /// Take it through submission, judgement and sign-off.
    pub assessed: bool,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            evidence: 40,
            photos: 6,
            photo_size: (4000, 3000),
            seed: 2027,
            today: None,
            assessed: true,
        }
    }
}

/// What a demo portfolio holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub items: usize,
    pub evidence: usize,
    pub photos: usize,
    pub other_files: usize,
    pub witnesses: usize,
    pub words: usize,
    /// Submissions made (0 when not assessed).
    pub submissions: u32,
    /// Items judged "not yet met" in the first round (met in the second).
    pub not_yet_met_first: Vec<String>,
}

/// A small, fast pseudo-random sequence (SplitMix64): the demo must be the
/// same for the same seed on every platform and every version of any crate.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }
    /// `k` distinct indices below `n`, in the order drawn.
    fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }
}

const ASSESSOR: &str = "Màiri NicDhòmhnaill";
/// The internal quality assurer who samples the demo's assessment.
const IQA: &str = "Eilidh Nic a' Phearsain";
const IQA_FEEDBACK: &str =
    "The judgement is well founded: the evidence is valid, current and sufficient.";

fn days(date: Date, n: i64) -> Date {
    date.checked_add(jiff::Span::new().days(n)).unwrap_or(date)
}

/// The learner of the demo portfolio, who started eight months before `today`.
pub fn demo_profile(today: Date) -> LearnerProfile {
    LearnerProfile {
        full_name: "Catrin Llŷr-Wiśniewska".into(),
        registration_number: "CLD/2026/0173".into(),
        centre: "Canolfan Dysgu Conwy – Conwy Community Learning Centre".into(),
        qualification:
            "Professional Development Award in Community Learning and Development (SCQF level 8)"
                .into(),
        assessor_name: ASSESSOR.into(),
        start_date: Some(days(today, -245).to_string()),
    }
}

/// Creates a demo portfolio at `path` (which must not exist).
pub fn create_demo(path: &Path, options: &DemoOptions) -> Result<DemoSummary> {
    let today = options.today.unwrap_or_else(|| {
        jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
    });
    let standard = catalogue::cldal16();
    let mut p = Portfolio::create(
        path,
        NewPortfolio {
            standard,
            profile: demo_profile(today),
            title: Some("Catrin’s CLDAL16 portfolio (demo)".into()),
        },
    )?;
    let result = fill(&mut p, options, today);
    let closed = p.close();
    let mut summary = result?;
    closed?;
    if options.assessed {
        let (submissions, not_yet) = assess(path, options.seed, today)?;
        summary.submissions = submissions;
        summary.not_yet_met_first = not_yet;
    }
    Ok(summary)
}

/// Two rounds of the exchange, through files as learner and assessor would
/// send them: submit, judge (some items not yet met), return, receive;
/// improve those items, resubmit, judge them again, sign off, return, receive.
fn assess(path: &Path, seed: u64, today: Date) -> Result<(u32, Vec<String>)> {
    let scratch = tempfile::tempdir().map_err(|e| Error::io(Path::new("temporary folder"), &e))?;
    let assessor_copy = scratch.path().join("assessor.portfolio");
    let mut rng = Rng::new(seed, 77);
    let mut learner = Portfolio::open(path)?;
    let name = learner.profile()?.full_name;
    let items: Vec<String> = learner
        .standard()
        .items()
        .map(|(_, i)| i.id.clone())
        .collect();
    let not_yet: Vec<String> = {
        let mut picked = rng.distinct(items.len(), 3);
        picked.sort_unstable();
        picked.into_iter().map(|k| items[k].clone()).collect()
    };
    let date = today.to_string();

    // The assessment plan, drafted and accepted by the learner, and a
    // first progress review.
    plan(&mut learner, today)?;
    let plan = learner.assessment_plan()?;
    learner.accept_plan(&name, &plan.fingerprint)?;
    learner.add_review(&ReviewInput {
        held_on: Some(days(today, -14).to_string()),
        next_steps:
            "Finish the accounts of P1–P15 and map the evidence from the partnership register."
                .into(),
        next_target: days(today, 7).to_string(),
        notes: "We agreed the plan and looked at which meetings the assessor could observe.".into(),
        learner_name: name.clone(),
        assessor_name: ASSESSOR.into(),
    })?;

    // Round 1: everything judged, three items not yet met.
    learner.submit(&name, &date)?;
    let sent = scratch.path().join("submission-v1.portfolio");
    learner.save_copy(&sent)?;
    let mut a = exchange::open_submission(&sent, &assessor_copy, ASSESSOR)?;
    for (k, id) in items.iter().enumerate() {
        if not_yet.contains(id) {
            let feedback = NOT_YET_FEEDBACK[k % NOT_YET_FEEDBACK.len()];
            a.judge(id, JudgementOutcome::NotYetMet, feedback, None)?;
        } else {
            let feedback = MET_FEEDBACK[rng.below(MET_FEEDBACK.len())];
            a.judge(id, JudgementOutcome::Met, feedback, None)?;
        }
    }
    a.set_overall_feedback(OVERALL_FEEDBACK[0], None)?;
    // The assessor accepts the plan and countersigns the review.
    let plan = a.assessment_plan()?;
    a.accept_plan(ASSESSOR, &plan.fingerprint)?;
    a.sign_review("R1", ASSESSOR)?;
    let returned = scratch.path().join("assessment-v1.portfolio");
    a.return_to_learner(&returned, None)?;
    a.close()?;
    learner.receive(&returned)?;

    // Round 2: the learner answers the feedback; the assessor re-judges those items.
    for id in &not_yet {
        let account = learner.self_assessment(id)?.account;
        let k = items.iter().position(|i| i == id).unwrap_or(0);
        let (_, how) = ITEMS[k % ITEMS.len()];
        let added = format!(
            "{account}\n\nAfter my assessor’s feedback: I have added a witness testimony and the notes of the review meeting, which show {how}. I have also said more about what I did myself and what I learnt from it."
        );
        learner.set_account(id, &added)?;
        learner.set_rating(id, Some(4))?;
        learner.reply(
            id,
            "I have added a witness testimony and the notes of the review meeting, and said more about what I did myself.",
        )?;
    }
    learner.submit(&name, &date)?;
    let sent = scratch.path().join("submission-v2.portfolio");
    learner.save_copy(&sent)?;
    let mut a = exchange::open_submission(&sent, &assessor_copy, ASSESSOR)?;
    for id in &not_yet {
        a.judge(id, JudgementOutcome::Met, RESUBMITTED_FEEDBACK, None)?;
    }
    a.set_overall_feedback(OVERALL_FEEDBACK[1], None)?;
    a.add_review(&ReviewInput {
        held_on: Some(date.clone()),
        next_steps: "Send the signed-off portfolio to the internal quality assurer.".into(),
        next_target: days(today, 14).to_string(),
        notes: String::new(),
        learner_name: name.clone(),
        assessor_name: ASSESSOR.into(),
    })?;
    a.sign_off(ASSESSOR, &date)?;
    // The internal quality assurer samples the re-judged items and one
    // more, agrees, and confirms the decisions; the assessor takes the
    // record in, and it reaches the learner with the return.
    let to_iqa = scratch.path().join("to-iqa-v2.portfolio");
    a.send_to_iqa(&to_iqa, None)?;
    let iqa_copy = scratch.path().join("iqa.portfolio");
    let mut q = crate::iqa::open_for_iqa(&to_iqa, &iqa_copy, IQA)?;
    for id in not_yet.iter().chain(items.first()) {
        q.iqa_sample(id, true, IQA_FEEDBACK)?;
    }
    q.iqa_decide(crate::iqa::IqaDecision::Confirmed, "", IQA, Some(&date))?;
    let from_iqa = scratch.path().join("from-iqa-v2.portfolio");
    q.iqa_return(&from_iqa, None)?;
    q.close()?;
    a.receive_iqa(&from_iqa)?;
    let returned = scratch.path().join("assessment-v2.portfolio");
    a.return_to_learner(&returned, None)?;
    a.close()?;
    learner.receive(&returned)?;
    let submissions = learner.submissions()?.len() as u32;
    learner.close()?;
    Ok((submissions, not_yet))
}

/// The learner's draft of the assessment plan: the performance criteria by
/// observation and witness testimony, the knowledge by professional
/// discussion and a reflective account.
fn plan(p: &mut Portfolio, today: Date) -> Result<()> {
    let ids = |kind: crate::catalogue::ItemKind, p: &Portfolio| -> Vec<String> {
        p.standard()
            .items()
            .filter(|(k, _)| *k == kind)
            .map(|(_, i)| i.id.clone())
            .collect()
    };
    let performance = ids(crate::catalogue::ItemKind::Performance, p);
    let knowledge = ids(crate::catalogue::ItemKind::Knowledge, p);
    p.set_plan(
        &performance,
        &[
            EvidenceMethod::Observation,
            EvidenceMethod::WitnessTestimony,
        ],
        &days(today, 30).to_string(),
        "Observed at the steering group; a witness for the work with partners between meetings.",
    )?;
    p.set_plan(
        &knowledge,
        &[
            EvidenceMethod::ProfessionalDiscussion,
            EvidenceMethod::ReflectiveAccount,
        ],
        &days(today, 60).to_string(),
        "",
    )?;
    Ok(())
}

fn fill(p: &mut Portfolio, o: &DemoOptions, today: Date) -> Result<DemoSummary> {
    let items: Vec<String> = p.standard().items().map(|(_, i)| i.id.clone()).collect();
    let mut words = 0;
    for (k, id) in items.iter().enumerate() {
        let mut rng = Rng::new(o.seed, 1000 + k as u64);
        let account = account(&mut rng, k);
        words += account.split_whitespace().count();
        let rating = [4, 4, 3, 4, 3, 4, 2, 4][rng.below(8)];
        p.assess(
            id,
            crate::self_assessment::AssessmentChange {
                rating: Some(Some(rating)),
                account: Some(&account),
            },
        )?;
    }

    let scratch = tempfile::tempdir().map_err(|e| Error::io(Path::new("temporary folder"), &e))?;
    let mut photos_made = 0;
    let mut described = false;
    let mut other_files = 0;
    let n = o.evidence;
    for i in 0..n {
        let mut rng = Rng::new(o.seed, 5000 + i as u64);
        let number = i + 1;
        let method = method_for(i);
        let (title, description) = evidence_text(&mut rng, i, method);
        words += description.split_whitespace().count();
        let witness = (method == EvidenceMethod::WitnessTestimony).then(|| {
            let w = &WITNESSES[(i / 8) % WITNESSES.len()];
            WitnessChoice::New(w.input())
        });
        let confidential = (i == 4).then(|| ConfidentialDescriptor {
            what: "Safeguarding referral and the multi-agency meeting notes about a learner (personal data of a vulnerable adult)".into(),
            held_at: "Locked cabinet in the safeguarding lead’s office, Canolfan Dysgu Conwy; electronic copy on the council’s secure case system".into(),
            confirmer: "Gwenllian Morgan, Community Learning Manager and designated safeguarding lead (01492 575 000)".into(),
        });
        // Every item is covered once there are 21 records; more records add depth.
        let extra = 1 + rng.below(3);
        let mut targets = vec![i % items.len(), (i + 21) % items.len()];
        for t in rng.distinct(items.len(), extra + 2) {
            if targets.len() >= 2 + extra {
                break;
            }
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
        let mappings = targets
            .iter()
            .map(|&t| Mapping {
                item_id: items[t].clone(),
                note: mapping_note(&mut rng, t, method),
            })
            .collect();

        let mut attach: Vec<PathBuf> = Vec::new();
        // Photos go to records in turn, several to a record when there are
        // more photos than records.
        let photo_range = (i * o.photos / n.max(1))..((i + 1) * o.photos / n.max(1));
        for ph in photo_range {
            let (w, h) = if ph % 3 == 2 {
                (o.photo_size.1, o.photo_size.0)
            } else {
                o.photo_size
            };
            let file = scratch.path().join(format!(
                "IMG_2026{:02}{:02}_{:06}.jpg",
                9 + ph % 4,
                1 + ph % 28,
                101_500 + ph * 37
            ));
            std::fs::write(&file, photo_jpeg(o.seed, ph as u64, w, h)?)
                .map_err(|e| Error::io(&file, &e))?;
            attach.push(file);
            photos_made += 1;
        }
        for (file_name, bytes) in other_files_for(number, &title, &mut rng) {
            let dir = scratch.path().join(format!("e{number}"));
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
            let file = dir.join(file_name);
            std::fs::write(&file, bytes).map_err(|e| Error::io(&file, &e))?;
            attach.push(file);
            other_files += 1;
        }
        let date = activity_date(i, n, today);
        let (added, _) = p.add_evidence(NewEvidence {
            input: EvidenceInput {
                title,
                method,
                activity_date: Some(date),
                description,
                witness,
                confidential,
            },
            attach: attach.clone(),
            mappings,
        })?;
        // The first photo is described in the learner's words, as the app
        // asks; the others keep the words the PDF makes for them.
        if let Some(first) = added.attachments.iter().find(|a| a.has_preview) {
            if !described {
                p.describe_attachment(first.id, DEMO_PHOTO_DESCRIPTION)?;
                described = true;
            }
        }
        for f in attach {
            let _ = std::fs::remove_file(f);
        }
    }
    partnerships(p, today)?;
    Ok(DemoSummary {
        items: items.len(),
        evidence: n,
        photos: photos_made,
        other_files,
        witnesses: p.witnesses()?.len(),
        words,
        submissions: 0,
        not_yet_met_first: Vec::new(),
    })
}

/// The partnership register of the demo: dates count back from `today`.
fn partnerships(p: &mut Portfolio, today: Date) -> Result<()> {
    use crate::partnerships::{
        ActionInput, AgreementInput, AgreementRevisionInput, AnswerInput, Contact,
        HealthCheckResponseInput, Level, NoteInput, NoteKind, PartnerInput, PartnerType,
    };
    let day = |n: i64| days(today, n).to_string();
    let partner = |name: &str,
                   kind,
                   role: &str,
                   interests: &str,
                   services: &str,
                   place: (Level, Level),
                   contact: &str| PartnerInput {
        name: name.into(),
        kind,
        role: role.into(),
        interests: interests.into(),
        services: services.into(),
        info_needs: String::new(),
        info_shared: String::new(),
        info_withheld: String::new(),
        interest: Some(place.0),
        influence: Some(place.1),
        contacts: vec![Contact::parse(contact).expect("demo contacts have names")],
    };
    let mut library = partner(
        "Conwy Library Service (Llyfrgell Llandudno)",
        PartnerType::PartnerAgency,
        "Runs Llandudno Library and the county’s digital inclusion programme; lends rooms and public computers for community courses.",
        "More adults using the library and its computers. Concerned that course bookings clash with their own events and that rooms are left untidy.",
        "Free rooms on weekday mornings, 12 public computers, a volunteer digital champion, and the Books and Bytes drop-in. They complement our courses: we teach, they give learners somewhere to practise between sessions.",
        (Level::High, Level::High),
        "Dafydd ap Rhys, Library Service Development Officer, dafydd.aprhys@example.gov.uk, 01492 574 010",
    );
    library.info_needs =
        "Numbers attending each session and how many are new library members, by month.".into();
    library.info_shared =
        "Monthly attendance totals, course dates and the anonymised end-of-course survey.".into();
    library.info_withheld =
        "Learners’ names, contact details and anything from their learning plans.".into();
    p.add_partner(&library)?;
    p.add_partner(&partner(
        "Polska Szkoła Sobotnia (Polish Saturday School) Llandudno",
        PartnerType::CommunityGroup,
        "A volunteer-run Saturday school for Polish-speaking children, with a parents’ group that meets while the children learn.",
        "Parents want English and digital skills at a time they can come; the school worries about keeping its hall booking if numbers fall.",
        "The hall on Saturday mornings, trusted contact with about 40 families, and interpreters among the parents.",
        (Level::High, Level::Low),
        "Agnieszka Wiśniewska, Co-ordinator, agnieszka@example.pl, 07700 900 123",
    ))?;
    p.add_partner(&partner(
        "Jobcentre Plus, Colwyn Bay",
        PartnerType::Government,
        "Work coaches support people looking for work and refer them to training.",
        "Referrals that lead to jobs; concerned when courses start too late in the term for their customers.",
        "Referrals, labour market information and a quarterly employer breakfast we can speak at.",
        (Level::High, Level::Low),
        "Łukasz Zieliński, Work Coach, lukasz.zielinski@example.gov.uk",
    ))?;
    p.add_partner(&partner(
        "Family Learning team, Canolfan Dysgu Conwy",
        PartnerType::Colleague,
        "Colleagues in my own organisation who run family learning in schools; we share the crèche budget and the venue list.",
        "Avoiding two teams contacting the same schools and parents; fair use of the shared crèche budget.",
        "Family learning courses in eight primary schools and the crèche workers we both book.",
        (Level::High, Level::High),
        "Gwenllian Morgan, Community Learning Manager, 01492 575 000 (ext. 214)",
    ))?;
    p.add_partner(&partner(
        "Cronfa Cymunedau Conwy (Conwy Communities Fund)",
        PartnerType::Funder,
        "Funds the digital inclusion project for two years and sets its reporting requirements.",
        "Value for money and evidence that people who were offline are now online; concerned about the project after the funding ends.",
        "Grant funding, and training for grant holders on evaluation.",
        (Level::Low, Level::High),
        "Rhian Evans, Grants Officer, grants@example.org.uk",
    ))?;

    p.add_note("PT1", &NoteInput {
        kind: NoteKind::Meeting,
        date: day(-225),
        text: "First planning meeting at the library. We agreed to try a six-week digital skills course on Tuesday mornings, and that the library would promote it at the Books and Bytes drop-in.".into(),
        participants: vec!["Dafydd ap Rhys".into(), "Gwenllian Morgan".into(), "Catrin Llŷr-Wiśniewska".into()],
    })?;
    p.add_note("PT1", &NoteInput {
        kind: NoteKind::Disagreement,
        date: day(-120),
        text: "The room was double-booked twice in a month and Dafydd felt we were treating it as ours. I listened first, then we looked at the bookings together: both teams were using different calendars. We agreed one shared calendar kept by the library, and I apologised to the group who lost their room.".into(),
        participants: vec!["Dafydd ap Rhys".into()],
    })?;
    p.add_note("PT4", &NoteInput {
        kind: NoteKind::Consultation,
        date: day(-110),
        text: "Before moving the course to Thursdays I asked the Family Learning team whether it would clash with their school sessions or the crèche workers’ hours. They asked us to start at 9.30 so the crèche workers could come from the school run; we did.".into(),
        participants: vec!["Gwenllian Morgan".into(), "Family Learning team".into()],
    })?;
    p.add_note("PT2", &NoteInput {
        kind: NoteKind::Feedback,
        date: day(-60),
        text: "Asked the parents’ group what they thought of the Saturday taster sessions, with Agnieszka interpreting. They liked learning on their own phones and asked for a session on school apps; we added one.".into(),
        participants: vec!["Agnieszka Wiśniewska".into(), "Parents’ group".into()],
    })?;
    p.add_note("PT5", &NoteInput {
        kind: NoteKind::Decision,
        date: day(-30),
        text: "The fund agreed to carry unspent crèche money into next year, on condition that we report termly instead of yearly.".into(),
        participants: vec!["Rhian Evans".into(), "Gwenllian Morgan".into()],
    })?;

    p.add_agreement("PT1", &AgreementInput {
        aims: "Bring digital skills courses into the library so that adults who are offline can learn somewhere familiar and keep practising afterwards.".into(),
        arrangements: "The library lends the community room on Tuesday mornings and promotes the course; Canolfan Dysgu Conwy provides the tutor, the laptops and the crèche.".into(),
        measures: "40 learners a year; 70% complete the course; half join the library.".into(),
        monitoring: "Attendance shared monthly; an end-of-course survey; a review meeting each term.".into(),
        agreed_on: day(-220),
        review_by: day(-40),
    })?;
    p.revise_agreement("AG1", &AgreementRevisionInput {
        what_changed: "The course moved to Thursday mornings, starting at 9.30, and the library’s shared calendar became the one record of room bookings.".into(),
        why: "Two double bookings in a month, and the Family Learning team’s crèche workers could not come on Tuesdays.".into(),
        revised_on: Some(day(-100)),
        arrangements: Some("The library lends the community room on Thursday mornings from 9.30 and keeps the one shared calendar of bookings; Canolfan Dysgu Conwy provides the tutor, the laptops and the crèche.".into()),
        review_by: Some(day(80)),
        ..AgreementRevisionInput::default()
    })?;
    p.add_agreement("PT5", &AgreementInput {
        aims: "Help 120 people in Conwy who are offline to get online safely over two years.".into(),
        arrangements: "The fund pays for the tutor’s time, the crèche and twelve laptops; Canolfan Dysgu Conwy runs the courses and reports.".into(),
        measures: "120 learners; 80% able to do three things online they could not do before.".into(),
        monitoring: "A yearly report with attendance, the survey results and two case studies.".into(),
        agreed_on: day(-230),
        review_by: day(-12),
    })?;
    p.add_agreement("PT2", &AgreementInput {
        aims: "Offer parents in the Saturday school English and digital skills while their children are in class.".into(),
        arrangements: "The school lends its hall on Saturday mornings and invites parents; we provide the tutor and laptops; a parent interprets when needed.".into(),
        measures: "12 parents a term; the parents’ own goals reviewed at the end of each term.".into(),
        monitoring: "A short feedback round in Polish and English at the last session of each term.".into(),
        agreed_on: day(-150),
        review_by: day(150),
    })?;

    // The library partnership checked twice by Catrin and Dafydd: they see
    // roles and responsibilities differently the first time.
    let answers = |rows: &[(&str, &[Option<u8>])], comments: &[(&str, &str)]| -> Vec<AnswerInput> {
        let mut out = Vec::new();
        for (element, scores) in rows {
            for (k, score) in scores.iter().enumerate() {
                let id = format!("{element}.{}", k + 1);
                let comment = comments
                    .iter()
                    .find(|(c, _)| *c == id)
                    .map(|(_, t)| t.to_string());
                out.push(AnswerInput {
                    statement_id: id,
                    score: *score,
                    comment: comment.unwrap_or_default(),
                });
            }
        }
        out
    };
    let catrin = demo_profile(today).full_name;
    let dafydd = "Dafydd ap Rhys";
    let s = |v: &[u8]| -> Vec<Option<u8>> { v.iter().map(|&x| Some(x)).collect() };
    let checks: [(i64, &str, Vec<AnswerInput>); 4] = [
        (
            -190,
            &catrin,
            answers(
                &[
                    ("goals", &s(&[4, 4, 3, 4])),
                    ("vision", &s(&[4, 4, 4, 5])),
                    ("communication", &s(&[3, 3, 4, 3, 3])),
                    ("resources", &s(&[4, 4, 3, 4])),
                    ("roles", &s(&[4, 4, 5, 4])),
                    ("evaluation", &[Some(3), Some(3), None, Some(3)]),
                    ("trust", &s(&[4, 4, 5, 3])),
                    ("difficulties", &s(&[3, 3, 4, 3])),
                ],
                &[("evaluation.3", "We have not asked learners yet.")],
            ),
        ),
        (
            -190,
            dafydd,
            answers(
                &[
                    ("goals", &s(&[4, 3, 4, 4])),
                    ("vision", &s(&[5, 4, 4, 5])),
                    ("communication", &s(&[3, 2, 3, 3, 4])),
                    ("resources", &s(&[3, 4, 3, 3])),
                    ("roles", &s(&[2, 2, 2, 3])),
                    ("evaluation", &s(&[2, 3, 2, 2])),
                    ("trust", &s(&[4, 5, 4, 3])),
                    ("difficulties", &s(&[3, 2, 3, 3])),
                ],
                &[(
                    "roles.2",
                    "It is not clear who on the centre’s side can agree a change to the timetable.",
                )],
            ),
        ),
        (
            -40,
            &catrin,
            answers(
                &[
                    ("goals", &s(&[5, 4, 4, 4])),
                    ("vision", &s(&[4, 5, 4, 5])),
                    ("communication", &s(&[4, 4, 4, 3, 4])),
                    ("resources", &s(&[4, 4, 4, 4])),
                    ("roles", &s(&[4, 4, 4, 4])),
                    ("evaluation", &s(&[4, 4, 3, 4])),
                    ("trust", &s(&[5, 4, 5, 4])),
                    ("difficulties", &s(&[4, 3, 4, 3])),
                ],
                &[],
            ),
        ),
        (
            -40,
            dafydd,
            answers(
                &[
                    ("goals", &s(&[4, 4, 4, 5])),
                    ("vision", &s(&[5, 4, 5, 5])),
                    ("communication", &s(&[4, 3, 4, 4, 4])),
                    ("resources", &s(&[4, 4, 3, 4])),
                    ("roles", &s(&[4, 3, 4, 4])),
                    ("evaluation", &s(&[3, 4, 3, 3])),
                    ("trust", &[Some(5), Some(5), Some(4), None]),
                    ("difficulties", &s(&[3, 3, 4, 3])),
                ],
                &[(
                    "trust.4",
                    "Too early to say: the new library assistant started last month.",
                )],
            ),
        ),
    ];
    for (k, (at, who, answers)) in checks.into_iter().enumerate() {
        p.record_health_check(
            "PT1",
            &HealthCheckResponseInput {
                respondent: who.to_string(),
                date: Some(day(at)),
                answers,
            },
        )?;
        if k == 1 {
            let action = |action: &str, element: &str, owner: &str, due: i64| ActionInput {
                action: action.into(),
                element: element.into(),
                owner: owner.into(),
                due: day(due),
                health_check: Some("HC1".into()),
            };
            p.add_action("PT1", &action("Write down who books rooms, who can change the timetable and who speaks to the press for each side.", "roles", dafydd, -160))?;
            p.set_action_done("AC1", true, Some(&day(-165)))?;
            p.add_action(
                "PT1",
                &action(
                    "Send the attendance figures to the library on the first Monday of each month.",
                    "evaluation",
                    &catrin,
                    -100,
                ),
            )?;
            p.set_action_done("AC2", true, Some(&day(-95)))?;
        }
    }
    let action = |action: &str, element: &str, owner: &str, due: i64| ActionInput {
        action: action.into(),
        element: element.into(),
        owner: owner.into(),
        due: day(due),
        health_check: Some("HC2".into()),
    };
    p.add_action("PT1", &action("Introduce the new library assistant to the learners’ group and to the Family Learning team.", "trust", dafydd, -5))?;
    p.add_action("PT1", &action("Ask learners at the end of each course what the library could do differently, and share the answers at the termly review.", "evaluation", &catrin, 30))?;
    Ok(())
}

/// Every method appears in every run of eight records.
fn method_for(i: usize) -> EvidenceMethod {
    const ORDER: [EvidenceMethod; 8] = [
        EvidenceMethod::Observation,
        EvidenceMethod::WitnessTestimony,
        EvidenceMethod::Product,
        EvidenceMethod::ReflectiveAccount,
        EvidenceMethod::Product,
        EvidenceMethod::ProfessionalDiscussion,
        EvidenceMethod::QuestionsAndAnswers,
        EvidenceMethod::PriorLearning,
    ];
    if i % 24 == 23 {
        return EvidenceMethod::Other;
    }
    ORDER[i % ORDER.len()]
}

/// Activity dates spread over the seven months before the last fortnight.
fn activity_date(i: usize, n: usize, today: Date) -> String {
    let start = days(today, -14 - 210);
    days(start, (i * 210 / n.max(1)) as i64).to_string()
}

/// An account of about 300 words: the item's own opening, then context,
/// reflection and next steps drawn from the banks.
fn account(rng: &mut Rng, item: usize) -> String {
    let (opening, _) = ITEMS[item % ITEMS.len()];
    let mut paragraphs: Vec<String> = Vec::new();
    let mut count = opening.split_whitespace().count();
    let context = rng.distinct(CONTEXT.len(), 6);
    let reflection = rng.distinct(REFLECTION.len(), 3);
    let mut first = vec![opening.to_string()];
    let mut used = 0;
    for &c in context.iter().take(2) {
        first.push(CONTEXT[c].to_string());
        count += CONTEXT[c].split_whitespace().count();
        used += 1;
    }
    paragraphs.push(first.join(" "));
    let mut second = Vec::new();
    for &c in &context[used..] {
        if count >= 200 {
            break;
        }
        second.push(CONTEXT[c].to_string());
        count += CONTEXT[c].split_whitespace().count();
    }
    if !second.is_empty() {
        paragraphs.push(second.join(" "));
    }
    let mut third = Vec::new();
    for &r in &reflection {
        if count >= 275 && !third.is_empty() {
            break;
        }
        third.push(REFLECTION[r].to_string());
        count += REFLECTION[r].split_whitespace().count();
    }
    paragraphs.push(third.join(" "));
    paragraphs.push(format!("Next step: {}", rng.pick(&NEXT_STEPS)));
    paragraphs.join("\n\n")
}

fn mapping_note(rng: &mut Rng, item: usize, method: EvidenceMethod) -> String {
    let (_, how) = ITEMS[item % ITEMS.len()];
    let lead = match method {
        EvidenceMethod::Observation => "My assessor saw",
        EvidenceMethod::WitnessTestimony => "The witness describes",
        EvidenceMethod::Product => "The document shows",
        EvidenceMethod::ProfessionalDiscussion => "In the discussion I explained",
        EvidenceMethod::ReflectiveAccount => "I reflect on",
        EvidenceMethod::QuestionsAndAnswers => "My answers cover",
        EvidenceMethod::PriorLearning => "My earlier certificate covers",
        EvidenceMethod::Other => "This shows",
    };
    let tail = [
        "",
        " (see the second page)",
        "; the dates are on the first page",
        " – ask me for the original if needed",
    ];
    format!("{lead} {how}{}.", rng.pick(&tail))
}

fn evidence_text(rng: &mut Rng, i: usize, method: EvidenceMethod) -> (String, String) {
    let place = rng.pick(&PLACES);
    let month = [
        "September",
        "October",
        "November",
        "December",
        "January",
        "February",
        "March",
        "April",
    ][(i * 8 / 64).min(7)];
    let title = match method {
        EvidenceMethod::Observation => format!("Observation: {} at {place}", rng.pick(&OBSERVED)),
        EvidenceMethod::WitnessTestimony => {
            let w = &WITNESSES[(i / 8) % WITNESSES.len()];
            format!("Witness testimony from {} ({})", w.name, w.organisation)
        }
        EvidenceMethod::Product if i == 4 => "Safeguarding referral (confidential)".to_string(),
        EvidenceMethod::Product => format!("{} – {month}", rng.pick(&PRODUCTS)),
        EvidenceMethod::ReflectiveAccount => {
            format!("Reflective account: {}", rng.pick(&REFLECTIONS))
        }
        EvidenceMethod::ProfessionalDiscussion => {
            format!(
                "Professional discussion with my assessor: {}",
                rng.pick(&DISCUSSIONS)
            )
        }
        EvidenceMethod::QuestionsAndAnswers => {
            format!("Written questions and answers: {}", rng.pick(&QUESTIONS))
        }
        EvidenceMethod::PriorLearning => format!("Prior learning: {}", rng.pick(&PRIOR)),
        EvidenceMethod::Other => format!("Partner newsletter article about {place}"),
    };
    let picks = rng.distinct(CONTEXT.len(), 3);
    let mut description = format!(
        "{} This took place at {place} and involved colleagues from {}.",
        rng.pick(&EVIDENCE_OPENINGS),
        rng.pick(&ORGANISATIONS)
    );
    description.push(' ');
    description.push_str(CONTEXT[picks[0]]);
    description.push_str("\n\n");
    description.push_str(CONTEXT[picks[1]]);
    description.push(' ');
    let reflection = REFLECTION[rng.below(REFLECTION.len())];
    description.push_str(reflection);
    (title, description)
}

/// Small non-image files for some records: minutes (text), an attendance
/// list (CSV) and a one-page agreement (a minimal PDF).
fn other_files_for(number: usize, title: &str, rng: &mut Rng) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    if number % 3 == 1 {
        let text = format!(
            "Cofnodion cyfarfod / Meeting notes – E{number}\n{title}\n\nPresent: Dafydd ap Rhys (Conwy Library Service), Agnieszka Wiśniewska (Polish Saturday School), Eilidh MacLeòid (Menter Iaith Conwy), Catrin Llŷr-Wiśniewska (notes).\n\n1. Shared aims for the term agreed.\n2. Room hire: £18 an hour; the partner college in Cork quoted €20.\n3. “Keep it simple” – monthly update by email.\n\nActions: {}\n",
            rng.pick(&NEXT_STEPS)
        );
        files.push((
            format!("Cofnodion cyfarfod – E{number}.txt"),
            text.into_bytes(),
        ));
    }
    if number % 5 == 2 {
        let mut csv = String::from("session,date,learners,partner,notes\n");
        for s in 1..=8 {
            csv.push_str(&format!(
                "{s},2026-{:02}-{:02},{},{},\"{}\"\n",
                9 + s % 4,
                1 + (s * 3 + number) % 27,
                6 + (s + number) % 9,
                ["Library", "Jobcentre", "Menter Iaith", "Polish School"][s % 4],
                ["good", "room cold", "new learner", "crèche full"][(s + number) % 4]
            ));
        }
        files.push((format!("Lista obecności E{number}.csv"), csv.into_bytes()));
    }
    if number % 7 == 3 {
        files.push((
            format!("Partnership agreement E{number} (signed).pdf"),
            tiny_pdf(&format!("Partnership agreement E{number}")),
        ));
    }
    files
}

/// A minimal, valid one-page PDF with a line of text.
fn tiny_pdf(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 14 Tf 72 760 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (k, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", k + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// What the demo's first photo shows, in its learner's words.
pub const DEMO_PHOTO_DESCRIPTION: &str =
    "Partners from the council and two community groups round the tables outside the centre, agreeing our shared aims";

/// A photo-like JPEG drawn from the seed: sky, hills, a building, tables and
/// people, with a little grain so it compresses like a real photo.
pub fn photo_jpeg(seed: u64, index: u64, width: u32, height: u32) -> Result<Vec<u8>> {
    let mut rng = Rng::new(seed, 90_000 + index);
    let (w, h) = (width.max(16), height.max(16));
    let horizon = h as f32 * (0.45 + (rng.below(20) as f32) / 100.0);
    let sky_top = [
        70 + rng.below(40) as i32,
        120 + rng.below(50) as i32,
        190 + rng.below(50) as i32,
    ];
    let ground = [
        60 + rng.below(50) as i32,
        110 + rng.below(40) as i32,
        50 + rng.below(30) as i32,
    ];
    let wall = [
        150 + rng.below(80) as i32,
        120 + rng.below(60) as i32,
        90 + rng.below(60) as i32,
    ];
    let (bx0, bx1) = (
        w as f32 * 0.15,
        w as f32 * (0.5 + rng.below(30) as f32 / 100.0),
    );
    let by0 = horizon - h as f32 * 0.25;
    let people: Vec<(f32, f32, f32, [i32; 3])> = (0..6 + rng.below(6))
        .map(|_| {
            let x = rng.below(w as usize) as f32;
            let y = horizon + rng.below((h as f32 - horizon) as usize / 2 + 1) as f32;
            let r = h as f32 * (0.03 + rng.below(30) as f32 / 1000.0);
            let c = [
                rng.below(255) as i32,
                rng.below(255) as i32,
                rng.below(255) as i32,
            ];
            (x, y, r, c)
        })
        .collect();
    let phase = rng.below(1000) as f32 / 100.0;
    let mut img = image::RgbImage::new(w, h);
    let mut grain = rng.next() | 1;
    let texture_key = rng.next();
    for (y, row) in img.rows_mut().enumerate() {
        let yf = y as f32;
        for (x, px) in row.enumerate() {
            let xf = x as f32;
            let hill = horizon + (xf / w as f32 * 6.0 + phase).sin() * h as f32 * 0.04;
            let mut c = if yf < hill {
                let t = yf / hill;
                [
                    sky_top[0] + ((255 - sky_top[0]) as f32 * t * 0.7) as i32,
                    sky_top[1] + ((255 - sky_top[1]) as f32 * t * 0.6) as i32,
                    sky_top[2] + ((255 - sky_top[2]) as f32 * t * 0.3) as i32,
                ]
            } else {
                let t = (yf - hill) / (h as f32 - hill).max(1.0);
                [
                    ground[0] - (t * 30.0) as i32,
                    ground[1] - (t * 40.0) as i32,
                    ground[2] - (t * 20.0) as i32,
                ]
            };
            if xf > bx0 && xf < bx1 && yf > by0 && yf < horizon + h as f32 * 0.05 {
                c = wall;
                let wx = ((xf - bx0) / (w as f32 * 0.05)) as i32;
                let wy = ((yf - by0) / (h as f32 * 0.06)) as i32;
                if wx % 2 == 1 && wy % 2 == 1 {
                    c = [40, 50, 70];
                }
            }
            for &(px0, py0, r, pc) in &people {
                let (dx, dy) = (xf - px0, yf - py0);
                if dx * dx + dy * dy < r * r {
                    c = [230, 190, 160];
                } else if dx.abs() < r * 1.1 && dy > r && dy < r * 4.0 {
                    c = pc;
                }
            }
            // Texture in 5-pixel cells (foliage, brickwork, carpet), stronger
            // on the ground than in the sky, plus a fine xorshift grain: the
            // photo then compresses about as a real one does.
            let amplitude = if yf < hill { 5 } else { 22 };
            let texture = cell_noise(x as u32 / 5, y as u32 / 5, texture_key, amplitude);
            grain ^= grain << 13;
            grain ^= grain >> 7;
            grain ^= grain << 17;
            let g = (grain % 13) as i32 - 6 + texture;
            *px = image::Rgb([
                (c[0] + g).clamp(0, 255) as u8,
                (c[1] + g).clamp(0, 255) as u8,
                (c[2] + g).clamp(0, 255) as u8,
            ]);
        }
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88)
        .encode_image(&img)
        .map_err(|e| Error::internal(format!("Could not make a demo photo: {e}")))?;
    Ok(out)
}

/// A value in `-amplitude..=amplitude` for a texture cell.
fn cell_noise(cx: u32, cy: u32, key: u64, amplitude: i32) -> i32 {
    let mut z = key ^ (u64::from(cx) << 32 | u64::from(cy));
    z = (z ^ (z >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    z = (z ^ (z >> 33)).wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    z ^= z >> 33;
    (z % (2 * amplitude as u64 + 1)) as i32 - amplitude
}

const MET_FEEDBACK: [&str; 8] = [
    "Met. Your account and the evidence together show this clearly; the witness testimony is specific about what you did.",
    "Met – well evidenced. The minutes show you doing this, not just describing it.",
    "Met. A thoughtful reflection; I particularly liked how you linked it to the learners’ feedback.",
    "Met. Sufficient and current evidence; your account explains the context well.",
    "Met. The observation confirmed this; see my notes on the observation record.",
    "Met. Good use of the partnership agreement as evidence. Diolch.",
    "Met. Clear, honest and well reflected – you show what you would do differently next time.",
    "Met. The professional discussion covered this fully.",
];

const NOT_YET_FEEDBACK: [&str; 3] = [
    "Not yet met. Your account describes what the partnership did, but not what you did yourself. Please add evidence of your own part – a witness testimony or the notes of a meeting you led would do.\n\nHappy to talk this through on Thursday.",
    "Not yet met. The evidence mapped here is about a different part of the standard. Please add something that shows this directly, and say in your account how it does.",
    "Not yet met. This is nearly there: say more about how you reviewed it with the partners and what changed as a result.",
];

const RESUBMITTED_FEEDBACK: &str =
    "Met. The new evidence and your added reflection answer my earlier feedback fully – well done.";

const OVERALL_FEEDBACK: [&str; 2] = [
    "A strong first submission, Catrin: your accounts are reflective and the evidence is varied and current. Three items are not yet met – see my feedback on each. Once you have added to those, resubmit and I will look at them again.",
    "All items are now met. The portfolio shows sustained, thoughtful partnership working across a wide range of organisations, and the learners’ voice comes through clearly. I am signing it off for internal quality assurance.\n\nMàiri",
];

struct DemoWitness {
    name: &'static str,
    job_role: &'static str,
    organisation: &'static str,
    relationship: &'static str,
    contact: &'static str,
    competence: &'static str,
}

impl DemoWitness {
    fn input(&self) -> WitnessInput {
        WitnessInput {
            name: self.name.into(),
            job_role: self.job_role.into(),
            organisation: self.organisation.into(),
            relationship: self.relationship.into(),
            contact: self.contact.into(),
            competence: self.competence.into(),
        }
    }
}

const WITNESSES: [DemoWitness; 6] = [
    DemoWitness {
        name: "Gwenllian Morgan",
        job_role: "Community Learning Manager",
        organisation: "Canolfan Dysgu Conwy",
        relationship: "Line manager",
        contact: "gwenllian.morgan@example.org.uk\n01492 575 000 (ext. 214)",
        competence: "I have managed community learning in Conwy for eleven years and hold the TAQA assessor award. I see Catrin’s partnership work every week and chair the partnership board she reports to.",
    },
    DemoWitness {
        name: "Dafydd ap Rhys",
        job_role: "Library Service Development Officer",
        organisation: "Conwy Library Service",
        relationship: "Partner (joint digital inclusion project)",
        contact: "dafydd.aprhys@example.gov.uk\nLlyfrgell Llandudno, Mostyn Street, Llandudno LL30 2RP",
        competence: "I have co-ordinated the library’s digital inclusion partnerships since 2019 and have worked alongside Catrin on the project since its first meeting.",
    },
    DemoWitness {
        name: "Agnieszka Wiśniewska",
        job_role: "Co-ordinator",
        organisation: "Polska Szkoła Sobotnia (Polish Saturday School) Llandudno",
        relationship: "Community partner",
        contact: "agnieszka@example.pl\n07700 900 123",
        competence: "I have run the Saturday school and its family learning sessions for eight years and work with several adult learning providers in north Wales.",
    },
    DemoWitness {
        name: "Eilidh MacLeòid",
        job_role: "Gaelic Development Officer",
        organisation: "Comann nan Gàidheal Chonwy (Gaelic society)",
        relationship: "Partner on the ‘Languages of home’ project",
        contact: "eilidh.macleoid@example.scot",
        competence: "I am a qualified CLD practitioner (registered with the CLD Standards Council) and have led language partnership projects in Scotland and Wales.",
    },
    DemoWitness {
        name: "Łukasz Zieliński",
        job_role: "Work Coach",
        organisation: "Jobcentre Plus, Colwyn Bay",
        relationship: "Referral partner",
        contact: "lukasz.zielinski@example.gov.uk\n0800 000 0000",
        competence: "I refer customers to community learning every week and have attended Catrin’s partnership meetings since October.",
    },
    DemoWitness {
        name: "Siobhán Ní Bhriain",
        job_role: "Volunteer Co-ordinator",
        organisation: "Citizens Advice Conwy",
        relationship: "Colleague on the advice-and-learning drop-in",
        contact: "siobhan.nibhriain@example.org.uk",
        competence: "I train and supervise advice volunteers and have co-delivered the drop-in sessions with Catrin for two terms.",
    },
];

const PLACES: [&str; 8] = [
    "Llandudno Library",
    "the Colwyn Bay Jobcentre",
    "Canolfan Dysgu Conwy",
    "the Polish Saturday School hall",
    "Capel Seion community room",
    "Abergele Youth and Community Centre",
    "the Citizens Advice drop-in",
    "Ysgol y Graig family room",
];

const ORGANISATIONS: [&str; 7] = [
    "Conwy Library Service and Menter Iaith Conwy",
    "Jobcentre Plus and Citizens Advice Conwy",
    "the Polish Saturday School and the health visiting team",
    "Coleg Llandrillo and the council’s community development team",
    "Age Cymru and two volunteer groups",
    "Menter Iaith Conwy and the Gaelic society",
    "the housing association and the food bank",
];

const OBSERVED: [&str; 6] = [
    "partnership planning meeting",
    "joint enrolment session",
    "review meeting with the library team",
    "induction of new volunteer tutors",
    "family learning taster day",
    "steering group chaired by me",
];

const PRODUCTS: [&str; 8] = [
    "Minutes of the learning partnership meeting",
    "Partnership agreement with Conwy Library Service",
    "Shared referral protocol (draft and final)",
    "Email exchange about room bookings and the crèche",
    "Evaluation report for the digital inclusion project",
    "Stakeholder map for the east Conwy area",
    "Information-sharing agreement and privacy notice",
    "Action plan from the partners’ review day",
];

const REFLECTIONS: [&str; 6] = [
    "when a partner pulled out of the project",
    "learning from a disagreement about targets",
    "building trust with the Polish community",
    "my first term chairing the partnership",
    "what the learners’ feedback told us",
    "working without authority over partners",
];

const DISCUSSIONS: [&str; 5] = [
    "information sharing and consent",
    "safeguarding and the limits of my role",
    "power and politics in the partnership",
    "how I consult before key decisions",
    "delegating tasks in the network",
];

const QUESTIONS: [&str; 4] = [
    "protocols for inter-agency working",
    "types of stakeholder",
    "legislation and codes of practice",
    "monitoring the effectiveness of partnerships",
];

const PRIOR: [&str; 3] = [
    "Safeguarding Adults level 2 certificate (2025)",
    "Data protection (UK GDPR) training record",
    "Partnership working module, Coleg Llandrillo",
];

const EVIDENCE_OPENINGS: [&str; 6] = [
    "This piece of evidence comes from the second term of the digital inclusion project.",
    "I have included this because it shows the partnership at a difficult moment.",
    "This records a routine but important part of how the partners work together.",
    "My assessor suggested I include this to show how agreements are kept up to date.",
    "This was the first time the full partnership met in one room.",
    "I chose this because it shows how the learners’ voice reaches the partners.",
];

/// Per item: the opening of its account, and how evidence typically shows it
/// (for mapping notes).
const ITEMS: [(&str, &str); 42] = [
    ("When I took over the digital inclusion project in September, I knew only two of the eleven people on the partner list, so my first task was to meet each of them, in their own setting where I could.", "me setting up the first contact with a new partner and agreeing how we would keep in touch"),
    ("Working with the library team taught me to look at the project through their eyes: their job descriptions, their targets and the pressures of running a service with fewer staff every year.", "how I checked what each colleague was responsible for before asking them to take on a task"),
    ("Early on I wasted time talking to people who were keen but could not commit their organisation, so I learnt to ask, politely but directly, who could actually agree to joint work.", "me identifying the person who could commit their organisation and working with them directly"),
    ("At our second meeting the partners agreed three shared aims, how often we would meet, what we would count and how we would know whether the project was working.", "the shared aims, measures and monitoring arrangements agreed by all partners"),
    ("Partners use very different tools: the council works by email and Teams, the Polish Saturday School by WhatsApp, and two of our volunteers prefer a phone call, so I plan each message around the person receiving it.", "me choosing the right channel for each partner and checking the message had been understood"),
    ("Before I pass on any information I check what our procedures allow, who has asked for it and why, and whether the person it is about has agreed.", "me following our procedure before providing information to a partner"),
    ("When the library proposed moving our sessions to Saturday mornings, I did not decide on the spot; I asked the learners, the crèche volunteers and the Saturday School first.", "how I consulted partners and learners before a key decision"),
    ("Our partnership agreement was written for a pilot; when the project grew, I led its review so that it described what we actually do rather than what we had hoped to do.", "me keeping to what we had agreed and revising the agreement when circumstances changed"),
    ("Each term I ask every partner two questions – what is working, and what should change – and I give them honest feedback in return, including about my own organisation.", "me seeking and giving feedback to review how well the partnership is working"),
    ("During a planning meeting a partner described one group of learners as “not the type to turn up”; I challenged the remark calmly and we talked about what the evidence actually showed.", "me challenging a stereotype in a way that kept the working relationship intact"),
    ("Inclusion in our project is practical: bilingual materials in Welsh and English, Polish-speaking volunteers, a crèche, step-free rooms and sessions at times that suit shift workers.", "the practical steps I took to make the provision inclusive and accessible"),
    ("I keep learners’ personal information only where our policy says it may be kept, share it only under the information-sharing agreement, and never discuss individuals on group chats.", "me keeping individual information confidential and secure in line with the law and our policies"),
    ("As a practitioner I am not the safeguarding lead, but I must know the signs, the local procedure and exactly what I am accountable for when a young person or vulnerable adult discloses something.", "my understanding of the safeguarding procedure and my own accountability within it"),
    ("The partnership works within UK GDPR, the Equality Act 2010, our code of conduct and each partner’s own policies, and I check new arrangements against them before we start.", "me working within the law, codes of practice and the policies of the partners"),
    ("The values of community learning and development – self-determination, inclusion, empowerment, working collaboratively and promoting learning as a lifelong activity – are the test I apply to my own decisions.", "how my practice reflects the values and principles of community learning and development"),
    ("Good working relationships matter because they outlast projects: when our funding ended, the trust we had built meant the library kept the sessions going on its own budget.", "my understanding of what productive working relationships bring to learners and organisations"),
    ("Joint working is strongest when partners plan together from the start, keep their distinct roles, share resources openly and review the work together, rather than handing tasks over the fence.", "my understanding of the principles and methods of joint working"),
    ("Without a protocol, every referral depended on who happened to be in the office; the protocol we wrote covers purpose, roles, referral routes, consent, information sharing, complaints and review.", "why protocols matter and what ours covers"),
    ("I mapped our stakeholders by their interest in the project and their influence over it, with a short note of each one’s background and what they expected from us.", "how I identified stakeholders, their interests and their expectations"),
    ("I keep an up-to-date list of what other services offer – from the library’s free computer access to the Jobcentre’s work clubs – and how learners can reach them.", "my knowledge of other services and how they fit with our own provision"),
    ("For every partner I know who can give information and who can take action, and I know that the strategic contact is often not the person to ring about a room booking.", "my knowledge of who to contact in each agency for strategic and operational issues"),
    ("Partners see risk differently: the council worries about reputation, the Saturday School about families’ trust, and our volunteers about being left alone with a difficult situation.", "my understanding of partners’ different roles, concerns and attitudes to risk"),
    ("Before the outreach sessions started I wrote a short risk assessment with the partners, covering lone working, data, safeguarding, reputation and what would happen if a partner withdrew.", "how I assessed the risks of joint working and agreed ways to reduce them"),
    ("Our stakeholders include learners and their families, funders, partner organisations, the council’s elected members and the wider community, and each has a legitimate ‘stake’ in what we do.", "my understanding of the types of stakeholder and the idea behind the ‘stakeholder’ concept"),
    ("I keep a log of every agreement we have with partners – room hire, referrals, information sharing, publicity – together with what each partner needs to hear from us and when.", "my knowledge of existing agreements and each partner’s information needs"),
    ("When the council consulted on closing two branch libraries, I made sure the partnership understood what it might mean for our learners before anyone took a public position.", "how I keep track of wider developments and political issues that affect partners"),
    ("The Saturday School is run by volunteers who value informality and family; the council values procedure and evidence. Respecting both cultures has been central to keeping them at the table.", "why I take the culture and values of other organisations into account"),
    ("I have learnt where decisions in my own organisation are really made, whose support counts, and how to bring an idea to the management team so that it is heard.", "my understanding of power, influence and politics in my own organisation"),
    ("Our code of conduct sets out what is expected of staff – punctuality, professional boundaries, respect and confidentiality – and I hold myself to it with partners as much as with learners.", "my knowledge of the standards of behaviour and performance expected of me"),
    ("Effective communication, for me, means knowing the purpose of a message, the person receiving it and the best channel, then listening and checking that it has landed.", "the principles and tools of effective communication and how I apply them"),
    ("I have no authority over any of the partners, so everything depends on trust: doing what I say I will do, being open about problems and giving credit generously.", "how I create trust and respect where I have no authority over partners"),
    ("When the crèche fell through the week before term, I told the partners at once; because they heard it early and from me, they helped to solve it rather than losing confidence.", "why I communicate promptly about problems that affect our agreements"),
    ("When the library team were short-staffed, I tried to understand the pressure they were under before asking for anything, and offered practical help to move things on.", "how I understand difficult situations from colleagues’ perspectives and support them"),
    ("Conflicts of interest are easy to miss: two partners competing for the same funding, or a volunteer who is also a learner. Unmanaged, they damage learners and trust.", "how I identify disagreements and conflicts of interest and the techniques I use to manage them"),
    ("Each partner needs different information from us: the funder wants outcomes, the library wants numbers through the door, and the Saturday School wants to know what the families think.", "how I identify and meet partners’ information needs"),
    ("Deciding what to share is not just about what partners want: I weigh consent, the purpose, the information-sharing agreement, data protection law and when a disclosure must be reported.", "my understanding of what information it is appropriate to share and the factors involved"),
    ("I consult in proportion to the decision: a quick email for small changes, a meeting for anything that changes what partners do, and learners’ views for anything that affects them.", "how I consult colleagues and stakeholders about key decisions"),
    ("I ask for feedback in ways that make it easy to be honest, act on it visibly and explain when I cannot, and I give partners feedback that is specific and fair.", "how I give, get and use feedback to improve performance"),
    ("The partnership has three ways of checking how well it works: the termly review, the shared performance measures and the learners’ feedback collected by the library.", "my knowledge of the mechanisms for monitoring and reviewing working relationships"),
    ("As the network grew I could not do everything myself, so I delegated the volunteer rota to Siobhán and the Polish-language publicity to Agnieszka, with a small budget for each.", "how I delegate responsibilities and allocate resources in the network"),
    ("I keep a short list of the legislation, codes of practice and policies that apply to our partnership and check it each year with our organisation’s policy lead.", "my knowledge of the legal and organisational requirements for partnership working"),
    ("Some of the questions partners bring me are outside my expertise – benefits advice, immigration status, mental health – and knowing where my role ends is part of doing it well.", "my understanding of the limits of my own expertise and when to refer on"),
];

const CONTEXT: [&str; 24] = [
    "The digital inclusion project brings together the library service, the Jobcentre, Menter Iaith Conwy and the Polish Saturday School to help adults get online, and I co-ordinate it for Canolfan Dysgu Conwy.",
    "Dafydd ap Rhys, who leads on digital inclusion for the library, told me early on that partners “had been consulted to death” by previous projects, which made me think hard about asking only for what we would use.",
    "We agreed to meet every six weeks, to keep the notes to one page and to share them within three working days, which the partners have said makes the meetings worth their time.",
    "Agnieszka Wiśniewska from the Saturday School helped me to understand that many Polish families prefer to hear about courses from someone they already know, so we now run taster sessions at the school itself.",
    "The room at the library costs £18 an hour; a partner college quoted €20 an hour through its sister college in Cork, and when we compared the real costs, including learners’ travel, we stayed with the library.",
    "Eilidh MacLeòid joined us from the Gaelic society for the ‘Languages of home’ strand, and her experience of bilingual provision in Uibhist made our Welsh–English materials much better.",
    "Łukasz Zieliński at the Jobcentre refers around six people a month; we agreed a simple referral form so that learners do not have to tell their story twice.",
    "Attendance across the autumn term averaged 82%, and 31 of the 38 learners who started completed their individual goals, which we reported to all the partners in the same format.",
    "Gwenllian Morgan, my line manager, encouraged me to keep a reflective log after each partnership meeting, and reading it back has helped me to see patterns I would otherwise have missed.",
    "One learner, Wojciech, now volunteers at the Tuesday drop-in; he says he came back because “nobody made me feel stupid for asking”.",
    "The partners signed a short information-sharing agreement in October, after a long discussion about what the Jobcentre could and could not pass on without a learner’s consent.",
    "Siobhán Ní Bhriain from Citizens Advice co-delivers the advice-and-learning drop-in, and we agreed at the outset which questions she would take and which would come to me.",
    "Not everything went well: in November the crèche volunteer left without notice and three parents could not attend for two weeks, which taught me to have a back-up plan for every arrangement a session depends on.",
    "We use a shared spreadsheet for the performance measures – enrolments, completions, progression and learners’ own ratings of confidence – and each partner updates their own lines.",
    "Because the partnership covers both Welsh-speaking and Polish-speaking families, every poster and form is produced in Welsh and English, with a Polish version where the Saturday School asks for one.",
    "At the review day in January the partners agreed that the project should focus on fewer, longer courses rather than many one-off sessions, a change that came from the learners’ feedback.",
    "Rhodri Prys from the council’s community development team reminded us that the councillors would want to see value for money, so we now include a one-page summary of costs in every report.",
    "Małgorzata Kowalczyk from the health visiting team joined our network in February, which gave us a route to parents who would never have walked into a library.",
    "I send a short monthly update by email to every partner, with the same three headings: what happened, what is coming up, and what we need from you.",
    "The steering group now has a rotating chair, which was Agnieszka’s suggestion and has changed the feel of the meetings for the better.",
    "The funding from the Shared Prosperity Fund ends in July, so part of every meeting this term has been about which activities the partners can sustain themselves.",
    "A learner who had moved from Kraków told us that the forms were the hardest part of enrolling, so we now complete them together at the first session instead of beforehand.",
    "I keep all partnership documents in one shared folder with clear version names, so that anyone covering for me can see what has been agreed and when.",
    "When Ruairidh, our longest-serving volunteer, was unwell for a month, the sessions carried on because the tasks and contacts were written down and shared, not held in one person’s head.",
];

const REFLECTION: [&str; 14] = [
    "Looking back, the most important thing I did was to listen before proposing anything; partners were far more willing to commit once they felt their priorities had been heard.",
    "I have learnt that organisations do not trust each other – people do – and that the personal relationships in a partnership need as much care as the formal agreements.",
    "If I did this again I would agree the performance measures before the first session rather than after it, because changing what we counted halfway through caused confusion.",
    "The feedback from partners has been mostly positive, but two said that my emails were too long, so I now put the decision or request in the first line.",
    "I am more confident now in saying “I don’t know, but I will find out”, which partners seem to respect more than a guess.",
    "This experience showed me the value of planning over snap decisions: the time we took to consult meant fewer changes later.",
    "Working through disagreements openly, rather than around them, has made the partnership stronger; the conflict about targets in November is now something we laugh about.",
    "I can see that power in the partnership is not equal – the council holds the money – and I try to make sure the smaller partners’ voices carry the same weight in meetings.",
    "My assessor’s observation helped me notice that I sometimes answer for partners instead of letting them speak, and I have been working on that.",
    "Colleagues in my own organisation are partners too: the admin team’s help with enrolment forms made as much difference as any external agency.",
    "The biggest change in my practice has been moving from telling partners what we offer to asking what they and their communities need.",
    "Evaluation is no longer something I do at the end; we now talk about what is working at every meeting, which means we can change course sooner.",
    "I now understand that sharing resources works both ways: when we lent our laptops to the Saturday School, they offered us their hall for the summer.",
    "Reflecting on this has made me more aware of the limits of my role, and more willing to bring in the right colleague early rather than trying to solve everything myself.",
];

const NEXT_STEPS: [&str; 10] = [
    "agree with the partners how we will evaluate the project after the funding ends, and write it into the revised agreement by June.",
    "shadow Gwenllian at the council’s strategic partnership board to understand how decisions are made at that level.",
    "ask Dafydd and Agnieszka for written feedback on my chairing before the next review day.",
    "complete the level 3 safeguarding course offered by the council in the spring.",
    "write a one-page guide to our referral protocol for new volunteers.",
    "set up a short termly survey for partners, with the results shared at the following meeting.",
    "map the services offered by the two new partners and add them to the shared directory.",
    "review the information-sharing agreement with the data protection officer before it is renewed.",
    "hand over the volunteer rota fully to Siobhán and meet her monthly to review it.",
    "present the learners’ feedback to the council’s community learning committee in May.",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_are_about_three_hundred_words_and_repeatable() {
        for item in [0, 14, 41] {
            let a = account(&mut Rng::new(7, item), item as usize);
            let b = account(&mut Rng::new(7, item), item as usize);
            assert_eq!(a, b);
            let words = a.split_whitespace().count();
            assert!((240..=380).contains(&words), "{words} words:\n{a}");
            assert!(a.contains("\n\n"), "paragraphs expected");
        }
        assert_ne!(
            account(&mut Rng::new(7, 1), 3),
            account(&mut Rng::new(8, 1), 3)
        );
    }

    #[test]
    fn a_demo_is_submitted_twice_judged_and_signed_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.portfolio");
        let options = DemoOptions {
            evidence: 3,
            photos: 0,
            today: Some(jiff::civil::date(2027, 5, 17)),
            ..DemoOptions::default()
        };
        let made = create_demo(&path, &options).unwrap();
        assert_eq!(made.submissions, 2);
        assert_eq!(made.not_yet_met_first.len(), 3);
        let p = Portfolio::open(&path).unwrap();
        assert_eq!(p.role().unwrap(), exchange::Role::Learner);
        let latest = p.judgements(None).unwrap();
        assert_eq!(latest.len(), 42);
        assert!(latest.iter().all(|j| j.outcome == JudgementOutcome::Met));
        let first = p.judgements(Some(1)).unwrap();
        let not_yet: Vec<&str> = first
            .iter()
            .filter(|j| j.outcome == JudgementOutcome::NotYetMet)
            .map(|j| j.item_id.as_str())
            .collect();
        assert_eq!(not_yet, made.not_yet_met_first);
        let sign_off = p.latest_sign_off().unwrap().unwrap();
        assert_eq!(
            (sign_off.version, sign_off.signed_on.as_str()),
            (2, "2027-05-17")
        );
        assert_eq!(p.overall_feedback().unwrap().len(), 2);
        assert!(p.audit_trail().unwrap().len() > 45);
        assert_eq!(
            p.profile().unwrap().start_date.as_deref(),
            Some("2026-09-14")
        );
    }

    #[test]
    fn every_method_appears_in_a_run_of_twenty_four() {
        for &m in EvidenceMethod::ALL {
            assert!((0..24).any(|i| method_for(i) == m), "{m:?}");
        }
    }

    #[test]
    fn photos_are_real_jpegs_of_the_asked_size_and_distinct() {
        let a = photo_jpeg(1, 0, 64, 48).unwrap();
        let b = photo_jpeg(1, 1, 64, 48).unwrap();
        assert_ne!(a, b);
        let img = image::load_from_memory(&a).unwrap();
        assert_eq!((img.width(), img.height()), (64, 48));
        assert_eq!(a, photo_jpeg(1, 0, 64, 48).unwrap());
    }

    #[test]
    fn the_tiny_pdf_is_a_pdf() {
        let pdf = tiny_pdf("Partnership agreement");
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(pdf.ends_with(b"%%EOF\n"));
    }
}
