//! A JSON-lines record far over the size limit is skipped without being held (issue 17,
//! defect 4): a 2 GiB line, generated lazily so nothing is written, is read through the same
//! path as a file while the process's peak memory stays small.
//!
//! This file holds one test, so the peak measured (`VmHWM`, Linux) is this read's alone.

use std::io::Read as _;

use newsfold_read::{ReadOptions, read_from};

/// The line's length: 2 GiB of `a`.
const LINE: u64 = 2 << 30;
/// The most the whole test process may reach. Holding the line would take 2 GiB.
const PEAK_LIMIT_KB: u64 = 200 * 1024;

/// `len` bytes of `a`, made as they are read.
struct Lazy {
    left: u64,
}

impl std::io::Read for Lazy {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        static CHUNK: [u8; 1 << 16] = [b'a'; 1 << 16];
        let n = buf.len().min(CHUNK.len()).min(self.left as usize);
        buf[..n].copy_from_slice(&CHUNK[..n]);
        self.left -= n as u64;
        Ok(n)
    }
}

fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_two_gigabyte_line_is_skipped_in_bounded_memory() {
    let stream = Lazy { left: LINE }.chain(&b"\n{\"text\": \"after\"}\n"[..]);
    let read = read_from("dump.jsonl", stream, &ReadOptions::with_max_bytes(1 << 20));
    assert_eq!(
        read.raws.len(),
        1,
        "the line after is kept: {:?}",
        read.rejected
    );
    assert_eq!(read.raws[0].record.as_deref(), Some("line 2"));
    assert_eq!(read.rejected.len(), 1);
    let rejected = &read.rejected[0];
    assert_eq!(rejected.record.as_deref(), Some("line 1"));
    assert_eq!(
        rejected.reason,
        format!(
            "record is {} bytes, over the limit of 1048576 bytes; raise it with --max-file-size",
            LINE + 1
        )
    );
    if let Some(peak) = peak_kb() {
        assert!(peak < PEAK_LIMIT_KB, "peak memory {peak} kB");
    }
}
