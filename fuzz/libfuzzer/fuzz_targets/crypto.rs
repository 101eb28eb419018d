//! `sero_fuzz::crypto`, coverage-guided.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sero_fuzz::crypto(data));
