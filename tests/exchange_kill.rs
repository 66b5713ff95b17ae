//! Killing the program while it writes the file to send never leaves a
//! broken file at the destination: the `submit` command is run as a child
//! process and killed (SIGKILL) at random moments, many times; after each,
//! the destination is either absent, or a complete file that an assessor
//! can open, and the learner's own portfolio is intact.

mod common;

use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, NewEvidence};
use partnership_portfolio::{exchange, Portfolio};
use std::process::{Command, Stdio};
use std::time::Instant;

#[test]
fn killing_an_export_at_random_moments_never_leaves_a_broken_file() {
    let dir = common::temp_dir();
    let learner = common::new_portfolio(dir.path(), "learner.portfolio");
    let video = dir.path().join("video.bin");
    let block: Vec<u8> = (0..1u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    let mut data = Vec::new();
    for n in 0..40u8 {
        let mut b = block.clone();
        b[0] = n;
        data.extend_from_slice(&b);
    }
    std::fs::write(&video, &data).unwrap();
    let mut p = Portfolio::open(&learner).unwrap();
    p.add_evidence(NewEvidence {
        input: EvidenceInput {
            title: "Video of the forum".into(),
            method: EvidenceMethod::Observation,
            activity_date: None,
            description: String::new(),
            witness: None,
            confidential: None,
        },
        attach: vec![video],
        mappings: vec![],
    })
    .unwrap();
    p.close().unwrap();

    let out = dir.path().join("sent").join("Siân-CLDAL16.portfolio");
    std::fs::create_dir(out.parent().unwrap()).unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_partnership-portfolio"))
            .args([
                "submit",
                learner.to_str().unwrap(),
                "--declare",
                "Siân",
                "-o",
                out.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let started = Instant::now();
    assert!(run().wait().unwrap().success());
    let full = started.elapsed();
    std::fs::remove_file(&out).unwrap();

    let mut seed: u64 = 42;
    let (mut absent, mut complete) = (0, 0);
    for round in 0..40 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = full.mul_f64(((seed >> 33) % 1000) as f64 / 1000.0 * 1.2);
        let mut child = run();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        if out.exists() {
            complete += 1;
            let scratch = common::temp_dir();
            let copy =
                exchange::open_submission(&out, &scratch.path().join("a.portfolio"), "Assessor")
                    .unwrap_or_else(|e| {
                        panic!(
                            "round {round}: the file at the destination is broken: {}",
                            e.message
                        )
                    });
            assert!(copy.verify().unwrap().ok());
            copy.close().unwrap();
            std::fs::remove_file(&out).unwrap();
        } else {
            absent += 1;
        }
        let own = Portfolio::open(&learner)
            .unwrap_or_else(|e| panic!("round {round}: learner's file: {}", e.message));
        assert!(own.verify().unwrap().ok(), "round {round}");
        own.close().unwrap();
    }
    // What a kill leaves is a hidden temporary file (and its journal), never the destination.
    for entry in std::fs::read_dir(out.parent().unwrap()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(name.starts_with(".saving-"), "unexpected file {name}");
    }
    assert!(absent > 0 && complete > 0, "kills should land both before and after completion ({absent}/{complete}); one run takes {full:?}");
}
