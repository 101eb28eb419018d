//! SERO's zero-knowledge circuits (SPEC §5).
//!
//! Every input and every output of a shielded transaction carries its own Groth16 proof on
//! BN254, so a transaction's proofs are built, and verified, in parallel:
//!
//! - [`output`]: `asset_cm = value·B(id) + ar·G_r` with `value < 2¹²⁸` and `B(id)`
//!   computed inside the circuit from the secret `id`;
//! - [`input`]: the note is a leaf of the tree under `anchor`, its owner knows `vskr`,
//!   `nil` is bound to the leaf and its position, `asset_cm'` re-blinds the leaf's
//!   commitment and `zpka` randomises its spend key.
//!
//! [`setup`] makes (or loads) the proving and verifying keys and [`prover`] builds proofs
//! (its multi-scalar multiplications in [`msm`]); `sero-groth16` checks them (apart, so a
//! node verifies without the prover).

#![forbid(unsafe_code)]

mod gadgets;
mod groth16;
pub mod input;
pub mod msm;
pub mod output;
pub mod prover;
pub mod setup;

pub use sero_groth16::{Bn254, Proof, VerifyingKey};

/// A Groth16 proving key.
pub type ProvingKey = ark_groth16::ProvingKey<Bn254>;
