//! A 500 MB attachment goes in and comes back out whole, with memory that
//! stays flat (bytes stream in 1 MiB chunks). In its own test binary so that
//! its process's peak memory is its own.

mod common;

use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, NewEvidence};
use partnership_portfolio::Portfolio;
use sha2::Digest;
use std::io::{Read, Write};

#[test]
fn a_500_mb_file_streams_in_and_out_with_flat_memory() {
    const SIZE: usize = 500 * 1024 * 1024;
    let dir = common::temp_dir();
    let source = dir.path().join("fideo-cyfarfod.mp4");
    let mut expected = sha2::Sha256::new();
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&source).unwrap());
        let mut block: Vec<u8> = (0..1u32 << 20)
            .map(|j| (j.wrapping_mul(7) >> 3) as u8)
            .collect();
        for i in 0..SIZE / block.len() {
            block[..8].copy_from_slice(&(i as u64).to_le_bytes());
            f.write_all(&block).unwrap();
            expected.update(&block);
        }
        f.flush().unwrap();
    }
    let expected: String = expected
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let path = common::new_portfolio(dir.path(), "big.portfolio");
    let before = common::peak_rss_mib();
    let mut p = Portfolio::open(&path).unwrap();
    let (e, _) = p
        .add_evidence(NewEvidence {
            input: EvidenceInput {
                title: "Video of the partnership forum".into(),
                method: EvidenceMethod::Observation,
                activity_date: None,
                description: String::new(),
                witness: None,
                confidential: None,
            },
            attach: vec![source.clone()],
            mappings: vec![],
        })
        .unwrap();
    let a = &e.attachments[0];
    assert_eq!(
        (a.size, a.sha256.as_str()),
        (SIZE as u64, expected.as_str())
    );
    let out = dir.path().join("back-out.mp4");
    assert_eq!(p.save_attachment(a.id, &out).unwrap(), SIZE as u64);
    p.close().unwrap();
    let grew = common::peak_rss_mib().saturating_sub(before);
    assert!(
        grew < 100,
        "peak memory grew by {grew} MiB for a 500 MiB file"
    );

    let mut back = std::fs::File::open(&out).unwrap();
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = back.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    let got: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(got, expected);
}
