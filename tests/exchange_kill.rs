//! Killing the program while it writes the file to send never leaves a
//! broken file at the destination: the `submit` command is run as a child
//! process and killed (SIGKILL) at random moments, many times; after each,
//! the destination is either absent, or a complete file that an assessor
//! can open, and the learner's own portfolio is intact.

mod common;

use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, NewEvidence};
use partnership_portfolio::{exchange, Portfolio};
use std::process::Stdio;
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
        common::cli_command()
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
    // How long a whole run takes here and now (the slowest of three: disks
    // and a busy machine vary).
    let full = (0..3)
        .map(|_| {
            let started = Instant::now();
            assert!(run().wait().unwrap().success());
            std::fs::remove_file(&out).unwrap();
            started.elapsed()
        })
        .max()
        .unwrap();

    // Kills at random moments across 0–1.5 runs' time. At least 40 rounds,
    // and on until kills have landed both before and after completion
    // (the spread widens if runs have slowed down since they were timed).
    let mut seed: u64 = 42;
    let mut spread = 1.5;
    let (mut absent, mut complete, mut absent_in_a_row) = (0, 0, 0);
    let mut round = 0;
    while round < 40 || ((absent < 3 || complete < 3) && round < 300) {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = full.mul_f64(((seed >> 33) % 1000) as f64 / 1000.0 * spread);
        let mut child = run();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        if out.exists() {
            complete += 1;
            absent_in_a_row = 0;
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
            absent_in_a_row += 1;
            if absent_in_a_row % 10 == 0 {
                spread *= 1.5;
            }
        }
        let own = Portfolio::open(&learner)
            .unwrap_or_else(|e| panic!("round {round}: learner's file: {}", e.message));
        assert!(own.verify().unwrap().ok(), "round {round}");
        own.close().unwrap();
        round += 1;
    }
    // What a kill leaves is a hidden temporary file (and its journal), never the destination.
    for entry in std::fs::read_dir(out.parent().unwrap()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(name.starts_with(".saving-"), "unexpected file {name}");
    }
    assert!(
        absent >= 3 && complete >= 3,
        "kills should land both before and after completion ({absent}/{complete} in {round} rounds); one run takes {full:?}"
    );
}
