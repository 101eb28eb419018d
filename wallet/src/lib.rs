//! `sero-wallet`'s parts: the keystore, the node client, the database, sync with trial
//! detection, coin selection and transfers. The binary (`main.rs`) is the command line.

#![forbid(unsafe_code)]

pub mod amount;
pub mod chain;
pub mod keystore;
pub mod rpc;
pub mod select;
pub mod store;
pub mod sync;
pub mod transfer;
