//! `sero_fuzz::extrinsic`, coverage-guided.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sero_fuzz::extrinsic(data));
