//! `sero-wallet`'s parts: the keystore, the node client, the database, sync with trial
//! detection, coin selection, transfers, and sending them with recovery. The binary
//! (`main.rs`) is the command line.

#![forbid(unsafe_code)]

pub mod amount;
pub mod chain;
pub mod keystore;
pub mod rpc;
pub mod select;
pub mod send;
pub mod stake;
pub mod store;
pub mod sync;
pub mod transfer;
