//! A buffered reader that can be given bytes back.
//!
//! Resynchronising on a damaged archive means reading ahead (is this block followed by the next
//! record?) and sometimes going back (the next record began inside the block just read). A
//! stream cannot seek, so what was read ahead is put back in front of what is still unread.
//! Only what a reader already holds is put back, so the memory stays bounded by the record
//! limit, as everywhere else.

use std::io::{self, BufRead};

/// How many bytes more than the stream's length may be read again: four records at the
/// default limit. Past it a damaged record is resynchronised by reading on, not back.
const REPLAY_SLACK: u64 = 64 << 20;

/// A [`BufRead`] with [`Rewind::unread`].
pub(crate) struct Rewind<R> {
    front: Vec<u8>,
    at: usize,
    inner: R,
    /// Bytes consumed so far, less those put back.
    position: u64,
    /// The furthest `position` reached, and the bytes given back by [`Rewind::replay`].
    furthest: u64,
    replayed: u64,
    /// While set, the bytes consumed, up to a cap (`None` inside once it was passed).
    recording: Option<(Option<Vec<u8>>, usize)>,
}

impl<R: BufRead> Rewind<R> {
    pub(crate) fn new(inner: R) -> Rewind<R> {
        Rewind {
            front: Vec::new(),
            at: 0,
            inner,
            position: 0,
            furthest: 0,
            replayed: 0,
            recording: None,
        }
    }

    /// Puts `bytes` back, as [`Rewind::unread`] does, unless the bytes given back so far
    /// would then exceed the stream read so far by more than [`REPLAY_SLACK`]: reading again
    /// is what resynchronising costs, and this keeps a file of nested damaged records linear.
    /// False when the bytes were not put back.
    pub(crate) fn replay(&mut self, bytes: &[u8]) -> bool {
        let replayed = self.replayed + bytes.len() as u64;
        if replayed > self.furthest + REPLAY_SLACK {
            return false;
        }
        self.replayed = replayed;
        self.unread(bytes);
        true
    }

    /// Puts `bytes` back: they are read next, before anything still unread.
    pub(crate) fn unread(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.position = self.position.saturating_sub(bytes.len() as u64);
        // Bytes just consumed from the front are put back by stepping back over them.
        if let Some(start) = self.at.checked_sub(bytes.len())
            && self.at <= self.front.len()
            && self.front[start..self.at] == *bytes
        {
            self.at = start;
            return;
        }
        let mut front = Vec::with_capacity(bytes.len() + self.front.len() - self.at);
        front.extend_from_slice(bytes);
        front.extend_from_slice(&self.front[self.at..]);
        self.front = front;
        self.at = 0;
    }

    /// Drops the bytes put back and not read again. After a damaged gzip member they are what
    /// was read ahead of the damage, and the next record starts with the next member, not
    /// inside them.
    pub(crate) fn forget_unread(&mut self) {
        self.position += (self.front.len() - self.at) as u64;
        self.furthest = self.furthest.max(self.position);
        self.front = Vec::new();
        self.at = 0;
    }

    /// Starts keeping the bytes consumed, up to `cap` of them.
    pub(crate) fn record(&mut self, cap: usize) {
        self.recording = Some((Some(Vec::new()), cap));
    }

    /// Stops keeping the bytes consumed; returns them unless there were more than the cap.
    pub(crate) fn recorded(&mut self) -> Option<Vec<u8>> {
        self.recording.take().and_then(|(bytes, _)| bytes)
    }

    /// How far into the stream the next byte read is.
    pub(crate) fn position(&self) -> u64 {
        self.position
    }

    /// Reads up to `n` bytes (fewer at the end of the stream) and puts them back.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<Vec<u8>> {
        let mut seen = Vec::with_capacity(n);
        let result = io::Read::read_to_end(&mut io::Read::take(&mut *self, n as u64), &mut seen);
        self.unread(&seen);
        result.map(|_| seen)
    }
}

impl<R: BufRead> io::Read for Rewind<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Rewind<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.front.len() {
            return Ok(&self.front[self.at..]);
        }
        if !self.front.is_empty() {
            self.front = Vec::new();
            self.at = 0;
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.position += n as u64;
        self.furthest = self.furthest.max(self.position);
        if let Some((Some(bytes), cap)) = &mut self.recording {
            if bytes.len() + n > *cap {
                self.recording = Some((None, 0));
            } else if self.at < self.front.len() {
                bytes.extend_from_slice(&self.front[self.at..self.at + n]);
            } else if let Ok(buffer) = self.inner.fill_buf() {
                bytes.extend_from_slice(&buffer[..n.min(buffer.len())]);
            }
        }
        if self.at < self.front.len() {
            self.at += n;
        } else {
            self.inner.consume(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_put_back_come_first() {
        let mut reader = Rewind::new(&b"abcdef"[..]);
        let mut two = [0; 2];
        io::Read::read_exact(&mut reader, &mut two).expect("in memory");
        assert_eq!(reader.peek(3).expect("in memory"), b"cde");
        reader.unread(b"ab");
        let mut all = Vec::new();
        io::Read::read_to_end(&mut reader, &mut all).expect("in memory");
        assert_eq!(all, b"abcdef");
    }
}
