//! `sero-wallet`'s parts: the keystore, the node client, the database, sync with trial
//! detection, coin selection, transfers, sending them with recovery, and spending and
//! shielding from start to end. The binary (`main.rs`) is the command line: it parses
//! arguments and renders what these parts return.

#![forbid(unsafe_code)]

pub mod amount;
pub mod chain;
pub mod keystore;
pub mod package;
pub mod rpc;
pub mod select;
pub mod send;
pub mod spend;
pub mod stake;
pub mod store;
pub mod sync;
#[cfg(test)]
mod testing;
pub mod ticket;
pub mod transfer;
