//! gzip streams of many members, read so that one damaged member costs only itself.
//!
//! Crawlers write one gzip member per WARC record, so that a record can be found by its
//! offset and a damaged one lost alone. flate2's `MultiGzDecoder` stops at the first bad
//! member. [`Members`] decodes one member at a time; when a member fails (or bytes between
//! members are not gzip), it reports one error, a [`Damaged`] inside an [`io::Error`], and the
//! next read goes on at the next gzip magic (`1f 8b 08`) after the damage. A reader that cannot
//! resume (a whole document) simply stops at that error; the WARC reader rejects the record it
//! was in and reads on.

use std::fmt;
use std::io::{self, BufRead};

use flate2::bufread::GzDecoder;

use crate::rewind::Rewind;

/// The most compressed bytes of one member kept while it is decoded, so that when it fails
/// the search for the next member can start just after its beginning: a member cut short
/// makes the decoder read on into the next one. WARC members hold one record each, far less.
const MEMBER_REPLAY: usize = 16 << 20;

/// The bytes that open a gzip member: the magic and the deflate method.
const MEMBER_MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];

/// One damaged member (or stretch of bytes between members), carried in an [`io::Error`] of
/// the decoder's own kind, so an early end still reads as a truncated stream.
#[derive(Debug)]
pub(crate) struct Damaged {
    member: usize,
    error: String,
    /// The damage is bytes between members, not a member: no record was lost to it.
    between: bool,
}

impl fmt::Display for Damaged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "gzip member {}: {}", self.member, self.error)
    }
}

impl std::error::Error for Damaged {}

/// For bytes between members that are not gzip: the member they follow. Such damage loses
/// no record, so a reader names it by that member.
pub(crate) fn between_members(error: &io::Error) -> Option<usize> {
    let damaged = error.get_ref()?.downcast_ref::<Damaged>()?;
    damaged.between.then_some(damaged.member)
}

/// True when a read failed over one damaged member and the stream reads on after it.
pub(crate) fn is_damaged(error: &io::Error) -> bool {
    error.get_ref().is_some_and(|inner| inner.is::<Damaged>())
}

/// The decompressed bytes of every member in turn (see the module notes).
pub(crate) struct Members<R: BufRead> {
    state: State<R>,
    /// Members started so far, counted from 1.
    member: usize,
    /// Set after a damage until a member decodes whole: later failures (a false magic inside
    /// the damaged bytes) are passed over silently, so one damage gives one error.
    resyncing: bool,
    /// Where the current member began, to tell a failure that consumed nothing (when the
    /// member was too long to keep).
    start: u64,
}

enum State<R: BufRead> {
    Between(Rewind<R>),
    Inside(GzDecoder<Rewind<R>>),
    Done,
}

impl<R: BufRead> Members<R> {
    pub(crate) fn new(input: R) -> Members<R> {
        Members {
            state: State::Between(Rewind::new(input)),
            member: 0,
            resyncing: false,
            start: 0,
        }
    }

    fn damaged(&mut self, kind: io::ErrorKind, error: String, between: bool) -> Option<io::Error> {
        if std::mem::replace(&mut self.resyncing, true) {
            return None;
        }
        let damaged = Damaged {
            member: self.member,
            error,
            between,
        };
        Some(io::Error::new(kind, damaged))
    }
}

impl<R: BufRead> io::Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(0),
                State::Between(mut input) => {
                    let head = input.peek(MEMBER_MAGIC.len())?;
                    if head.is_empty() {
                        return Ok(0);
                    }
                    if head == MEMBER_MAGIC {
                        self.member += 1;
                        self.start = input.position();
                        input.record(MEMBER_REPLAY);
                        self.state = State::Inside(GzDecoder::new(input));
                        continue;
                    }
                    let skipped = skip_to_magic(&mut input)?;
                    self.state = State::Between(input);
                    let message = format!("{skipped} bytes after it are not gzip");
                    if let Some(error) = self.damaged(io::ErrorKind::InvalidData, message, true) {
                        return Err(error);
                    }
                }
                State::Inside(mut decoder) => match decoder.read(buf) {
                    Ok(0) => {
                        self.resyncing = false;
                        let mut input = decoder.into_inner();
                        input.recorded();
                        self.state = State::Between(input);
                    }
                    Ok(n) => {
                        self.state = State::Inside(decoder);
                        return Ok(n);
                    }
                    Err(error) => {
                        let mut input = decoder.into_inner();
                        match input.recorded() {
                            // Look for the next member from just after this one's start.
                            Some(member) if !member.is_empty() && input.replay(&member[1..]) => {}
                            _ if input.position() == self.start => input.consume(1),
                            _ => {}
                        }
                        self.state = State::Between(input);
                        if let Some(error) = self.damaged(error.kind(), error.to_string(), false) {
                            return Err(error);
                        }
                    }
                },
            }
        }
    }
}

/// Consumes bytes up to the next gzip member magic (left unread) or the end; returns how many.
fn skip_to_magic<R: BufRead>(input: &mut Rewind<R>) -> io::Result<u64> {
    let mut skipped = 0;
    let mut matched = 0;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(skipped);
        }
        let mut used = chunk.len();
        for (i, &byte) in chunk.iter().enumerate() {
            matched = if byte == MEMBER_MAGIC[matched] {
                matched + 1
            } else {
                usize::from(byte == MEMBER_MAGIC[0])
            };
            if matched == MEMBER_MAGIC.len() {
                used = i + 1;
                break;
            }
        }
        input.consume(used);
        skipped += used as u64;
        if matched == MEMBER_MAGIC.len() {
            input.unread(MEMBER_MAGIC);
            return Ok(skipped - MEMBER_MAGIC.len() as u64);
        }
    }
}
