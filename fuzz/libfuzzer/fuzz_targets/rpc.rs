//! `sero_fuzz::rpc`, coverage-guided.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sero_fuzz::rpc(data));
